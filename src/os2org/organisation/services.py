"""Changing the organisation. Every function writes its audit entry in the same transaction.

A function that changes a stored object takes the `revision` its edit form
was opened at and refuses the save if someone saved the object since (see
audit.services.check_revision); None, as commands and the loader pass,
skips the check.
"""

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.utils.text import slugify
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, record_each, snapshot
from os2org.common.bulk import InvalidItem, clean_without_queries, item, save_all, violated
from os2org.common.names import clean_name, name_key
from os2org.common.numbers import FULL_TIME_HOURS, HOURS_IN_A_WEEK, parse_decimal
from os2org.common.validation import full_clean
from os2org.organisation.models import Assignment, Body, BodyRelation, Organisation, Person


def unique_slug(model, name, *, exclude_pk=None, taken=None):
    """An address made from the name, unique among the model's, and within its length.

    Cut short enough to leave room for the "-2", "-3", … that tells two of
    one name apart: a long name must not make its address too long to store.
    `taken`, the set of the model's addresses read once, spares a query per
    try; the address chosen is added to it.
    """
    room = model._meta.get_field("slug").max_length - 10
    base = (slugify(name, allow_unicode=True) or model._meta.model_name)[:room].strip("-_")

    def in_use(slug):
        if taken is not None:
            return slug in taken
        return model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()

    slug, number = base, 2
    while in_use(slug):
        slug, number = f"{base}-{number}", number + 1
    if taken is not None:
        taken.add(slug)
    return slug


def _set_fields(obj, fields, *, taken=None):
    """Set `fields` on `obj`, the name cleaned, and give a new object its address."""
    if "name" in fields:
        fields = {**fields, "name": clean_name(fields["name"])}
    for name, value in fields.items():
        setattr(obj, name, value)
    if not obj.slug:
        obj.slug = unique_slug(type(obj), obj.name, exclude_pk=obj.pk, taken=taken)


def _save(obj, *, action, actor, fields, revision=None, related=None):
    """Validate and save `obj` with `fields` set, and its many-to-many `related` lists if given; record both.

    The audit entry's before and after hold the many-to-many lists too,
    taken once they are set.
    """
    check_revision(obj, revision)
    before = snapshot(obj)
    _set_fields(obj, fields)
    full_clean(obj)
    check_unique_name(obj)
    obj.save()
    for name, values in (related or {}).items():
        if values is not None:
            getattr(obj, name).set(values)
    record(action, summary=_named(obj), actor=actor, obj=obj, before=before, after=snapshot(obj))
    return obj


def check_unique_name(obj):
    """An organisation's name is its own: none other may look the same (os2org.common.names)."""
    if not isinstance(obj, Organisation):
        return
    other = Organisation.objects.filter(name_key=name_key(obj.name)).exclude(pk=obj.pk).first()
    if other is not None:
        raise _name_taken(other.name)


def _name_taken(name):
    message = _("An organisation named “%(name)s” exists already.") % {"name": name}
    return ValidationError({"name": message}, code="name_taken")


def check_not_inside_itself(body, parent):
    """A body cannot be part of itself, directly or through the bodies above `parent`."""
    if body is None or body.pk is None or parent is None:
        return
    parents = dict(Body.objects.values_list("pk", "parent_id"))
    above, seen = parent.pk, set()
    while above is not None and above not in seen:
        if above == body.pk:
            raise _inside_itself(body)
        seen.add(above)
        above = parents.get(above)


def _inside_itself(body):
    return ValidationError({"parent": _("“%(name)s” would be part of itself.") % {"name": body.name}})


@transaction.atomic
def save_body(body=None, *, actor=None, revision=None, suppliers=None, **fields):
    """Create or change a body. Side effects: one Body row (and its list of suppliers), one audit entry.

    Its member authorities follow from agreements (os2org.members.services).

    Raises ValidationError naming the field for bad input, such as a parent
    that would make the body part of itself; nothing is saved then.
    """
    if "parent" in fields:
        check_not_inside_itself(body, fields["parent"])
    related = {"suppliers": suppliers}
    return _save(body or Body(), action="organisation.body", actor=actor, fields=fields, revision=revision, related=related)


@transaction.atomic
def relate_bodies(source, target, *, kind=BodyRelation.Kind.BOTH_WAYS, position=0, actor=None):
    """Record that two bodies work together (an edge of the org chart), or change how.

    Side effects: one BodyRelation row, one audit entry.
    """
    if source == target:
        raise ValidationError({"target": _("A body cannot be related to itself.")})
    relation = BodyRelation.objects.filter(source=source, target=target).first()
    relation = relation or BodyRelation(source=source, target=target)
    before = snapshot(relation)
    relation.kind, relation.position = kind, position
    relation.full_clean(validate_unique=False, validate_constraints=False)
    relation.save()
    record("organisation.relation", summary=str(relation), actor=actor, obj=relation, before=before, after=snapshot(relation))
    return relation


