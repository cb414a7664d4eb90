"""Changing checklists, product reviews and deviations.

Every function writes its audit entry in the same transaction. A function
that changes a stored object takes the `revision` its form was opened at
and refuses the save if someone saved the object since
(audit.services.check_revision); None, as commands and loaders pass, skips
the check. Errors are ValidationErrors filed under the form field they are
about, and nothing is written when one is raised.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import check_revision, record, record_each, snapshot
from os2org.common.validation import full_clean
from os2org.organisation.models import Body, Person
from os2org.roles.models import RoleDescription
from os2org.standards.models import (
    MOST_POINTS,
    PRODUCT_KIND,
    Answer,
    Checklist,
    ChecklistPoint,
    Deviation,
    ProductReview,
)


@dataclass(frozen=True)
class PointRow:
    """A point of a checklist as a form or a file gives it."""

    title: str
    guidance: str = ""


@dataclass(frozen=True)
class Judgement:
    """How a review judged one point: its answer's id, a result (Answer.Result or "") and a comment."""

    answer_id: int
    result: str
    comment: str = ""


def _saved(obj, action, *, actor, before):
    full_clean(obj)
    obj.save()
    record(action, summary=str(obj), actor=actor, obj=obj, before=before, after=snapshot(obj))
    return obj


def check_points(points: Sequence[PointRow]) -> None:
    """A checklist has one point or more, at most MOST_POINTS, each with a title."""
    if not points:
        raise ValidationError({"points": _("A checklist needs at least one point.")})
    if len(points) > MOST_POINTS:
        raise ValidationError({"points": _("A checklist has at most %(most)d points.") % {"most": MOST_POINTS}})
    for number, point in enumerate(points, start=1):
        if not point.title.strip():
            raise ValidationError({"points": _("Point %(number)d has no title: give it one.") % {"number": number}})


@transaction.atomic
def save_checklist(
    checklist: Checklist | None = None, *, name: str, points: Sequence[PointRow], actor=None, revision=None
) -> Checklist:
    """Create a checklist, or give one a new name and points (the points replace those it had, in order).

    Reviews made from it keep the points as they were answered (Answer
    copies its point's title). Side effects: one Checklist row, its
    ChecklistPoint rows, one audit entry listing the points. Raises
    ValidationError for an empty or taken name, no points, a point without a
    title, or a stale revision.
    """
    checklist = checklist or Checklist()
    check_revision(checklist, revision)
    check_points(points)
    before = snapshot(checklist)
    checklist.name = name.strip()
    full_clean(checklist)
    checklist.save()
    # The points keep their rows place by place, so the reviews being answered keep their guidance.
    kept = list(checklist.points.order_by("position"))
    ChecklistPoint.objects.filter(pk__in=[point.pk for point in kept[len(points) :]]).delete()
    rows = []
    for position, point in enumerate(points, start=1):
        row = kept[position - 1] if position <= len(kept) else ChecklistPoint(checklist=checklist, position=position)
        row.title, row.guidance = point.title.strip(), point.guidance
        markup.render_fields(row)
        full_clean(row, exclude={"checklist"}, validate_unique=False)
        rows.append(row)
    ChecklistPoint.objects.bulk_update([row for row in rows if row.pk], ["title", "guidance", "guidance_html"])
    ChecklistPoint.objects.bulk_create([row for row in rows if not row.pk])
    data = {"points": [row.title for row in rows]}
    record(
        "standards.checklist",
        summary=str(checklist),
        actor=actor,
        obj=checklist,
        before=before,
        after=snapshot(checklist),
        data=data,
    )
    return checklist


@transaction.atomic
def start_review(*, product: Body, checklist: Checklist, held_on: date, reviewer: Person, actor=None) -> ProductReview:
    """A new review of `product` against `checklist`, held on `held_on` by `reviewer`, every point unanswered.

    Side effects: one ProductReview row, an Answer row per point of the
    checklist, one audit entry. Raises ValidationError for a body that is no
    product community or a checklist without points.
    """
    if product.kind != PRODUCT_KIND:
        raise ValidationError({"product": _("Only a product community is reviewed against the standards.")})
    points = list(checklist.points.order_by("position"))
    if not points:
        raise ValidationError({"checklist": _("The checklist has no points to review.")})
    review = ProductReview(product=product, checklist=checklist, held_on=held_on, reviewer=reviewer)
    _saved(review, "standards.review", actor=actor, before=None)
    Answer.objects.bulk_create(
        Answer(review=review, point=point, position=point.position, title=point.title) for point in points
    )
    return review


def _check_draft(review):
    if review.is_completed:
        raise ValidationError({"__all__": _("The review is completed: its answers can no longer change.")})


