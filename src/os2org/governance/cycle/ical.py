"""The annual cycle as an iCalendar feed (RFC 5545) that calendar programs subscribe to.

One VEVENT per activity with its recurrence (RRULE, RDATE) left for the
calendar program to expand, one per role review, one per meeting, and for
a person one per open follow-up; of each, only those up to the feed's
visibility. Events without a time are whole days (DTSTART as a DATE);
timed ones are wall-clock times in the organisation's time zone, so a
meeting at 17:00 stays at 17:00 across a change of daylight-saving time.
"""

from datetime import datetime, timedelta
from datetime import time as clock
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration, vRecur

from os2org.access.models import Account
from os2org.access.viewer import viewer_for
from os2org.common.visibility import name_for
from os2org.governance.cycle.recurrence import rule_parts, stored_dates
from os2org.governance.cycle.selectors import (
    activities_in,
    activity_url,
    follow_up_activity,
    follow_ups_in,
    meeting_activity,
    meetings_in,
    reviews_in,
)
from os2org.governance.readers import Both, UpTo

PRODID = "-//os2org//annual cycle//EN"
# How often a calendar program should fetch the feed again.
REFRESH = timedelta(hours=6)
# The time zone description covers this many years ahead of today.
YEARS_AHEAD = 20


@lru_cache(maxsize=8)
def _vtimezone(first_year, last_year):
    return Timezone.from_tzid(
        settings.TIME_ZONE, first_date=datetime(first_year, 1, 1).date(), last_date=datetime(last_year, 1, 1).date()
    )


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def _feed_rule(activity):
    """The stored rule, with UNTIL in UTC when DTSTART has a time, as RFC 5545 (3.3.10) requires."""
    parts = rule_parts(activity.rule)
    if activity.time is not None and "UNTIL" in parts:
        last_day = datetime.strptime(parts["UNTIL"], "%Y%m%d")
        end = datetime.combine(last_day.date(), clock(23, 59, 59), tzinfo=_zone()).astimezone(ZoneInfo("UTC"))
        parts["UNTIL"] = f"{end:%Y%m%dT%H%M%SZ}"
    return vRecur.from_ical(";".join(f"{name}={value}" for name, value in parts.items()))


def _description(activity, url, reader):
    lines = [activity.description.strip()] if activity.description.strip() else []
    if activity.body is not None:
        lines.append(_("Body or forum: %(body)s") % {"body": name_for(reader, activity.body)})
    if activity.role is not None:
        lines.append(_("Responsible role: %(role)s") % {"role": name_for(reader, activity.role)})
    if activity.audience:
        lines.append(_("Audience: %(audience)s") % {"audience": activity.get_audience_display()})
    lines.append(url)
    return "\n\n".join(lines)


def _event(uid, activity, *, url, stamp, reader, starts, time=None, duration=None):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", activity.title)
    event.add("categories", [capfirst(activity.get_kind_display())])
    event.add("description", _description(activity, url, reader))
    event.add("url", url)
    if time is None:
        event.add("dtstart", starts)
        event.add("dtend", starts + timedelta(days=1))
    else:
        event.add("dtstart", datetime.combine(starts, time, tzinfo=_zone()))
        event.add("duration", timedelta(minutes=duration))
    return event


def _activity_event(uid, activity, *, url, stamp, reader):
    event = _event(
        uid,
        activity,
        url=url,
        stamp=stamp,
        reader=reader,
        starts=activity.starts,
        time=activity.time,
        duration=activity.duration,
    )
    if activity.rule:
        event.add("rrule", _feed_rule(activity))
    further = stored_dates(activity)
    if further:
        if activity.time is None:
            event.add("rdate", further)
        else:
            event.add("rdate", [datetime.combine(day, activity.time, tzinfo=_zone()) for day in further])
    return event


def feed_name(feed):
    if feed.subject is None:
        return _("Annual cycle")
    return _("Annual cycle: %(subject)s") % {"subject": feed.subject}


def feed_reader(feed):
    """Who a feed reads as: up to its visibility, and a person's feed no further than that person
    may read today, as their own pages show them (an inactive log-in reads what the public does)."""
    reader = UpTo(feed.visibility)
    if feed.person is None:
        return reader
    account = Account.objects.filter(person=feed.person).select_related("user").first()
    if account is None:
        return reader
    return Both(reader, viewer_for(account.user))


def feed_calendar(feed, *, domain, absolute):
    """The calendar of `feed` as iCalendar bytes.

    `domain` ends every event's UID (activity-12@domain), so that a
    calendar program recognises an event again on its next fetch;
    `absolute` makes an address absolute for the events' links.
    """
    reader = feed_reader(feed)
    scope = {"viewer": reader, "body": feed.body, "role": feed.role, "person": feed.person}
    stamp = timezone.now().replace(microsecond=0)
    events = []
    for activity in activities_in(**scope):
        uid = f"activity-{activity.pk}@{domain}"
        events.append(_activity_event(uid, activity, url=absolute(activity_url(activity)), stamp=stamp, reader=reader))
    for review in reviews_in(**scope):
        uid = f"review-{review.role.pk}@{domain}"
        events.append(_activity_event(uid, review, url=absolute(activity_url(review)), stamp=stamp, reader=reader))
    for meeting in meetings_in(**scope):
        local = timezone.localtime(meeting.starts, _zone())
        event = _event(
            f"meeting-{meeting.pk}@{domain}",
            meeting_activity(meeting, reader),
            url=absolute(meeting.get_absolute_url()),
            stamp=stamp,
            reader=reader,
            starts=local.date(),
            time=local.time(),
            duration=meeting.duration,
        )
        if meeting.place:
            event.add("location", meeting.place)
        events.append(event)
    for follow_up in follow_ups_in(viewer=reader, person=feed.person):
        activity = follow_up_activity(follow_up)
        url = absolute(follow_up.get_absolute_url())
        uid = f"follow-up-{follow_up.pk}@{domain}"
        events.append(_event(uid, activity, url=url, stamp=stamp, reader=reader, starts=follow_up.due))
    return _calendar(feed_name(feed), events).to_ical()


def _calendar(name, events):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    this_year = timezone.localdate().year
    timed = [event.DTSTART.year for event in events if isinstance(event.DTSTART, datetime)]
    calendar.add_component(_vtimezone(min([this_year, *timed]), this_year + YEARS_AHEAD))
    for event in events:
        calendar.add_component(event)
    return calendar