@transaction.atomic
def unrelate_bodies(relation, *, actor=None):
    """Remove a relation between two bodies. Side effects: the BodyRelation row is deleted, one audit entry."""
    before = snapshot(relation)
    record("organisation.relation", summary=str(relation), actor=actor, obj=relation, before=before, after=None)
    relation.delete()


@transaction.atomic
def save_organisation(organisation=None, *, actor=None, revision=None, **fields):
    """Create or change an organisation. Side effects: one Organisation row, one audit entry."""
    organisation = organisation or Organisation()
    return _save(organisation, action="organisation.organisation", actor=actor, fields=fields, revision=revision)


@transaction.atomic
def save_person(person=None, *, actor=None, revision=None, **fields):
    """Create or change a person. Side effects: one Person row, one audit entry."""
    return _save(person or Person(), action="organisation.person", actor=actor, fields=fields, revision=revision)


def hours_from(*, hours_per_week=None, share=None):
    """(hours per week, share) from whichever was entered; share is of a 37-hour week."""
    if (hours_per_week is None) == (share is None):
        raise ValidationError({"hours_per_week": _("Enter either hours per week or a share of a full year, not both.")})
    if share is None:
        hours = _decimal(hours_per_week, "hours_per_week")
        if not Decimal(0) < hours <= HOURS_IN_A_WEEK:
            raise ValidationError({"hours_per_week": _("Hours per week must be more than 0 and at most 168.")})
        return hours, None
    share = _fraction(share)
    if not Decimal(0) < share <= 1:
        raise ValidationError({"share": _("A share of a full year must be more than 0 and at most 1 (e.g. 1/3).")})
    return (share * FULL_TIME_HOURS).quantize(Decimal("0.01")), share.quantize(Decimal("0.0001"))


def _decimal(value, field):
    number = parse_decimal(value)
    if number is None:
        raise ValidationError({field: _("“%(value)s” is not a number.") % {"value": value}})
    return number


def _fraction(value):
    """1/3, 0.5, "0,5" or Decimal: a share as a Decimal."""
    text = str(value).strip()
    if "/" in text:
        top, _slash, bottom = text.partition("/")
        top, bottom = _decimal(top, "share"), _decimal(bottom, "share")
        if bottom == 0:
            raise ValidationError({"share": _("A share cannot divide by zero.")})
        return top / bottom
    return _decimal(text, "share")


CHAIRS = (Assignment.Function.CHAIR, Assignment.Function.VICE_CHAIR)


def check_one_chair(assignment):
    """A body has one chair (and one vice-chair) at a time."""
    if assignment.function not in CHAIRS:
        return
    overlapping = Assignment.objects.filter(body=assignment.body, function=assignment.function).exclude(
        pk=assignment.pk
    )
    overlapping = overlapping.filter(Q(ends__isnull=True) | Q(ends__gt=assignment.starts))
    if assignment.ends:
        overlapping = overlapping.filter(starts__lt=assignment.ends)
    holder = overlapping.select_related("person").first()
    if holder:
        raise _chair_taken(assignment, holder)


def _chair_taken(assignment, holder):
    return ValidationError(
        {
            "function": _("%(body)s already has a %(function)s in that period: %(person)s.")
            % {"body": assignment.body, "function": assignment.get_function_display(), "person": holder.person}
        }
    )


@transaction.atomic
def assign_role(
    person,
    *,
    body,
    starts,
    role=None,
    function=Assignment.Function.MEMBER,
    hours_per_week=None,
    share=None,
    ends=None,
    reports_to=None,
    actor=None,
    assignment=None,
    revision=None,
):
    """Let a person hold a role in a body (or change an assignment).

    Side effects: one Assignment row, one audit entry. Raises
    ValidationError naming the field for bad input; nothing is saved then.
    """
    hours, share = hours_from(hours_per_week=hours_per_week, share=share)
    assignment = assignment or Assignment()
    check_revision(assignment, revision)
    before = snapshot(assignment)
    assignment.person, assignment.body, assignment.role = person, body, role
    assignment.function, assignment.starts, assignment.ends = function, starts, ends
    assignment.hours_per_week, assignment.share, assignment.reports_to = hours, share, reports_to
    full_clean(assignment)
    check_one_chair(assignment)
    assignment.save()
    record(
        "organisation.assignment",
        summary=_assignment_summary(assignment),
        actor=actor,
        obj=assignment,
        before=before,
        after=snapshot(assignment),
    )
    return assignment


