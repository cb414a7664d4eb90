"""Bodies, organisations, people and their workload, and the pages that change them.

Who may open which page is in organisation/rules.py; each page lists only
what the viewer may read. Lists come a page at a time
(os2org.common.pagination), searched word by word in the database
(organisation.selectors). The public's copy of a page is cached whole (see
os2org.caching); signed-in readers see personal data (e-mail addresses, and
for the secretariat and board who changed what) and edit links, so their
pages are made fresh and never shared.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from os2org.audit.models import Entry
from os2org.caching import cached_page
from os2org.common.forms import SearchForm, add_service_errors
from os2org.common.pagination import PAGE, paginate
from os2org.organisation import selectors
from os2org.organisation.forms import AssignmentForm, BodyForm, EndAssignmentForm, OrganisationForm, PersonForm
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import assign_role, end_assignment, save_body, save_organisation, save_person
from os2org.organisation.workload import Load, workload
from os2org.roles.models import RoleDescription


def _by_time(assignments, on=None):
    """(current, upcoming, former) assignments, former ones latest first."""
    day = on or timezone.localdate()
    current, upcoming, former = [], [], []
    for assignment in assignments:
        if assignment.ends is not None and assignment.ends <= day:
            former.append(assignment)
        elif assignment.starts > day:
            upcoming.append(assignment)
        else:
            current.append(assignment)
    former.sort(key=lambda a: (a.ends, a.pk), reverse=True)
    return current, upcoming, former


@require_safe
@cached_page
def overview(request):
    """The association's bodies as a tree (selectors.body_summary); the list of all of them is `bodies`."""
    bodies = list(selectors.body_summary(viewer=request.viewer))
    children = defaultdict(list)
    for body in bodies:
        children[body.parent_id].append(body)
    for body in bodies:
        body.tree_children = children[body.pk]
    return render(request, "organisation/overview.html", {"tree": children[None]})


def _searched(request, find, *, label):
    """The list's search form (its field labelled `label`) and the page of `find(viewer=…, words=…)` asked for."""
    search = SearchForm(request.GET, label=label)
    return {"search": search, "page": paginate(request, find(viewer=request.viewer, words=search.words))}


@require_safe
@cached_page("q", PAGE)
def bodies(request):
    context = _searched(request, selectors.bodies, label=_("Search bodies by name"))
    return render(request, "organisation/bodies.html", context)


@require_safe
@cached_page
def body(request, slug):
    viewer = request.viewer
    bodies = Body.objects.filter(viewer.visible(body="pk"))
    body = get_object_or_404(bodies.select_related("parent", "programme"), slug=slug)
    assignments = body.assignments.filter(viewer.visible(prefix="person__"))
    current, upcoming, former = _by_time(assignments.select_related("person", "role__page").order_by("starts", "pk"))
    organisations = Organisation.objects.filter(viewer.visible()).only("name", "slug")
    context = {
        "body": body,
        "children": bodies.filter(parent=body).only("name", "slug", "kind"),
        "communities": bodies.filter(programme=body).only("name", "slug", "kind"),
        "member_authorities": organisations.filter(communities=body),
        "suppliers": organisations.filter(supplied_communities=body),
        "current": current,
        "upcoming": upcoming,
        "former": former,
    }
    return render(request, "organisation/body.html", context)


@require_safe
@cached_page("q", PAGE)
def organisations(request):
    context = _searched(request, selectors.organisations, label=_("Search organisations by name"))
    return render(request, "organisation/organisations.html", context)


@require_safe
@cached_page
def organisation(request, slug):
    viewer = request.viewer
    organisation = get_object_or_404(Organisation.objects.filter(viewer.visible()), slug=slug)
    bodies = Body.objects.filter(viewer.visible(body="pk")).only("name", "slug", "kind")
    context = {
        "organisation": organisation,
        "employees": organisation.employees.filter(viewer.visible()).only("name", "slug"),
        "communities": bodies.filter(member_authorities=organisation),
        "supplied": bodies.filter(suppliers=organisation),
    }
    return render(request, "organisation/organisation.html", context)


@require_safe
@cached_page("q", PAGE)
def people(request):
    viewer = request.viewer
    if viewer.sees_emails:
        label = _("Search people by name, employer or e-mail")
    else:
        label = _("Search people by name or employer")
    context = _searched(request, selectors.people, label=label)
    if viewer.sees_hours:
        for person in context["page"]:
            person.load = Load(person.current_hours or Decimal(0), person.contract_hours)
    return render(request, "organisation/people.html", context)


@dataclass(frozen=True)
class Change:
    label: str
    before: object
    after: object


@dataclass(frozen=True)
class Event:
    entry: Entry
    what: str
    subject: str
    changes: list


# Fields whose history says nothing a reader needs, and the models that
# the snapshot's ids of related objects point to.
UNTOLD = {"id", "slug", "person"}
REFERENCES = {"employer": Organisation, "body": Body, "role": RoleDescription, "reports_to": Person}


def person_history(person, assignments):
    """The audit entries of a person and their assignments, newest first, told field by field, with who made them.

    Personal data: for those who see named people's hours (Viewer.sees_hours).
    """
    entries = Entry.objects.filter(
        Q(object_type=Person._meta.label_lower, object_id=str(person.pk))
        | Q(object_type=Assignment._meta.label_lower, object_id__in=[str(a.pk) for a in assignments])
    )
    entries = list(entries.select_related("actor"))
    names = _names(entries)
    return [_event(entry, names) for entry in entries]


