from datetime import date, time

import pytest
from django.utils import translation

from os2org.access.groups import COORDINATOR, SECRETARIAT
from os2org.audit.selectors import revision
from os2org.common.visibility import Viewer
from os2org.governance.cycle.forms import ActivityForm
from os2org.organisation.models import Body
from os2org.organisation.services import save_body
from tests.governance.cycle_data import make_activity, make_role

pytestmark = pytest.mark.django_db

NOT_JULY = ["1", "2", "3", "4", "5", "6", "8", "9", "10", "11", "12"]
# The secretariat may put an activity in any body, or in none.
STAFF = Viewer(user_id=1, groups=frozenset({SECRETARIAT}))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def form(**data):
    return ActivityForm({"title": "Bestyrelsesmøde", "kind": "meeting", "visibility": "members", **data}, viewer=STAFF)


def arguments(**data):
    bound = form(**data)
    assert bound.errors == {}
    found = bound.service_arguments()
    return {key: found[key] for key in ("starts", "time", "duration", "rule", "dates")}


def test_form_once_has_no_rule():
    assert arguments(schedule="once", starts="2026-03-15") == {
        "starts": date(2026, 3, 15),
        "time": None,
        "duration": 60,
        "rule": "",
        "dates": (),
    }


def test_form_yearly_makes_a_yearly_rule_from_the_first_date():
    assert arguments(schedule="yearly", starts="2026-03-15", until="2030-12-31")["rule"] == (
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15;UNTIL=20301231"
    )


def test_form_monthly_with_months_ticked_makes_a_monthly_rule():
    assert arguments(schedule="monthly", starts="2026-01-20", months=["3", "9"])["rule"] == (
        "FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=20"
    )


def test_form_second_tuesday_except_july_at_five():
    found = arguments(
        schedule="weekday", starts="2026-01-13", time="17:00", duration="90", ordinal="2", weekday="TU", months=NOT_JULY
    )

    assert (found["rule"], found["time"], found["duration"]) == (
        "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU",
        time(17, 0),
        90,
    )


def test_form_dates_gives_every_date_and_no_first_date():
    found = arguments(schedule="dates", starts="2026-01-01", dates="2026-03-02\n\n15.6.2026\r\n2026-03-02")

    assert (found["starts"], found["rule"], found["dates"]) == (None, "", [date(2026, 3, 2), date(2026, 6, 15)])