def _assignment_summary(assignment):
    return f"{assignment.person}: {assignment.role or assignment.get_function_display()} i {assignment.body}"


@transaction.atomic
def end_assignment(assignment, *, ends, actor=None, revision=None):
    """End an assignment on a date. Side effects: the Assignment row, one audit entry."""
    return assign_role(
        assignment.person,
        body=assignment.body,
        starts=assignment.starts,
        role=assignment.role,
        function=assignment.function,
        hours_per_week=None if assignment.share is not None else assignment.hours_per_week,
        share=assignment.share,
        ends=ends,
        reports_to=assignment.reports_to,
        actor=actor,
        assignment=assignment,
        revision=revision,
    )


# Many at once. A loaded file changes hundreds of objects: these functions
# do for each what the function of one does, in a few queries whatever their
# number (see os2org.common.bulk). They work inside the caller's transaction
# without a savepoint of their own; an InvalidItem undoes that transaction.


def _me(obj):
    """What stands for `obj` in the maps of names and numbers: its id, or itself while it is new."""
    return obj if obj.pk is None else obj.pk


def _prepare(model, changes, *, taken, check):
    """Set and validate each of `changes` ([(obj or None, fields)]) in order: [(obj, before)].

    `check(obj, before)` makes the model's own checks in Python and keeps
    what it checks against up to date.
    """
    prepared = []
    for index, (obj, fields) in enumerate(changes):
        obj = obj or model()
        before = snapshot(obj)
        _set_fields(obj, fields, taken=taken)
        with item(index):
            clean_without_queries(obj)
            check(obj, before)
        prepared.append((obj, before))
    return prepared


def _named(obj):
    """An audit entry's summary of an organisation, body or person, as _save words it."""
    return f"{obj._meta.verbose_name}: {obj}"


def _changed_fields(changes, *also):
    return sorted({name for _obj, fields in changes for name in fields} | set(also))


@transaction.atomic(savepoint=False)
def save_organisations(changes: Sequence[tuple[Organisation | None, dict]], *, actor=None) -> list[Organisation]:
    """save_organisation for many: `changes` is [(organisation or None, fields)], in order.

    The stored names, CVR numbers and addresses are read once; each change
    is checked against them and the changes before it. Side effects: the
    Organisation rows, one audit entry each. Raises InvalidItem for the
    first invalid change. Returns the organisations.
    """
    names, cvrs, taken = {}, {}, set()
    for pk, key, name, cvr, slug in Organisation.objects.values_list("pk", "name_key", "name", "cvr", "slug"):
        names[key] = (pk, name)
        cvrs[cvr] = pk
        taken.add(slug)

    def check(organisation, before):
        # Organisation.save() sets it; bulk writes do not call save().
        organisation.name_key = name_key(organisation.name)
        me = _me(organisation)
        owner, name = names.get(organisation.name_key, (me, ""))
        if owner != me:
            raise _name_taken(name)
        if organisation.cvr and cvrs.get(organisation.cvr, me) != me:
            raise violated(Organisation, "organisation_cvr_unique")
        if before:
            names.pop(name_key(before["name"]), None)
            cvrs.pop(before["cvr"], None)
        names[organisation.name_key] = (me, organisation.name)
        cvrs[organisation.cvr] = me

    prepared = _prepare(Organisation, changes, taken=taken, check=check)
    renamed = [
        obj
        for obj, before in prepared
        if before and (before["cvr"], name_key(before["name"])) != (obj.cvr, obj.name_key)
    ]
    save_all([obj for obj, _before in prepared], _changed_fields(changes, "slug", "name_key"), one_by_one=renamed)
    record_each("organisation.organisation", prepared, summary=_named, actor=actor)
    return [obj for obj, _before in prepared]


@transaction.atomic(savepoint=False)
def save_people(changes: Sequence[tuple[Person | None, dict]], *, actor=None) -> list[Person]:
    """save_person for many: `changes` is [(person or None, fields)], in order.

    Side effects: the Person rows, one audit entry each. Raises InvalidItem
    for the first invalid change. Returns the people.
    """
    taken = set(Person.objects.values_list("slug", flat=True))
    prepared = _prepare(Person, changes, taken=taken, check=lambda person, before: None)
    save_all([obj for obj, _before in prepared], _changed_fields(changes, "slug"))
    record_each("organisation.person", prepared, summary=_named, actor=actor)
    return [obj for obj, _before in prepared]


BODY_LISTS = ("suppliers",)


