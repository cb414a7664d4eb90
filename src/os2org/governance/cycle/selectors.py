"""Reading the annual cycle: what happens when, for the whole organisation, a body, a role or a person.

The cycle is more than the stored activities: each role description's
yearly review appears by itself from its review date, every meeting of a
body is a one-off occurrence, a person's open follow-ups fall due on
their dates, and apps above add dates from their own data (cycle.sources). Every read here costs the same few queries however many
activities there are, and lists only what its `viewer` may read (see
governance.readers): the reviews are for members, not the public.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.common.visibility import Visibility, name_for
from os2org.governance.cycle.recurrence import occurrences, role_reviews
from os2org.governance.cycle.sources import dated_elsewhere
from os2org.governance.models import Activity, FollowUp, Meeting
from os2org.governance.readers import OF_FOLLOW_UP, OWN
from os2org.organisation.models import Assignment
from os2org.roles.models import RoleDescription

KIND_ORDER = {kind: index for index, kind in enumerate(Activity.Kind.values)}
# What the cycle shows of an activity, its body and its role (and what decides who reads them: read_scope).
ACTIVITY_FIELDS = (
    "title", "kind", "audience", "description", "starts", "time", "duration", "rule", "dates", "visibility",
    "body", "body__name", "body__slug", "body__visibility",
    "role", "role__name", "role__slug", "role__reviewed_on", "role__page", "role__page__visibility",
)  # fmt: skip
ROLE_FIELDS = ("name", "slug", "reviewed_on", "page", "page__visibility")
MEETING_FIELDS = ("title", "starts", "duration", "place", "visibility", "body", "body__name", "body__slug", "body__visibility")


def activity_url(activity):
    """A role review has no page of its own: it links to its role."""
    review_of = getattr(activity, "review_of", None)
    return review_of.get_absolute_url() if review_of else activity.get_absolute_url()


@dataclass(frozen=True)
class Occurrence:
    """One date of the cycle: an activity's, a meeting's or a follow-up's (whole day when `time` is None).

    `url` is the page it links to, worked out once for all the dates of an activity.
    """

    activity: Activity
    date: datetime.date
    time: datetime.time | None = None
    url: str = ""
    meeting: Meeting | None = None
    follow_up: FollowUp | None = None

    @property
    def sort_key(self):
        # Whole-day items first on their day, then by the clock.
        clock = (self.time is not None, self.time or datetime.time.min)
        return (self.date, *clock, KIND_ORDER[self.activity.kind], self.activity.title)


def _person_roles(person):
    return Assignment.objects.current().filter(person=person, role__isnull=False).values("role_id")


def _activities(viewer, *, body=None, role=None, person=None):
    activities = Activity.objects.filter(viewer.visible(**OWN)).select_related("body", "role__page")
    activities = activities.only(*ACTIVITY_FIELDS)
    if body is not None:
        activities = activities.filter(body=body)
    if role is not None:
        activities = activities.filter(role=role)
    if person is not None:
        activities = activities.filter(role__in=_person_roles(person))
    return activities


def activities_in(*, viewer, body=None, role=None, person=None) -> list[Activity]:
    """The stored activities of the organisation, or of one body, role or person (through the roles they hold)."""
    return list(_activities(viewer, body=body, role=role, person=person))


def activities_by_title(*, viewer):
    """The activities `viewer` reads, by title (a queryset, to be read a page at a time)."""
    return _activities(viewer).order_by(Lower("title"), "pk")


def reviews_in(*, viewer, body=None, role=None, person=None):
    """The yearly reviews of the role descriptions in scope (a body's cycle has none of its own).

    They are members' business, of the role descriptions the viewer reads.
    """
    if body is not None or not viewer.reads(Visibility.MEMBERS):
        return []
    roles = RoleDescription.objects.readable_by(viewer).filter(reviewed_on__isnull=False)
    roles = roles.select_related("page").only(*ROLE_FIELDS).order_by("name", "pk")
    if role is not None:
        roles = roles.filter(pk=role.pk)
    if person is not None:
        roles = roles.filter(pk__in=_person_roles(person))
    return role_reviews(roles)


def _moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def meetings_in(*, viewer, body=None, role=None, person=None, start=None, end=None):
    """The meetings in scope (a role has none; a person has those they take part in), from `start` to `end`."""
    if role is not None:
        return []
    # A cancelled meeting leaves the calendars until it is taken up again.
    meetings = Meeting.objects.filter(viewer.visible(**OWN), cancelled=False)
    meetings = meetings.select_related("body").only(*MEETING_FIELDS)
    if body is not None:
        meetings = meetings.filter(body=body)
    if person is not None:
        meetings = meetings.filter(participants=person)
    if start is not None:
        meetings = meetings.filter(starts__gte=_moment(start))
    if end is not None:
        meetings = meetings.filter(starts__lt=_moment(end + datetime.timedelta(days=1)))
    return list(meetings)


def follow_ups_in(*, viewer, person=None, start=None, end=None):
    """A person's open follow-ups; the other scopes have none."""
    if person is None:
        return []
    follow_ups = FollowUp.objects.open().filter(viewer.visible(**OF_FOLLOW_UP), owner_person=person)
    follow_ups = follow_ups.only("title", "due", "owner_person")
    if start is not None:
        follow_ups = follow_ups.filter(due__gte=start)
    if end is not None:
        follow_ups = follow_ups.filter(due__lte=end)
    return list(follow_ups)


def meeting_activity(meeting, viewer):
    """A meeting as an unsaved activity of kind meeting, so it takes its place in the cycle (named as `viewer` reads it)."""
    title = str(name_for(viewer, meeting))
    return Activity(title=title, kind=Activity.Kind.MEETING, body=meeting.body, duration=meeting.duration)


def follow_up_activity(follow_up):
    return Activity(title=_("Follow-up due: %(title)s") % {"title": follow_up.title}, kind=Activity.Kind.DEADLINE)


def _activity_occurrences(activities, start, end):
    found = []
    for activity in activities:
        days = occurrences(activity, start, end)
        if days:
            # Built only for the activities that fall in the period: most do not.
            url = activity_url(activity)
            found += [Occurrence(activity, day, activity.time, url) for day in days]
    return found


def _meeting_occurrence(meeting, viewer):
    local = timezone.localtime(meeting.starts)
    activity = meeting_activity(meeting, viewer)
    return Occurrence(activity, local.date(), local.time(), meeting.get_absolute_url(), meeting=meeting)


def _in_order(found):
    return sorted(found, key=lambda occurrence: occurrence.sort_key)


def occurrences_between(start, end, *, viewer, body=None, role=None, person=None):
    """Every occurrence from `start` to `end` (both included) in scope, in order of date and time."""
    scope = {"viewer": viewer, "body": body, "role": role, "person": person}
    found = _activity_occurrences([*activities_in(**scope), *reviews_in(**scope)], start, end)
    found += [_meeting_occurrence(meeting, viewer) for meeting in meetings_in(**scope, start=start, end=end)]
    for follow_up in follow_ups_in(viewer=viewer, person=person, start=start, end=end):
        activity = follow_up_activity(follow_up)
        found.append(Occurrence(activity, follow_up.due, url=follow_up.get_absolute_url(), follow_up=follow_up))
    if role is None and person is None:
        # Money and agreements belong to bodies, not to roles or people.
        found += dated_elsewhere(start, end, viewer=viewer, body=body)
    return _in_order(found)


def coming_up_for(person, start, end, *, viewer) -> list[Occurrence]:
    """What `person` has ahead from `start` to `end` (both included), in order of date and time.

    The meetings they take part in, and the activities of the roles they
    hold and of the bodies they are part of on `start`: two queries. Unlike
    a person's calendar feed, neither their follow-ups nor their roles'
    reviews: their overview lists those on their own.
    """
    held = Assignment.objects.current(start).filter(person=person)
    mine = Q(role__in=held.filter(role__isnull=False).values("role_id")) | Q(body__in=held.values("body_id"))
    found = _activity_occurrences(_activities(viewer).filter(mine), start, end)
    meetings = meetings_in(viewer=viewer, person=person, start=start, end=end)
    return _in_order([*found, *(_meeting_occurrence(meeting, viewer) for meeting in meetings)])


def searchable(*, viewer):
    """What search looks among here: the activities `viewer` may read."""
    return {"activities": Activity.objects.filter(viewer.visible(**OWN))}
