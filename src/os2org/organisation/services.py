"""Changing the organisation. Every function writes its audit entry in the same transaction.

A function that changes a stored object takes the `revision` its edit form
was opened at and refuses the save if someone saved the object since (see
audit.services.check_revision); None, as commands and the loader pass,
skips the check.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, snapshot
from os2org.common.names import clean_name, name_key
from os2org.common.numbers import FULL_TIME_HOURS, HOURS_IN_A_WEEK, parse_decimal
from os2org.organisation.models import Assignment, Body, BodyRelation, Organisation, Person


def unique_slug(model, name, *, exclude_pk=None):
    """An address made from the name, unique among the model's, and within its length.

    Cut short enough to leave room for the "-2", "-3", … that tells two of
    one name apart: a long name must not make its address too long to store.
    """
    room = model._meta.get_field("slug").max_length - 10
    base = (slugify(name, allow_unicode=True) or model._meta.model_name)[:room].strip("-_")
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save(obj, *, action, actor, fields, revision=None, related=None):
    """Validate and save `obj` with `fields` set, and its many-to-many `related` lists if given; record both.

    The audit entry's before and after hold the many-to-many lists too,
    taken once they are set.
    """
    check_revision(obj, revision)
    before = snapshot(obj)
    if "name" in fields:
        fields = {**fields, "name": clean_name(fields["name"])}
    for name, value in fields.items():
        setattr(obj, name, value)
    if not obj.slug:
        obj.slug = unique_slug(type(obj), obj.name, exclude_pk=obj.pk)
    obj.full_clean(validate_unique=True, validate_constraints=True)
    check_unique_name(obj)
    obj.save()
    for name, values in (related or {}).items():
        if values is not None:
            getattr(obj, name).set(values)
    record(action, summary=f"{obj._meta.verbose_name}: {obj}", actor=actor, obj=obj, before=before, after=snapshot(obj))
    return obj


def check_unique_name(obj):
    """An organisation's name is its own: none other may look the same (os2org.common.names)."""
    if not isinstance(obj, Organisation):
        return
    other = Organisation.objects.filter(name_key=name_key(obj.name)).exclude(pk=obj.pk).first()
    if other is not None:
        raise ValidationError(
            {"name": _("An organisation named “%(name)s” exists already.") % {"name": other.name}}, code="name_taken"
        )


def check_not_inside_itself(body, parent):
    """A body cannot be part of itself, directly or through the bodies above `parent`."""
    if body is None or body.pk is None or parent is None:
        return
    parents = dict(Body.objects.values_list("pk", "parent_id"))
    above, seen = parent.pk, set()
    while above is not None and above not in seen:
        if above == body.pk:
            raise ValidationError({"parent": _("“%(name)s” would be part of itself.") % {"name": body.name}})
        seen.add(above)
        above = parents.get(above)


@transaction.atomic
def save_body(body=None, *, actor=None, revision=None, member_authorities=None, suppliers=None, **fields):
    """Create or change a body. Side effects: one Body row (and its member lists), one audit entry.

    Raises ValidationError naming the field for bad input, such as a parent
    that would make the body part of itself; nothing is saved then.
    """
    if "parent" in fields:
        check_not_inside_itself(body, fields["parent"])
    related = {"member_authorities": member_authorities, "suppliers": suppliers}
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


def check_one_chair(assignment):
    """A body has one chair (and one vice-chair) at a time."""
    if assignment.function not in (Assignment.Function.CHAIR, Assignment.Function.VICE_CHAIR):
        return
    overlapping = Assignment.objects.filter(body=assignment.body, function=assignment.function).exclude(
        pk=assignment.pk
    )
    overlapping = overlapping.filter(Q(ends__isnull=True) | Q(ends__gt=assignment.starts))
    if assignment.ends:
        overlapping = overlapping.filter(starts__lt=assignment.ends)
    holder = overlapping.select_related("person").first()
    if holder:
        raise ValidationError(
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
    assignment.full_clean(validate_constraints=True)
    check_one_chair(assignment)
    assignment.save()
    record(
        "organisation.assignment",
        summary=f"{person}: {assignment.role or assignment.get_function_display()} i {body}",
        actor=actor,
        obj=assignment,
        before=before,
        after=snapshot(assignment),
    )
    return assignment


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