@transaction.atomic(savepoint=False)
def save_bodies(changes: Sequence[tuple[Body | None, dict]], *, actor=None) -> list[Body]:
    """save_body for many: `changes` is [(body or None, fields)], in order.

    `fields` may hold the list of suppliers, and a
    body's parent or programme may be another body of the changes, new or
    not. Side effects: the Body rows and their member lists, one audit
    entry each. Raises InvalidItem for the first invalid change, such as
    a parent that would make a body part of itself. Returns the bodies.
    """
    lists = [{name: list(dict.fromkeys(given[name])) for name in BODY_LISTS if name in given} for _b, given in changes]
    changes = [(body, {key: value for key, value in given.items() if key not in BODY_LISTS}) for body, given in changes]
    # The lists as they were, for the audit entries: read once (unless the caller has).
    prefetch_related_objects([body for body, _fields in changes if body is not None and body.pk], *BODY_LISTS)
    prepared = _prepare(Body, changes, taken=set(Body.objects.values_list("slug", flat=True)), check=_check_body)
    bodies = [body for body, _before in prepared]
    stored = [body for body in bodies if body.pk is not None]
    _insert_parents_first(bodies)
    # After the new ones: a stored body may be put inside a new one.
    save_all(stored, _changed_fields(changes, "slug"))
    _check_no_body_inside_itself(bodies)
    _set_body_lists(bodies, lists, stored={body.pk for body in stored})
    after = [_lists_now(found, new=before is None) for found, (_body, before) in zip(lists, prepared)]
    record_each("organisation.body", prepared, summary=_named, actor=actor, related=dict(enumerate(after)))
    return bodies


def _check_body(body, before):
    # A stored parent or programme was checked when it was set.
    parent, programme = _parent_and_programme(body)
    if parent is not None and _me(parent) == _me(body):
        raise _inside_itself(body)
    if programme is not None and programme.kind != Body.Kind.PROGRAMME:
        message = _("“%(name)s” is not a programme (it is a %(kind)s).")
        raise ValidationError({"programme": message % {"name": programme, "kind": programme.get_kind_display()}})


def _insert_parents_first(bodies):
    """Insert the new ones of `bodies`, each after the new body it is part of (or in the programme of).

    A query per level of new bodies inside new bodies.
    """
    new = [body for body in bodies if body.pk is None]
    for body in new:
        body.derive()
    while new:
        ready = [body for body in new if all(other is None or other.pk for other in _parent_and_programme(body))]
        if not ready:
            # New bodies each inside the other (the loader refuses them before).
            raise InvalidItem(bodies.index(new[0]), _inside_itself(new[0]))
        Body.objects.bulk_create(ready)
        new = [body for body in new if body.pk is None]


def _parent_and_programme(body):
    """The parent and programme set on `body` since it was read, without a query; None where none was set."""
    return Body.parent.field.get_cached_value(body, None), Body.programme.field.get_cached_value(body, None)


def _check_no_body_inside_itself(bodies):
    """Refuse the first of the stored `bodies` that is now part of itself, through any number of bodies."""
    parents = dict(Body.objects.values_list("pk", "parent_id"))
    for index, body in enumerate(bodies):
        above, seen = parents[body.pk], set()
        while above is not None and above not in seen:
            if above == body.pk:
                raise InvalidItem(index, _inside_itself(body))
            seen.add(above)
            above = parents.get(above)


def _lists_now(found, *, new):
    """A body's member lists for its audit entry: those given, sorted by name, and a new body's empty ones.

    The others are still as prefetched.
    """
    return {name: sorted(found.get(name, []), key=attrgetter("name")) for name in (BODY_LISTS if new else found)}


def _set_body_lists(bodies, lists, *, stored):
    """Replace each body's member lists that `lists` ({name: organisations} per body) gives.

    `stored` holds the ids of the bodies that were stored before, and so may have lists to replace.
    """
    for name in BODY_LISTS:
        field = Body._meta.get_field(name)
        through = field.remote_field.through
        given = [(body, found[name]) for body, found in zip(bodies, lists) if name in found]
        if not given:
            continue
        replaced = [body.pk for body, _values in given if body.pk in stored]
        if replaced:
            through.objects.filter(**{f"{field.m2m_field_name()}__in": replaced}).delete()
        through.objects.bulk_create(
            through(**{field.m2m_column_name(): body.pk, field.m2m_reverse_name(): organisation.pk})
            for body, values in given
            for organisation in values
        )


def _pair(relation):
    return relation.source_id, relation.target_id


