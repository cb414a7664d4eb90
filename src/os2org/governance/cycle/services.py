"""Changing the annual cycle and its calendar feeds. Every function writes its audit entry in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import check_revision, record, snapshot
from os2org.common.validation import full_clean
from os2org.common.visibility import Visibility
from os2org.governance.cycle.recurrence import check_rule, normalise_rule, parse_dates
from os2org.governance.models import Activity, Feed
from os2org.organisation.models import Body, Person
from os2org.roles.models import RoleDescription


def _first_and_further(starts, rule, dates):
    """(DTSTART, RDATEs): DTSTART moved onto the rule's first date, as RFC 5545 wants."""
    if rule:
        if starts is None:
            raise ValidationError({"starts": _("Enter the first date.")})
        first = check_rule(rule, starts)
        return first, [day for day in dates if day != first]
    every = sorted({*dates, *([starts] if starts else [])})
    if not every:
        raise ValidationError({"starts": _("Enter the first date.")})
    return every[0], every[1:]


def schedule_preview(*, starts, rule, dates):
    """An unsaved activity with the dates save_activity would store, for the form's preview of its schedule.

    Raises ValidationError as save_activity would; writes nothing.
    """
    first, further = _first_and_further(starts, rule, parse_dates(dates))
    return Activity(starts=first, rule=rule, dates=[day.isoformat() for day in further])


@transaction.atomic
def save_activity(
    activity=None,
    *,
    actor=None,
    title,
    kind,
    body=None,
    role=None,
    audience="",
    description="",
    starts,
    time=None,
    duration=60,
    rule="",
    dates=(),
    visibility=None,
    revision=None,
):
    """Create or change an activity of the annual cycle.

    `dates` are further dates (RDATE), as dates or text lines; without a
    rule, `starts` may be None and the earliest of them is the first date.
    Without a `visibility` a new activity is for members and a changed one
    keeps its own; `revision` is the one an edit form was opened at.
    Side effects: one Activity row (its description rendered), one audit
    entry. Raises ValidationError naming the field for bad input (a rule
    that never occurs: "rule"; a line that is no date: "dates"; an
    out-of-date form: no field); nothing is saved then.
    """
    rule = normalise_rule(rule)
    starts, further = _first_and_further(starts, rule, parse_dates(dates))
    activity = activity or Activity()
    check_revision(activity, revision)
    before = snapshot(activity)
    activity.title, activity.kind, activity.body, activity.role = title, kind, body, role
    activity.audience, activity.description = audience, description
    activity.starts, activity.time, activity.duration = starts, time, duration
    activity.rule, activity.dates = rule, [day.isoformat() for day in further]
    if visibility is not None:
        activity.visibility = visibility
    markup.render_fields(activity)
    full_clean(activity)
    activity.save()
    record(
        "governance.activity",
        summary=f"{activity._meta.verbose_name}: {activity}",
        actor=actor,
        obj=activity,
        before=before,
        after=snapshot(activity),
    )
    return activity


def _subject_lookup(subject):
    if subject is None:
        return {"scope": Feed.Scope.ORGANISATION}
    for model, scope, field in (
        (Body, Feed.Scope.BODY, "body"),
        (RoleDescription, Feed.Scope.ROLE, "role"),
        (Person, Feed.Scope.PERSON, "person"),
    ):
        if isinstance(subject, model):
            return {"scope": scope, field: subject}
    raise TypeError(f"no calendar feed for {subject!r}")


@transaction.atomic
def feed_for(subject=None, *, actor=None, visibility=Visibility.MEMBERS):
    """The calendar feed of `subject` (a Body, RoleDescription or Person; None: the whole organisation).

    Made once, showing items up to `visibility`, and kept as it was made, so
    its secret address stays the same and what it shows never widens. Side
    effects the first time: one Feed row, one audit entry.
    """
    lookup = _subject_lookup(subject)
    feed = Feed.objects.filter(**lookup).first()
    if feed is None:
        feed = Feed(**lookup, visibility=visibility)
        full_clean(feed)
        feed.save()
        # No snapshot: the token is a secret, and the audit log is no place for it.
        summary = f"{feed._meta.verbose_name}: {feed.subject or feed.get_scope_display()}"
        record("governance.feed", summary=summary, actor=actor, obj=feed)
    return feed
