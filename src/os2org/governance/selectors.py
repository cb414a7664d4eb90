"""Questions about meetings and decisions that need more than one query's care."""

from datetime import timedelta

from django.db.models import Q

from os2org.governance.models import AgendaItem, FollowUp


def carried_follow_ups(meeting):
    """The follow-ups a meeting's agenda carries under "Opfølgning".

    Those of decisions made at earlier meetings of the same body that were
    still open on the meeting's day. One closed on that very day is still
    carried: the meeting is where it is reported done.
    """
    day = meeting.day
    return (
        FollowUp.objects.filter(item__meeting__body_id=meeting.body_id, item__meeting__starts__lt=meeting.starts)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=day))
        .select_related("item__meeting", "owner_person", "owner_role")
        .order_by("due", "item__meeting__starts", "item__position", "pk")
    )


def decisions(*, body=None, year=None, text=""):
    """The decision register, newest first, filtered by body, year and words in its text.

    Words are matched case-folded in Python (SQLite's LIKE folds only ASCII,
    not æ, ø and å) against the item's title, the decision and its case brief.
    """
    found = (
        AgendaItem.objects.decisions()
        .select_related("meeting__body", "brief")
        .prefetch_related("follow_ups__owner_person", "follow_ups__owner_role")
        .order_by("-meeting__starts", "position")
    )
    if body is not None:
        found = found.filter(meeting__body=body)
    if year is not None:
        found = found.filter(meeting__starts__year=year)
    words = text.casefold().split()
    if not words:
        return list(found)
    return [item for item in found if all(word in _searchable(item) for word in words)]


def _searchable(item):
    parts = [item.title, item.description, item.outcome_text]
    brief = getattr(item, "brief", None)
    if brief is not None:
        parts += [getattr(brief, name) for name in brief.SECTIONS]
    return "\n".join(parts).casefold()


def week_end(on):
    """The Sunday of the week `on` falls in."""
    return on + timedelta(days=6 - on.weekday())


def follow_ups_due(on):
    """(overdue, due this week): open follow-ups due before `on`, and from `on` to the week's Sunday."""
    open_ = FollowUp.objects.open().select_related("item__meeting__body", "owner_person", "owner_role")
    return open_.filter(due__lt=on), open_.filter(due__gte=on, due__lte=week_end(on))
