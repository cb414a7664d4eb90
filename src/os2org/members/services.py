"""Changing agreements and contributions. Every function writes its audit entry in the same transaction.

A function that changes a stored object takes the `revision` its edit form
was opened at and refuses the save if someone saved the object since
(audit.services.check_revision); None, as commands and loaders pass, skips
the check.

Agreements are the one source of who is a member of what: every change to
one sets its product's member authorities (Body.member_authorities) to the
organisations with an agreement in force that day, and `refresh_members`,
run each night by `os2org members refresh`, does so for every product as
agreements begin and end with the calendar.
"""

from datetime import date
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, record_each, snapshot
from os2org.common.validation import full_clean
from os2org.members.contributions import due_for, notice_ends
from os2org.members.models import JOINABLE_KINDS, Agreement, ContactRelation, Contribution
from os2org.organisation.models import Body

AGREEMENT_FIELDS = (
    "organisation",
    "product",
    "status",
    "signed",
    "starts",
    "ends",
    "notice_months",
    "joining_fee",
    "annual_fee",
    "account",
    "notes",
)


@transaction.atomic
def save_agreement(agreement: Agreement | None = None, *, actor=None, revision=None, **fields) -> Agreement:
    """Create or change an agreement.

    Side effects: one Agreement row and its audit entry; the member
    authorities of its product (and of its former product, if it moved)
    set from the agreements in force today.
    """
    agreement = agreement or Agreement()
    check_revision(agreement, revision)
    before = snapshot(agreement)
    former_product = agreement.product_id
    for name, value in fields.items():
        if name not in AGREEMENT_FIELDS:
            raise TypeError(f"save_agreement() got an unexpected field {name!r}")
        setattr(agreement, name, value)
    _check_joinable(agreement)
    full_clean(agreement)
    agreement.save()
    action = "members.agreement"
    record(
        action,
        summary=_("agreement: %(name)s") % {"name": agreement},
        actor=actor,
        obj=agreement,
        before=before,
        after=snapshot(agreement),
    )
    set_member_authorities({former_product, agreement.product_id} - {None})
    return agreement


def _check_joinable(agreement):
    if agreement.product_id and agreement.product.kind not in JOINABLE_KINDS:
        raise ValidationError({"product": _("An organisation joins a product, a project or a programme.")})


@transaction.atomic
def give_notice(agreement: Agreement, *, given_on: date, actor=None, revision=None) -> Agreement:
    """Record that notice was given: the agreement is under notice and ends when the notice runs out
    (members.contributions.notice_ends).

    Side effects: the Agreement row and its audit entry; its product's member authorities.
    """
    if agreement.status not in (Agreement.Status.ACTIVE, Agreement.Status.UNDER_NOTICE):
        raise ValidationError({"given_on": _("Only an active agreement can be given notice.")})
    ends = notice_ends(given_on, agreement.notice_months)
    if agreement.ends is not None and agreement.ends < ends and agreement.status == Agreement.Status.ACTIVE:
        ends = agreement.ends
    return save_agreement(agreement, actor=actor, revision=revision, status=Agreement.Status.UNDER_NOTICE, ends=ends)


def in_force_pairs(on: date) -> set[tuple[int, int]]:
    """(product, organisation) of every agreement in force on a day."""
    return set(Agreement.objects.in_force(on).values_list("product_id", "organisation_id"))


def set_member_authorities(product_ids=None, *, on: date | None = None) -> int:
    """Make the member authorities of products (all joinable bodies by default) those with an
    agreement in force on the day. Returns how many links were added or taken away.

    Derived data, not a change of its own: the agreement's audit entry (or
    the day passing) is its cause. Written as a difference, in a few
    queries for any number of products.
    """
    day = on or timezone.localdate()
    through = Body.member_authorities.through
    products = Body.objects.filter(kind__in=JOINABLE_KINDS)
    if product_ids is not None:
        products = products.filter(pk__in=product_ids)
    product_ids = set(products.values_list("pk", flat=True))
    wanted = {pair for pair in in_force_pairs(day) if pair[0] in product_ids}
    held = set(through.objects.filter(body_id__in=product_ids).values_list("body_id", "organisation_id"))
    gone = held - wanted
    if gone:
        pairs = [Q(body_id=body_id, organisation_id=organisation_id) for body_id, organisation_id in gone]
        through.objects.filter(reduce(or_, pairs)).delete()
    through.objects.bulk_create(
        [through(body_id=body_id, organisation_id=organisation_id) for body_id, organisation_id in wanted - held]
    )
    return len(gone) + len(wanted - held)


