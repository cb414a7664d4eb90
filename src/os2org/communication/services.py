"""Changing the communication plan, newsletter issues and consent. Every function writes its audit entry
in the same transaction, and refuses a save from a form opened before someone else's (check_revision)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, snapshot
from os2org.common.validation import full_clean
from os2org.communication.models import Audience, Consent, NewsletterIssue, PlannedActivity

ACTIVITY_FIELDS = ("title", "audience", "channel", "day", "status", "owner_role", "owner_person", "notes")


@transaction.atomic
def save_activity(activity: PlannedActivity | None = None, *, actor=None, revision=None, **fields) -> PlannedActivity:
    """Create or change an activity of the plan. Side effects: one PlannedActivity row, one audit entry."""
    activity = activity or PlannedActivity()
    check_revision(activity, revision)
    before = snapshot(activity)
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise TypeError(f"save_activity() got an unexpected field {name!r}")
        setattr(activity, name, value)
    full_clean(activity)
    activity.save()
    record(
        "communication.activity",
        summary=_("communication activity: %(name)s") % {"name": activity},
        actor=actor,
        obj=activity,
        before=before,
        after=snapshot(activity),
    )
    return activity


@transaction.atomic
def save_issue(
    issue: NewsletterIssue | None = None,
    *,
    title: str,
    planned: date,
    status: str = NewsletterIssue.Status.DRAFT,
    audiences=(),
    products=(),
    actor=None,
    revision=None,
) -> NewsletterIssue:
    """Create or change a newsletter issue, its audiences and its product segment.

    Side effects: the NewsletterIssue row and its products, one audit entry.
    """
    issue = issue or NewsletterIssue()
    check_revision(issue, revision)
    before = snapshot(issue)
    known = set(Audience.values)
    issue.title, issue.planned, issue.status = title, planned, status
    # In the order of the choices, whatever order they came in.
    issue.audiences = [code for code in Audience.values if code in set(audiences) & known]
    full_clean(issue)
    issue.save()
    issue.products.set(products)
    record(
        "communication.issue",
        summary=_("newsletter issue: %(name)s") % {"name": issue},
        actor=actor,
        obj=issue,
        before=before,
        after=snapshot(issue),
    )
    return issue


@transaction.atomic
def record_consent(person, *, on: date, actor=None) -> Consent:
    """The person agrees to newsletters from `on`; an earlier unsubscribe no longer holds.

    Side effects: the person's Consent row, one audit entry.
    """
    consent, created = Consent.objects.get_or_create(person=person, defaults={"consented_on": on})
    before = None if created else snapshot(consent)
    consent.consented_on, consent.unsubscribed_on = on, None
    consent.save()
    record(
        "communication.consent",
        summary=_("newsletter consent: %(name)s") % {"name": person},
        actor=actor,
        obj=consent,
        before=before,
        after=snapshot(consent),
    )
    return consent


@transaction.atomic
def record_unsubscribe(person, *, on: date, actor=None) -> Consent:
    """The person wants no more newsletters from `on`. Side effects: the person's Consent row, one audit entry."""
    consent, created = Consent.objects.get_or_create(person=person, defaults={"unsubscribed_on": on})
    before = None if created else snapshot(consent)
    consent.unsubscribed_on = on
    consent.save()
    record(
        "communication.unsubscribe",
        summary=_("newsletter unsubscribe: %(name)s") % {"name": person},
        actor=actor,
        obj=consent,
        before=before,
        after=snapshot(consent),
    )
    return consent
