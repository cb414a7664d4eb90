"""The calendar feeds, read back as a calendar program would: by independent libraries (icalendar, recurring-ical-events)."""

from datetime import UTC, date, datetime, time

import pytest
import recurring_ical_events
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from os2org.governance.cycle.services import feed_for
from os2org.governance.models import Activity, AgendaItem, FollowUp, Meeting
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.governance.cycle_data import COPENHAGEN, make_activity, make_role

pytestmark = pytest.mark.django_db


def fetch(client, feed):
    response = client.get(feed.get_absolute_url())
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    return Calendar.from_ical(response.content.decode())


def expand(calendar, start, end):
    """(UID, start) of every occurrence from `start` up to `end`, in order."""
    found = recurring_ical_events.of(calendar).between(start, end)
    return sorted(((str(event["UID"]), event["DTSTART"].dt) for event in found), key=lambda item: str(item[1]))


def uids(calendar):
    return sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))


def test_feed_of_the_second_tuesday_at_five_keeps_the_clock_across_daylight_saving(client):
    activity = make_activity(starts=date(2026, 10, 1), time=time(17, 0), rule="FREQ=MONTHLY;BYDAY=2TU")

    calendar = fetch(client, feed_for())

    uid = f"activity-{activity.pk}@testserver"
    assert [(found, start.isoformat()) for found, start in expand(calendar, date(2026, 9, 1), date(2027, 1, 1))] == [
        (uid, "2026-10-13T17:00:00+02:00"),
        (uid, "2026-11-10T17:00:00+01:00"),
        (uid, "2026-12-08T17:00:00+01:00"),
    ]


def test_feed_times_are_the_right_moments_in_utc(client):
    make_activity(starts=date(2026, 10, 1), time=time(17, 0), rule="FREQ=MONTHLY;BYDAY=2TU")

    calendar = fetch(client, feed_for())

    moments = [start.astimezone(UTC) for _uid, start in expand(calendar, date(2026, 10, 1), date(2026, 12, 1))]
    assert moments == [datetime(2026, 10, 13, 15, 0, tzinfo=UTC), datetime(2026, 11, 10, 16, 0, tzinfo=UTC)]


def test_feed_of_a_timed_activity_ends_on_its_last_date(client):
    make_activity(starts=date(2026, 10, 1), time=time(17, 0), rule="FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261110")

    calendar = fetch(client, feed_for())

    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20261110T225959Z;BYDAY=2TU"
    starts = [start.date() for _uid, start in expand(calendar, date(2026, 1, 1), date(2028, 1, 1))]
    assert starts == [date(2026, 10, 13), date(2026, 11, 10)]


def test_feed_of_a_monthly_whole_day_crosses_the_year(client):
    activity = make_activity(kind="deadline", starts=date(2026, 11, 20), rule="FREQ=MONTHLY;BYMONTHDAY=20")

    calendar = fetch(client, feed_for())

    uid = f"activity-{activity.pk}@testserver"
    assert expand(calendar, date(2026, 11, 1), date(2027, 3, 1)) == [
        (uid, date(2026, 11, 20)),
        (uid, date(2026, 12, 20)),
        (uid, date(2027, 1, 20)),
        (uid, date(2027, 2, 20)),
    ]


def test_feed_of_a_yearly_date_crosses_the_year(client):
    activity = make_activity(kind="deadline", starts=date(2026, 12, 31), rule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31")
    january = make_activity(
        title="Nytår", kind="event", starts=date(2027, 1, 1), rule="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"
    )

    calendar = fetch(client, feed_for())

    assert expand(calendar, date(2026, 12, 1), date(2028, 1, 2)) == [
        (f"activity-{activity.pk}@testserver", date(2026, 12, 31)),
        (f"activity-{january.pk}@testserver", date(2027, 1, 1)),
        (f"activity-{activity.pk}@testserver", date(2027, 12, 31)),
        (f"activity-{january.pk}@testserver", date(2028, 1, 1)),
    ]


def test_feed_of_a_whole_day_lasts_the_day(client):
    make_activity(kind="deadline", starts=date(2026, 12, 31))

    (event,) = fetch(client, feed_for()).walk("VEVENT")

    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2026, 12, 31), date(2027, 1, 1))


def test_feed_of_a_timed_activity_lasts_its_duration(client):
    make_activity(starts=date(2026, 10, 13), time=time(17, 0), duration=90)

    (event,) = fetch(client, feed_for()).walk("VEVENT")

    assert (event["DTSTART"].dt.isoformat(), event["DURATION"].dt.total_seconds()) == ("2026-10-13T17:00:00+02:00", 5400)


