"""Questions about meetings and decisions that need more than one query's care.

Each takes the `viewer` it answers for (`common.visibility.Viewer`, or a
`readers.UpTo` where no person is looking) and lists only what that viewer
may read.
"""

from datetime import timedelta

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from os2org.access.viewer import viewer_for
from os2org.audit.models import Entry
from os2org.common.search import matching
from os2org.governance.meetings.sources import SOURCES, Source
from os2org.governance.models import AgendaItem, FollowUp, Meeting, Minutes, MinutesPart
from os2org.governance.readers import OF_FOLLOW_UP, OF_ITEM, OWN
from os2org.organisation.models import Assignment, Person


def carried_follow_ups(meeting, *, viewer):
    """The follow-ups a meeting's agenda carries under "Opfølgning".

    Those of decisions made at earlier meetings of the same body that were
    still open on the meeting's day. One closed on that very day is still
    carried: the meeting is where it is reported done.
    """
    day = meeting.day
    return (
        FollowUp.objects.filter(item__meeting__body_id=meeting.body_id, item__meeting__starts__lt=meeting.starts)
        .filter(viewer.visible(**OF_FOLLOW_UP))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=day))
        .select_related("item__meeting__body", "owner_person", "owner_role__page")
        .order_by("due", "item__meeting__starts", "item__position", "pk")
    )


# The audit action of an item taken off an agenda; its entry holds the item (services.remove_agenda_item).
REMOVED_ITEM = "governance.agenda_item.remove"
# The removed items a meeting's page offers to put back, the latest first.
REMOVED_SHOWN = 20


def removed_items(meeting, *, limit=REMOVED_SHOWN):
    """The audit entries of items taken off the meeting's agenda and not put back (services.remove_agenda_item).

    A queryset without `limit`; else a list of at most `limit`, one per
    item: an item removed twice is offered once, as it was last.
    """
    back = AgendaItem.objects.filter(meeting=meeting).annotate(key=Cast("pk", CharField())).values("key")
    found = Entry.objects.filter(action=REMOVED_ITEM, data__meeting=meeting.pk).exclude(object_id__in=back)
    found = found.select_related("actor").order_by("-created", "-pk")
    if limit is None:
        return found
    latest = {}
    for entry in found[: limit * 2]:
        latest.setdefault(entry.object_id, entry)
    return list(latest.values())[:limit]


def decisions(*, viewer, body=None, year=None, text=""):
    """The decision register, newest first, filtered by body, year and words in its text (a queryset).

    A decision is as visible as its agenda item. Each word must be in the
    item's title, text, decision or case brief (AgendaItem.search_text, common.search).
    """
    found = (
        AgendaItem.objects.decisions()
        .filter(viewer.visible(**OF_ITEM))
        .select_related("meeting__body", "brief")
        .prefetch_related("follow_ups__owner_person", "follow_ups__owner_role__page")
        .order_by("-meeting__starts", "position")
    )
    if body is not None:
        found = found.filter(meeting__body=body)
    if year is not None:
        found = found.filter(meeting__starts__year=year)
    return found.filter(matching(text, "search_text"))


def week_end(on):
    """The Sunday of the week `on` falls in."""
    return on + timedelta(days=6 - on.weekday())


def follow_ups_due(on, *, viewer):
    """(overdue, due this week): open follow-ups due before `on`, and from `on` to the week's Sunday."""
    open_ = (
        FollowUp.objects.open()
        .filter(viewer.visible(**OF_FOLLOW_UP))
        .select_related("item__meeting__body", "owner_person", "owner_role__page")
    )
    return open_.filter(due__lt=on), open_.filter(due__gte=on, due__lte=week_end(on))


def follow_ups_of(person: Person, *, viewer, on) -> QuerySet:
    """The open follow-ups `person` owns, by name or through a role they hold on `on`, soonest due first.

    A follow-up owned by a role is its current holder's; it is overdue when
    it was due before `on` (FollowUpQuerySet.overdue).
    """
    roles = Assignment.objects.current(on).filter(person=person, role__isnull=False).values("role_id")
    return (
        FollowUp.objects.open()
        .filter(Q(owner_person=person) | Q(owner_role__in=roles))
        .filter(viewer.visible(**OF_FOLLOW_UP))
        .select_related("item__meeting__body", "owner_role__page")
        .order_by("due", "pk")
    )