@transaction.atomic(savepoint=False)
def save_relations(changes: Sequence[tuple[BodyRelation | None, dict]], *, actor=None) -> list[BodyRelation]:
    """relate_bodies for many: `changes` is [(relation or None, fields)], fields being source, target, kind, position.

    Side effects: the BodyRelation rows, one audit entry each. Raises
    InvalidItem for the first invalid change. Returns the relations.
    """
    pairs = {(source, target): pk for pk, source, target in BodyRelation.objects.values_list("pk", "source", "target")}
    prepared = []
    for index, (relation, fields) in enumerate(changes):
        relation = relation or BodyRelation()
        before = snapshot(relation)
        for name, value in fields.items():
            setattr(relation, name, value)
        pair, me = _pair(relation), _me(relation)
        with item(index):
            if relation.source_id == relation.target_id:
                raise ValidationError({"target": _("A body cannot be related to itself.")})
            clean_without_queries(relation)
            if pairs.get(pair, me) != me:
                raise violated(BodyRelation, "body_relation_unique")
        if before:
            pairs.pop((before["source"], before["target"]), None)
        pairs[pair] = me
        prepared.append((relation, before))
    moved = [obj for obj, before in prepared if before and (before["source"], before["target"]) != _pair(obj)]
    save_all([obj for obj, _before in prepared], ["source", "target", "kind", "position"], one_by_one=moved)
    record_each("organisation.relation", prepared, summary=str, actor=actor)
    return [relation for relation, _before in prepared]


ASSIGNMENT_DEFAULTS = {"role": None, "function": Assignment.Function.MEMBER, "ends": None, "reports_to": None}


@transaction.atomic(savepoint=False)
def assign_roles(changes: Sequence[tuple[Assignment | None, dict]], *, actor=None) -> list[Assignment]:
    """assign_role for many: `changes` is [(assignment or None, fields)], fields being assign_role's.

    As there, an assignment is described whole: a field left out takes
    assign_role's default (no end, no role, nobody to report to).

    Each change is checked against the chairs and vice-chairs, read once,
    and the changes before it. Side effects: the Assignment rows, one audit
    entry each. Raises InvalidItem for the first invalid change. Returns
    the assignments.
    """
    chairs = defaultdict(list)
    for chair in Assignment.objects.filter(function__in=CHAIRS).select_related("person", "body"):
        chairs[chair.body_id, chair.function].append(chair)
    prepared = []
    for index, (assignment, fields) in enumerate(changes):
        assignment = assignment or Assignment()
        before = snapshot(assignment)
        with item(index):
            hours, share = hours_from(hours_per_week=fields.get("hours_per_week"), share=fields.get("share"))
            for name, value in (ASSIGNMENT_DEFAULTS | fields | {"hours_per_week": hours, "share": share}).items():
                setattr(assignment, name, value)
            clean_without_queries(assignment)
            if assignment.ends is not None and assignment.ends <= assignment.starts:
                raise violated(Assignment, "assignment_ends_after_start")
            _check_one_chair_among(assignment, chairs)
        prepared.append((assignment, before))
    opened = [obj for obj, before in prepared if before and _opens_a_chair(obj, before)]
    fields = _changed_fields(changes, *ASSIGNMENT_DEFAULTS, "hours_per_week", "share")
    save_all([obj for obj, _before in prepared], fields, one_by_one=opened)
    record_each("organisation.assignment", prepared, summary=_assignment_summary, actor=actor)
    return [assignment for assignment, _before in prepared]


def _check_one_chair_among(assignment, chairs):
    """check_one_chair against `chairs` ({(body id, function): [assignments]}), which it keeps up to date."""
    if assignment.pk is not None:
        for held in chairs.values():
            held[:] = [chair for chair in held if chair.pk != assignment.pk]
    if assignment.function not in CHAIRS:
        return
    held = chairs[assignment.body_id, assignment.function]
    overlapping = [chair for chair in held if _overlaps(assignment, chair)]
    if overlapping:
        raise _chair_taken(assignment, min(overlapping, key=attrgetter("starts")))
    held.append(assignment)


def _opens_a_chair(assignment, before):
    """Whether a stored assignment becomes an open chair it was not: it may take the place of one ending in the same go.

    (assignment_one_open_chair_per_body allows one open chair and vice-chair per body.)
    """
    if assignment.function not in CHAIRS or assignment.ends is not None:
        return False
    return (before["body"], before["function"], before["ends"]) != (assignment.body_id, assignment.function, None)


def _overlaps(assignment, other):
    """Whether two assignments hold on a day together."""
    return (other.ends is None or other.ends > assignment.starts) and (
        assignment.ends is None or other.starts < assignment.ends
    )