def test_feed_of_explicit_dates_gives_each_date(client):
    activity = make_activity(kind="communication", starts=None, dates=["2026-12-14", "2027-01-11", "2027-03-01"])

    calendar = fetch(client, feed_for())

    uid = f"activity-{activity.pk}@testserver"
    assert expand(calendar, date(2026, 1, 1), date(2028, 1, 1)) == [
        (uid, date(2026, 12, 14)),
        (uid, date(2027, 1, 11)),
        (uid, date(2027, 3, 1)),
    ]


def test_feed_of_explicit_dates_at_a_time_gives_each_moment(client):
    make_activity(starts=None, time=time(9, 30), dates=["2026-03-02", "2026-04-06"])

    calendar = fetch(client, feed_for())

    starts = [start.isoformat() for _uid, start in expand(calendar, date(2026, 1, 1), date(2027, 1, 1))]
    assert starts == ["2026-03-02T09:30:00+01:00", "2026-04-06T09:30:00+02:00"]


def test_feed_has_role_reviews_as_yearly_whole_days(client):
    role = make_role("Programleder", reviewed_on=date(2025, 6, 12))
    leap = make_role("Sekretariatschef", reviewed_on=date(2024, 2, 29))

    calendar = fetch(client, feed_for())

    assert expand(calendar, date(2025, 1, 1), date(2027, 1, 1)) == [
        (f"review-{leap.pk}@testserver", date(2025, 2, 28)),
        (f"review-{leap.pk}@testserver", date(2026, 2, 28)),
        (f"review-{role.pk}@testserver", date(2026, 6, 12)),
    ]


def test_feed_review_links_to_the_role(client):
    make_role("Programleder", reviewed_on=date(2025, 6, 12))

    (event,) = fetch(client, feed_for()).walk("VEVENT")

    assert (str(event["SUMMARY"]), str(event["URL"])) == (
        "Årlig revision: Programleder",
        "http://testserver/roller/programleder/",
    )


def test_feed_has_meetings_at_their_time(client):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    meeting = Meeting.objects.create(
        body=board, starts=datetime(2026, 11, 3, 14, 0, tzinfo=COPENHAGEN), duration=120, place="Aarhus", visibility="members"
    )

    calendar = fetch(client, feed_for())

    (event,) = calendar.walk("VEVENT")
    assert (str(event["LOCATION"]), event["DURATION"].dt.total_seconds()) == ("Aarhus", 7200)
    assert [(uid, start.isoformat()) for uid, start in expand(calendar, date(2026, 1, 1), date(2027, 1, 1))] == [
        (f"meeting-{meeting.pk}@testserver", "2026-11-03T14:00:00+01:00")
    ]


def test_feed_describes_the_activity(client):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    role = make_role("Kommunikationsmedarbejder")
    activity = make_activity(
        title="Nyhedsbrev",
        kind="communication",
        body=board,
        role=role,
        audience="members",
        description="Sendes til *alle* medlemmer.",
    )

    (event,) = fetch(client, feed_for()).walk("VEVENT")

    assert (str(event["SUMMARY"]), str(event["DESCRIPTION"]), str(event["URL"])) == (
        "Nyhedsbrev",
        "Sendes til *alle* medlemmer.\n\nOrgan eller forum: Bestyrelsen\n\nAnsvarlig rolle: Kommunikationsmedarbejder\n\n"
        f"Målgruppe: medlemmer\n\nhttp://testserver/aarshjul/aktiviteter/{activity.pk}/",
        f"http://testserver/aarshjul/aktiviteter/{activity.pk}/",
    )


def test_feed_is_a_calendar_with_its_time_zone(client):
    make_activity(starts=date(2026, 10, 13), time=time(17, 0))

    calendar = fetch(client, feed_for())

    (zone,) = calendar.walk("VTIMEZONE")
    assert (str(calendar["VERSION"]), str(calendar["PRODID"]), str(calendar["X-WR-CALNAME"]), str(zone["TZID"])) == (
        "2.0",
        "-//os2org//annual cycle//EN",
        "Årshjul",
        "Europe/Copenhagen",
    )


def test_feed_of_a_body_is_named_after_it(client):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)

    calendar = fetch(client, feed_for(board))

    assert str(calendar["X-WR-CALNAME"]) == "Årshjul: Bestyrelsen"