@transaction.atomic
def refresh_members(*, on: date | None = None, actor=None) -> tuple[int, int]:
    """What the night does: agreements under notice whose last day has passed are ended, and every
    product's member authorities follow the agreements in force.

    Side effects: each ended Agreement and its audit entry; Body.member_authorities.
    Returns (agreements ended, links changed).
    """
    day = on or timezone.localdate()
    lapsed = list(Agreement.objects.filter(status=Agreement.Status.UNDER_NOTICE, ends__lte=day))
    changed = [(agreement, snapshot(agreement)) for agreement in lapsed]
    for agreement in lapsed:
        agreement.status = Agreement.Status.ENDED
    Agreement.objects.bulk_update(lapsed, ["status"])
    record_each(
        "members.agreement-ended",
        changed,
        summary=lambda agreement: _("agreement ended: %(name)s") % {"name": agreement},
        actor=actor,
    )
    return len(lapsed), set_member_authorities(on=day)


@transaction.atomic
def raise_contributions(year: int, *, actor=None) -> tuple[int, int]:
    """Work out what each agreement makes due for `year` (members.contributions) and store it.

    A contribution not yet invoiced follows its agreement's terms as they
    are now; one invoiced, paid or written off is left as it was: it is
    history. Side effects: new and changed Contribution rows, one audit entry
    each. Returns (created, changed).
    """
    agreements = Agreement.objects.exclude(status=Agreement.Status.DRAFT).filter(starts__lt=date(year + 1, 1, 1))
    stored = {
        (contribution.agreement_id, contribution.kind): contribution
        for contribution in Contribution.objects.filter(year=year)
    }
    created, changed = [], []
    for agreement in agreements.only("pk", "starts", "ends", "joining_fee", "annual_fee", "status"):
        for due in due_for(
            starts=agreement.starts,
            ends=agreement.ends,
            joining_fee=agreement.joining_fee,
            annual_fee=agreement.annual_fee,
            year=year,
        ):
            contribution = stored.get((agreement.pk, due.kind))
            if contribution is None:
                created.append(
                    Contribution(
                        agreement=agreement,
                        year=year,
                        kind=due.kind,
                        starts=due.starts,
                        ends=due.ends,
                        amount=due.amount,
                    )
                )
            elif contribution.status == Contribution.Status.TO_INVOICE and (
                contribution.starts,
                contribution.ends,
                contribution.amount,
            ) != (due.starts, due.ends, due.amount):
                before = snapshot(contribution)
                contribution.starts, contribution.ends, contribution.amount = due.starts, due.ends, due.amount
                changed.append((contribution, before))
    Contribution.objects.bulk_create(created)
    Contribution.objects.bulk_update([c for c, _before in changed], ["starts", "ends", "amount"])
    summary = _contribution_summary
    record_each("members.contribution", [(c, None) for c in created], summary=summary, actor=actor)
    record_each("members.contribution", changed, summary=summary, actor=actor)
    return len(created), len(changed)


def _contribution_summary(contribution):
    return _("contribution: %(name)s") % {"name": contribution}


STATUS_DAYS = {
    Contribution.Status.TO_INVOICE: (),
    Contribution.Status.INVOICED: ("invoiced_on",),
    Contribution.Status.PAID: ("paid_on",),
    Contribution.Status.WRITTEN_OFF: (),
}


@transaction.atomic
def set_contribution_status(
    contribution: Contribution,
    *,
    status: str,
    invoice_number: str | None = None,
    invoiced_on: date | None = None,
    paid_on: date | None = None,
    actor=None,
    revision=None,
) -> Contribution:
    """Move a contribution on: invoiced (with its number and day), paid (with its day) or written off.

    Side effects: the Contribution row and its audit entry.
    """
    check_revision(contribution, revision)
    before = snapshot(contribution)
    contribution.status = status
    if invoice_number is not None:
        contribution.invoice_number = invoice_number
    if invoiced_on is not None:
        contribution.invoiced_on = invoiced_on
    if paid_on is not None:
        contribution.paid_on = paid_on
    full_clean(contribution)
    contribution.save()
    record(
        "members.contribution",
        summary=_contribution_summary(contribution),
        actor=actor,
        obj=contribution,
        before=before,
        after=snapshot(contribution),
    )
    return contribution


@transaction.atomic
def relate_contact(person, *, product: Body, kind: str, actor=None) -> ContactRelation:
    """Record how a person relates to a product. Side effects: one ContactRelation row, one audit entry."""
    relation = ContactRelation(person=person, product=product, kind=kind)
    _check_joinable(relation)
    full_clean(relation)
    relation.save()
    record(
        "members.contact",
        summary=_("relation to a product: %(name)s") % {"name": relation},
        actor=actor,
        obj=relation,
        after=snapshot(relation),
    )
    return relation


@transaction.atomic
def unrelate_contact(relation: ContactRelation, *, actor=None) -> None:
    """Side effects: the ContactRelation row deleted, one audit entry."""
    before = snapshot(relation)
    record(
        "members.contact-removed",
        summary=_("relation to a product: %(name)s") % {"name": relation},
        actor=actor,
        obj=relation,
        before=before,
    )
    relation.delete()