def _snapshots(entry):
    return entry.data.get("before"), entry.data.get("after")


def _names(entries):
    """For each model an entry refers to by id, its objects' names, in one query per model."""
    wanted = defaultdict(set)
    for entry in entries:
        for snapshot in _snapshots(entry):
            for field, model in REFERENCES.items():
                if snapshot and snapshot.get(field) is not None:
                    wanted[model].add(snapshot[field])
    return {model: dict(model.objects.filter(pk__in=ids).values_list("pk", "name")) for model, ids in wanted.items()}


def _event(entry, names):
    before, after = _snapshots(entry)
    is_person = entry.object_type == Person._meta.label_lower
    model = Person if is_person else Assignment
    if is_person:
        what = _("Person created") if before is None else _("Person changed")
        subject = (after or before or {}).get("name", "")
    else:
        what = _("Assignment created") if before is None else _("Assignment changed")
        state = after or before or {}
        subject = " – ".join(
            str(part)
            for part in (_value(model, "body", state.get("body"), names), _value(model, "role", state.get("role"), names))
            if part
        )
    changes = []
    for field in model._meta.concrete_fields:
        if field.name in UNTOLD:
            continue
        old = before.get(field.name) if before else None
        new = after.get(field.name) if after else None
        if old == new or (before is None and new in (None, "")):
            continue
        changes.append(
            Change(str(field.verbose_name), _value(model, field.name, old, names), _value(model, field.name, new, names))
        )
    return Event(entry, what, subject, changes)


def _value(model, name, value, names):
    """A snapshot's value as a reader should see it (names for ids, labels for choices)."""
    if value is None or value == "":
        return ""
    if name in REFERENCES:
        return names[REFERENCES[name]].get(value, _("(deleted)"))
    field = model._meta.get_field(name)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.get_internal_type() == "DateField":
        return date.fromisoformat(value)
    if field.get_internal_type() == "DecimalField":
        number = Decimal(value)
        return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    return value


@require_safe
@cached_page
def person(request, slug):
    viewer = request.viewer
    person = get_object_or_404(Person.objects.filter(viewer.visible()).select_related("employer"), slug=slug)
    assignments = list(person.assignments.select_related("body", "role__page", "reports_to").order_by("starts", "pk"))
    current, upcoming, former = _by_time(assignments)
    context = {"person": person, "current": current, "upcoming": upcoming, "former": former}
    if viewer.sees_hours:
        # Named people's hours and the history of them: the secretariat's and the board's (Viewer.sees_hours).
        context.update(workload=workload(person, current), history=person_history(person, assignments))
    return render(request, "organisation/person.html", context)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _edit(request, obj, *, form_class, save, name, saved, **form_kwargs):
    """The form for `obj` (None: a new one); a valid post is saved through `save`, the service,
    and the page it leads to says `saved`."""
    form = form_class(_posted(request), **{name: obj}, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, saved)
            return redirect(obj)
    return render(request, f"organisation/{name}_form.html", {"form": form, name: obj})


BODY = {"form_class": BodyForm, "save": save_body, "name": "body", "saved": gettext_lazy("The body is saved.")}
ORGANISATION = {
    "form_class": OrganisationForm,
    "save": save_organisation,
    "name": "organisation",
    "saved": gettext_lazy("The organisation is saved."),
}
PERSON = {
    "form_class": PersonForm,
    "save": save_person,
    "name": "person",
    "saved": gettext_lazy("The person is saved."),
}


@require_http_methods(["GET", "HEAD", "POST"])
def body_create(request):
    return _edit(request, None, **BODY, viewer=request.viewer)


@require_http_methods(["GET", "HEAD", "POST"])
def body_edit(request, slug):
    return _edit(request, get_object_or_404(Body, slug=slug), **BODY, viewer=request.viewer)


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request):
    return _edit(request, None, **ORGANISATION)


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, slug):
    return _edit(request, get_object_or_404(Organisation, slug=slug), **ORGANISATION)


@require_http_methods(["GET", "HEAD", "POST"])
def person_create(request):
    return _edit(request, None, **PERSON)


@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request, slug):
    return _edit(request, get_object_or_404(Person, slug=slug), **PERSON)


@require_http_methods(["GET", "HEAD", "POST"])
def assignment_create(request, slug):
    return _assignment_form(request, get_object_or_404(Person, slug=slug), None)


@require_http_methods(["GET", "HEAD", "POST"])
def assignment_edit(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("person", "body"), pk=pk)
    return _assignment_form(request, assignment.person, assignment)


def _assignment_form(request, person, assignment):
    form = AssignmentForm(_posted(request), person=person, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assign_role(
                person,
                assignment=assignment,
                actor=request.user,
                body=data["body"],
                role=data["role"],
                function=data["function"],
                starts=data["starts"],
                ends=data["ends"],
                hours_per_week=data["hours_per_week"] or None,
                share=data["share"] or None,
                reports_to=data["reports_to"],
                revision=data["revision"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment is saved."))
            return redirect(person)
    context = {"form": form, "person": person, "assignment": assignment}
    return render(request, "organisation/assignment_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def assignment_end(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("person", "body", "role"), pk=pk)
    form = EndAssignmentForm(_posted(request), assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            end_assignment(assignment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment is ended."))
            return redirect(assignment.person)
    return render(request, "organisation/assignment_end.html", {"form": form, "assignment": assignment})