def follow_ups_elsewhere_of(person: Person, *, viewer, on) -> list[tuple[Source, QuerySet]]:
    """The open items of each source of follow-ups elsewhere (sources.SOURCES) that `person` owns,
    by name or through a role they hold on `on`, soonest due first: (source, items) for each source."""
    roles = Assignment.objects.current(on).filter(person=person, role__isnull=False).values("role_id")
    owned = Q(owner_person=person) | Q(owner_role__in=roles)
    return [(source, source.open_for(viewer).filter(owned).order_by("due", "pk")) for source in SOURCES]


def follow_ups_due_elsewhere(on, *, viewer) -> list[tuple[Source, QuerySet, QuerySet]]:
    """As follow_ups_due, for each source of follow-ups elsewhere: (source, overdue, due this week)."""
    found = []
    for source in SOURCES:
        open_ = source.open_for(viewer)
        found.append((source, open_.filter(due__lt=on), open_.filter(due__gte=on, due__lte=week_end(on))))
    return found


def minutes_waiting_for(person: Person, *, viewer) -> QuerySet:
    """The minutes sent to `person` for approval that they have not answered, oldest meeting first.

    Only of the meetings `viewer` reads: those the person answers through
    their own log-in (may_answer) when `viewer` is theirs. Amended minutes
    wait again: amending clears the answers given (services.write_minutes).
    """
    return (
        Minutes.objects.filter(status=Minutes.Status.SENT, meeting__participants=person)
        .exclude(approvals__person=person)
        .filter(viewer.visible(prefix="meeting__", body="meeting__body"))
        .select_related("meeting__body")
        .defer("text", "html")
        .order_by("meeting__starts", "pk")
    )


def answering_participants(meeting):
    """The participants who answer the meeting's minutes themselves, by name.

    One rule for every channel (the answer page's rule, its link on the
    meeting page, the mail): a participant answers when they may read the
    meeting through their own log-in. The secretariat answers for the others.
    """
    people = meeting.participants.select_related("account__user").order_by("name", "pk")
    return [person for person in people if may_answer(viewer_of_person(person), meeting)]


def may_answer(viewer, meeting):
    """Whether `viewer` answers the minutes of `meeting` as its participant."""
    return viewer.person_id is not None and viewer.reads(meeting.visibility, meeting.body_id)


def viewer_of_person(person):
    account = getattr(person, "account", None)
    return viewer_for(account.user if account else None)


def readable_parts(minutes=None, *, viewer):
    """The parts of the minutes (of one version, if given) about the agenda items the viewer may read, in agenda order."""
    parts = MinutesPart.objects.filter(viewer.visible(prefix="item__", body="item__meeting__body"))
    if minutes is not None:
        parts = parts.filter(minutes=minutes)
    return parts.select_related("item").order_by("item__position")


def reads_minutes(minutes, *, viewer, participants):
    """Whether the viewer may read this version of a meeting's minutes.

    An approved version is for everyone who reads the meeting; a draft only
    for those who edit the meeting's body; a version sent for approval also
    for the participants who are to answer it (`participants`: the ids of
    the meeting's participants).
    """
    if minutes.is_locked or viewer.edits(minutes.meeting.body_id):
        return True
    return minutes.status == Minutes.Status.SENT and viewer.person_id in participants


def searchable(*, viewer) -> dict[str, QuerySet]:
    """What search looks among here, for `viewer`: meetings, agenda items, decisions and follow-ups.

    An agenda item has no page but its meeting's, so it is found only where
    the meeting is readable too. A decision is as visible as its item, as in
    the decision register.
    """
    items = AgendaItem.objects.filter(viewer.visible(**OF_ITEM))
    return {
        "meetings": Meeting.objects.filter(viewer.visible(**OWN)),
        "items": items.exclude(outcome=AgendaItem.Outcome.DECISION).filter(
            viewer.visible(prefix="meeting__", body="meeting__body")
        ),
        "decisions": items.decisions(),
        "follow_ups": FollowUp.objects.filter(viewer.visible(**OF_FOLLOW_UP)),
    }