@transaction.atomic
def answer_review(
    review: ProductReview, *, judgements: Sequence[Judgement], actor=None, revision=None
) -> ProductReview:
    """Record how a review judged its points (those in `judgements`; the others keep their answers).

    Side effects: the Answer rows, one audit entry on the review with the
    results. Raises ValidationError for a completed review, an answer of
    another review, an unknown result, or a stale revision.
    """
    check_revision(review, revision)
    _check_draft(review)
    answers = {answer.pk: answer for answer in review.answers.all()}
    changed = []
    for judgement in judgements:
        answer = answers.get(judgement.answer_id)
        if answer is None:
            raise ValidationError({"__all__": _("An answer does not belong to this review. Open the page again.")})
        answer.result, answer.comment = judgement.result, judgement.comment.strip()
        markup.render_fields(answer)
        full_clean(answer, exclude={"review", "point"}, validate_unique=False)
        changed.append(answer)
    Answer.objects.bulk_update(changed, ["result", "comment", "comment_html"])
    data = {"answers": {answer.title: answer.result for answer in answers.values()}}
    record("standards.review.answers", summary=str(review), actor=actor, obj=review, data=data)
    return review


def default_due(on: date) -> date:
    """When a deviation found on `on` is due, unless the reviewer says otherwise (settings.REVIEW_DEVIATION_DAYS)."""
    return on + timedelta(days=settings.REVIEW_DEVIATION_DAYS)


def _check_owner(owner_person, owner_role):
    if owner_person is not None and owner_role is not None:
        raise ValidationError({"owner_role": _("Choose a person or a role as the owner: one of them.")})
    if owner_person is None and owner_role is None:
        raise ValidationError({"owner_person": _("Choose who owns the deviations: a person or a role.")})


@transaction.atomic
def complete_review(
    review: ProductReview,
    *,
    owner_person: Person | None = None,
    owner_role: RoleDescription | None = None,
    due: date | None = None,
    actor=None,
    revision=None,
) -> list[Deviation]:
    """Complete a review: every point not met becomes a deviation owned by `owner_person` or `owner_role`,
    due on `due` (by default REVIEW_DEVIATION_DAYS after today). Returns the deviations, in the points' order.

    Side effects: the review's status and completion day, a Deviation row
    per point not met, an audit entry for the review and one per deviation.
    Raises ValidationError for a review completed already, a point left
    unanswered, no owner or two, or a stale revision.
    """
    check_revision(review, revision)
    _check_draft(review)
    _check_owner(owner_person, owner_role)
    answers = list(review.answers.order_by("position"))
    unanswered = [answer.title for answer in answers if not answer.result]
    if unanswered:
        message = _("Answer every point before completing the review. Not answered: %(points)s.")
        raise ValidationError({"__all__": message % {"points": ", ".join(unanswered)}})
    today = timezone.localdate()
    before = snapshot(review)
    review.status, review.completed_on = ProductReview.Status.COMPLETED, today
    _saved(review, "standards.review", actor=actor, before=before)
    due = due or default_due(today)
    found = [
        Deviation(
            answer=answer,
            product_id=review.product_id,
            title=answer.title,
            owner_person=owner_person,
            owner_role=owner_role,
            due=due,
        )
        for answer in answers
        if answer.result == Answer.Result.NOT_MET
    ]
    for deviation in found:
        full_clean(deviation, exclude={"answer", "product"}, validate_unique=False)
    Deviation.objects.bulk_create(found)
    record_each("standards.deviation", [(deviation, None) for deviation in found], summary=str, actor=actor)
    return found


@transaction.atomic
def change_deviation(
    deviation: Deviation,
    *,
    owner_person: Person | None = None,
    owner_role: RoleDescription | None = None,
    due: date,
    actor=None,
    revision=None,
) -> Deviation:
    """Give a deviation another owner or due date. Side effects: the Deviation row, one audit entry.

    Raises ValidationError for no owner or two, a date outside the supported range, or a stale revision.
    """
    check_revision(deviation, revision)
    _check_owner(owner_person, owner_role)
    before = snapshot(deviation)
    deviation.owner_person, deviation.owner_role, deviation.due = owner_person, owner_role, due
    return _saved(deviation, "standards.deviation", actor=actor, before=before)


@transaction.atomic
def close_deviation(deviation: Deviation, *, closed_on: date, note: str = "", actor=None, revision=None) -> Deviation:
    """Close a deviation as put right on `closed_on`, saying how in `note` (Markdown).

    Side effects: the Deviation's status, day and note, one audit entry.
    Raises ValidationError for a deviation closed already, a day outside the
    supported range, or a stale revision.
    """
    check_revision(deviation, revision)
    if deviation.is_closed:
        raise ValidationError({"__all__": _("The deviation is closed already.")})
    before = snapshot(deviation)
    deviation.status, deviation.closed_on, deviation.note = Deviation.Status.DONE, closed_on, note.strip()
    markup.render_fields(deviation)
    return _saved(deviation, "standards.deviation.close", actor=actor, before=before)