def test_feed_events_are_stamped_with_the_time_of_the_fetch_in_utc(client, today):
    make_activity()

    (event,) = fetch(client, feed_for()).walk("VEVENT")

    # Noon in Copenhagen, in summer time.
    assert event["DTSTAMP"].to_ical() == b"20260507T100000Z"


def test_feed_at_an_unknown_address_is_not_found(client):
    feed_for()

    assert client.get("/kalender/not-a-token.ics").status_code == 404


def test_feed_address_stays_the_same(client):
    first = feed_for()
    make_activity()

    assert (feed_for().get_absolute_url(), fetch(client, first) is not None) == (first.get_absolute_url(), True)


def test_feed_uids_stay_the_same_between_fetches(client):
    make_activity()
    make_role("Programleder", reviewed_on=date(2025, 6, 12))
    feed = feed_for()

    assert uids(fetch(client, feed)) == uids(fetch(client, feed))


def test_feed_is_never_kept_by_a_cache_on_the_way(client):
    response = client.get(feed_for().get_absolute_url())

    assert response["Cache-Control"] == "private, no-store"


@pytest.fixture
def organisation():
    """Two bodies, two roles held by two people, activities of each, meetings and a follow-up, all for members."""
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    chief = make_role("Sekretariatschef", reviewed_on=date(2025, 6, 12))
    editor = make_role("Kommunikationsmedarbejder", reviewed_on=date(2025, 9, 1))
    ane = save_person(name="Ane Holm")
    bo = save_person(name="Bo Lund")
    assign_role(ane, body=secretariat, role=chief, starts=date(2025, 1, 1), hours_per_week=37)
    assign_role(bo, body=secretariat, role=editor, starts=date(2025, 1, 1), hours_per_week=37)
    made = {
        "board": board,
        "secretariat": secretariat,
        "chief": chief,
        "editor": editor,
        "ane": ane,
        "bo": bo,
        "budget": make_activity(title="Budget", kind="decision_process", body=board, role=chief),
        "newsletter": make_activity(title="Nyhedsbrev", kind="communication", body=secretariat, role=editor),
        "summer": make_activity(title="Sommerfest", kind="event"),
    }
    meeting = Meeting.objects.create(body=board, starts=datetime(2026, 3, 3, 16, 0, tzinfo=COPENHAGEN), visibility="members")
    meeting.participants.set([ane])
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Budget", visibility="members")
    made["meeting"] = meeting
    made["follow_up"] = FollowUp.objects.create(item=item, title="Send budgettet", owner_person=ane, due=date(2026, 4, 1))
    FollowUp.objects.create(
        item=item, title="Lukket", owner_person=ane, due=date(2026, 4, 2), status="done", closed_on=date(2026, 3, 10)
    )
    steering_group = save_body(name="OS2mo", kind=Body.Kind.STEERING_GROUP)
    Meeting.objects.create(body=steering_group, starts=datetime(2026, 5, 5, 10, 0, tzinfo=COPENHAGEN), visibility="members")
    return made


def test_feed_of_the_organisation_has_everything_but_follow_ups(client, organisation, today):
    o = organisation

    assert uids(fetch(client, feed_for())) == sorted(
        [
            f"activity-{o['budget'].pk}@testserver",
            f"activity-{o['newsletter'].pk}@testserver",
            f"activity-{o['summer'].pk}@testserver",
            f"meeting-{o['meeting'].pk}@testserver",
            f"meeting-{o['meeting'].pk + 1}@testserver",
            f"review-{o['chief'].pk}@testserver",
            f"review-{o['editor'].pk}@testserver",
        ]
    )


def test_feed_of_a_body_has_its_activities_and_meetings(client, organisation, today):
    o = organisation

    assert uids(fetch(client, feed_for(o["board"]))) == sorted(
        [f"activity-{o['budget'].pk}@testserver", f"meeting-{o['meeting'].pk}@testserver"]
    )


def test_feed_of_a_role_has_its_activities_and_its_review(client, organisation, today):
    o = organisation

    assert uids(fetch(client, feed_for(o["editor"]))) == sorted(
        [f"activity-{o['newsletter'].pk}@testserver", f"review-{o['editor'].pk}@testserver"]
    )


def test_feed_of_a_person_has_their_roles_meetings_and_open_follow_ups(client, organisation, today):
    o = organisation

    assert uids(fetch(client, feed_for(o["ane"]))) == sorted(
        [
            f"activity-{o['budget'].pk}@testserver",
            f"follow-up-{o['follow_up'].pk}@testserver",
            f"meeting-{o['meeting'].pk}@testserver",
            f"review-{o['chief'].pk}@testserver",
        ]
    )