def test_form_custom_takes_the_rule_as_written():
    found = arguments(schedule="custom", starts="2026-01-05", rule="rrule:freq=weekly;interval=2;byday=mo")

    assert found["rule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"


def test_form_custom_keeps_further_dates():
    found = arguments(schedule="custom", starts="2026-01-05", rule="FREQ=WEEKLY", dates="2026-12-24")

    assert found["dates"] == [date(2026, 12, 24)]


def test_form_ignores_the_fields_of_other_schedules():
    found = arguments(schedule="yearly", starts="2026-03-15", rule="FREQ=DAILY", dates="2026-12-24", months=["1"])

    assert (found["rule"], found["dates"]) == ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", ())


def test_form_names_the_line_that_is_no_date():
    bound = form(schedule="dates", dates="2026-03-02\n\n2026-02-30")

    assert bound.errors == {
        "dates": ["Line 3, “2026-02-30”, is not a date. Write one date per line, as 2026-03-15 or 15.3.2026."]
    }


def test_form_dates_needs_a_date():
    assert form(schedule="dates", dates=" \n").errors == {"dates": ["List at least one date."]}


def test_form_needs_a_first_date():
    assert form(schedule="yearly").errors == {"starts": ["Enter the first date."]}


def test_form_refuses_a_last_date_before_the_first():
    bound = form(schedule="monthly", starts="2026-03-15", until="2026-03-01")

    assert bound.errors == {"until": ["The last date cannot be before the first date."]}


def test_form_refuses_a_monthly_schedule_that_never_occurs_on_the_schedule():
    bound = form(schedule="monthly", starts="2026-01-31", months=["2", "4"])

    assert bound.errors == {
        "schedule": [
            "This schedule gives no date in the ten years from the first date. Check the months and the day of the "
            "month (February has no 30th, and not every month has a 31st), and that the last date is not before "
            "the first date."
        ]
    }


def test_form_refuses_a_custom_rule_it_cannot_read_on_the_rule():
    bound = form(schedule="custom", starts="2026-01-01", rule="every other monday")

    assert bound.errors == {
        "rule": [
            "“every other monday” is not a recurrence rule that can be read. Write it as in RFC 5545, "
            "for example FREQ=MONTHLY;BYDAY=2TU for the second Tuesday of every month."
        ]
    }


def test_form_custom_needs_a_rule():
    assert form(schedule="custom", starts="2026-01-01").errors == {"rule": ["Enter a rule, or choose another schedule."]}


def test_form_weekday_needs_a_weekday():
    bound = form(schedule="weekday", starts="2026-01-01", ordinal="2")

    assert bound.errors == {"weekday": ["Choose which weekday of the month, such as the second Tuesday."]}


def test_form_needs_title_kind_and_schedule():
    bound = ActivityForm({}, viewer=STAFF)

    assert sorted(bound.errors) == ["kind", "schedule", "title", "visibility"]


def test_form_of_an_activity_shows_its_schedule():
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    role = make_role("Programleder")
    activity = make_activity(
        body=board,
        role=role,
        starts=date(2026, 1, 13),
        time=time(17, 0),
        rule="FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU;UNTIL=20271231",
    )

    initial = ActivityForm(viewer=STAFF, activity=activity).initial

    shown = ("body", "role", "schedule", "months", "ordinal", "weekday", "until", "time")
    assert {key: initial[key] for key in shown} == {
        "body": board.pk,
        "role": role.pk,
        "schedule": "weekday",
        "months": [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12],
        "ordinal": 2,
        "weekday": "TU",
        "until": date(2027, 12, 31),
        "time": time(17, 0),
    }


def test_form_of_an_activity_on_dates_lists_every_date():
    activity = make_activity(starts=None, dates=["2026-03-02", "2026-06-15"])

    initial = ActivityForm(viewer=STAFF, activity=activity).initial

    assert (initial["schedule"], initial["dates"]) == ("dates", "2026-03-02\n2026-06-15")


def test_form_of_an_activity_with_a_custom_rule_shows_it():
    activity = make_activity(starts=date(2026, 1, 5), rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", dates=["2026-12-24"])

    initial = ActivityForm(viewer=STAFF, activity=activity).initial

    assert (initial["schedule"], initial["rule"], initial["dates"]) == (
        "custom",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        "2026-12-24",
    )


def test_form_of_an_activity_saved_again_gives_the_same_arguments():
    activity = make_activity(starts=date(2026, 3, 15), rule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", audience="members")
    initial = ActivityForm(viewer=STAFF, activity=activity).initial
    posted = {key: value for key, value in initial.items() if value is not None}
    posted["months"] = [str(month) for month in posted["months"]]

    bound = ActivityForm(posted, viewer=STAFF, activity=activity)

    assert bound.errors == {}
    assert bound.service_arguments()["rule"] == activity.rule


def test_form_of_an_activity_carries_its_visibility_and_revision():
    activity = make_activity(visibility="internal")

    initial = ActivityForm(viewer=STAFF, activity=activity).initial

    assert (initial["visibility"], initial["revision"]) == ("internal", revision(activity))


def test_form_gives_the_visibility_and_revision_to_the_service():
    bound = form(schedule="once", starts="2026-03-15", visibility="public", revision="7")

    assert bound.errors == {}
    found = bound.service_arguments()
    assert (found["visibility"], found["revision"]) == ("public", 7)


def test_form_offers_a_coordinator_only_the_bodies_of_their_community():
    own = save_body(name="Fællesskab A", kind=Body.Kind.PRODUCT_COMMUNITY)
    save_body(name="Fællesskab B", kind=Body.Kind.PRODUCT_COMMUNITY)
    coordinator = Viewer(user_id=2, groups=frozenset({COORDINATOR}), edits_bodies=frozenset({own.pk}))

    field = ActivityForm(viewer=coordinator).fields["body"]

    assert ([body.name for body in field.queryset], field.required) == (["Fællesskab A"], True)


def test_form_refuses_a_coordinator_another_communitys_body():
    own = save_body(name="Fællesskab A", kind=Body.Kind.PRODUCT_COMMUNITY)
    other = save_body(name="Fællesskab B", kind=Body.Kind.PRODUCT_COMMUNITY)
    coordinator = Viewer(user_id=2, groups=frozenset({COORDINATOR}), edits_bodies=frozenset({own.pk}))
    data = {"title": "Frist", "kind": "deadline", "visibility": "members", "schedule": "once", "starts": "2026-03-15"}

    bound = ActivityForm({**data, "body": other.pk}, viewer=coordinator)

    assert bound.errors == {"body": ["Choose one of the bodies listed: those whose annual cycle you may change."]}