def test_feed_of_a_person_leaves_out_roles_they_no_longer_hold(client, organisation, today):
    o = organisation
    assign_role(
        o["ane"], body=o["secretariat"], role=o["editor"], starts=date(2025, 1, 1), ends=date(2026, 1, 1), hours_per_week=5
    )

    found = uids(fetch(client, feed_for(o["ane"])))

    assert (f"activity-{o['newsletter'].pk}@testserver" in found, f"review-{o['editor'].pk}@testserver" in found) == (
        False,
        False,
    )


def test_feed_of_a_person_has_follow_ups_on_their_due_date(client, organisation, today):
    o = organisation

    calendar = fetch(client, feed_for(o["ane"]))

    (event,) = [event for event in calendar.walk("VEVENT") if str(event["UID"]).startswith("follow-up")]
    assert (str(event["SUMMARY"]), event["DTSTART"].dt) == ("Frist for opfølgning: Send budgettet", date(2026, 4, 1))


def _queries(client, feed):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(feed.get_absolute_url()).status_code == 200
    return len(queries)


@pytest.mark.parametrize("scope", ["organisation", "body", "role", "person"])
def test_feed_queries_do_not_grow_with_the_activities(client, organisation, today, scope):
    o = organisation
    feed = feed_for({"organisation": None, "body": o["board"], "role": o["chief"], "person": o["ane"]}[scope])
    Activity.objects.all().delete()

    def add(numbers):
        for number in numbers:
            make_activity(title=f"Aktivitet {number}", body=o["board"], role=o["chief"], rule="FREQ=MONTHLY;BYMONTHDAY=1")

    add(range(1))
    one = _queries(client, feed)
    add(range(1, 50))

    assert (Activity.objects.count(), _queries(client, feed)) == (50, one)


def test_feed_asks_calendar_programs_to_fetch_it_again_every_six_hours(client):
    calendar = fetch(client, feed_for())

    assert (calendar["REFRESH-INTERVAL"].to_ical(), str(calendar["X-PUBLISHED-TTL"])) == (b"PT6H", "PT6H")


# A feed shows items up to its visibility


@pytest.fixture
def levels(today):
    """An activity, a meeting of the board and a role review at each level a feed can show."""
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    made = {"review": make_role("Programleder", reviewed_on=date(2025, 6, 12))}
    for number, visibility in enumerate(["public", "members", "internal"], start=1):
        made[f"activity {visibility}"] = make_activity(title=visibility, visibility=visibility)
        made[f"meeting {visibility}"] = Meeting.objects.create(
            body=board, starts=datetime(2026, 9, number, 16, 0, tzinfo=COPENHAGEN), visibility=visibility
        )
    return made


def test_feed_for_members_never_has_an_internal_item(client, levels):
    found = uids(fetch(client, feed_for(visibility="members")))

    assert found == sorted(
        [
            f"activity-{levels['activity public'].pk}@testserver",
            f"activity-{levels['activity members'].pk}@testserver",
            f"meeting-{levels['meeting public'].pk}@testserver",
            f"meeting-{levels['meeting members'].pk}@testserver",
            f"review-{levels['review'].pk}@testserver",
        ]
    )


def test_feed_for_the_public_has_only_public_items_and_no_reviews(client, levels):
    found = uids(fetch(client, feed_for(visibility="public")))

    assert found == sorted(
        [f"activity-{levels['activity public'].pk}@testserver", f"meeting-{levels['meeting public'].pk}@testserver"]
    )


def test_feed_with_internal_items_has_every_item(client, levels):
    found = uids(fetch(client, feed_for(visibility="internal")))

    assert len(found) == 7


def test_feed_for_members_leaves_out_a_persons_internal_follow_up(client, organisation, today):
    AgendaItem.objects.update(visibility="internal")

    o = organisation

    assert uids(fetch(client, feed_for(o["ane"]))) == sorted(
        [
            f"activity-{o['budget'].pk}@testserver",
            f"meeting-{o['meeting'].pk}@testserver",
            f"review-{o['chief'].pk}@testserver",
        ]
    )


def test_feed_is_for_members_unless_made_otherwise(db):
    assert feed_for().visibility == "members"


def test_feed_made_once_keeps_its_visibility(db):
    first = feed_for(visibility="public")

    assert feed_for(visibility="internal").visibility == first.visibility == "public"
