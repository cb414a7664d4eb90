from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from os2org.governance.cycle.recurrence import (
    Schedule,
    build_rule,
    check_rule,
    describe,
    moved_start,
    next_dates,
    normalise_rule,
    occurrences,
    parse_dates,
    role_reviews,
    schedule_of,
)
from os2org.governance.models import Activity
from os2org.roles.models import RoleDescription

NOT_JULY = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def activity(starts, rule="", dates=()):
    return Activity(title="Test", kind="meeting", starts=starts, rule=rule, dates=list(dates))


def test_build_rule_yearly_takes_month_and_day_from_the_first_date():
    assert build_rule(schedule="yearly", starts=date(2026, 3, 15)) == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15"


def test_build_rule_monthly_takes_the_day_of_the_first_date():
    assert build_rule(schedule="monthly", starts=date(2026, 3, 15)) == "FREQ=MONTHLY;BYMONTHDAY=15"


def test_build_rule_monthly_with_months_lists_them_in_order():
    rule = build_rule(schedule="monthly", starts=date(2026, 1, 20), months=[12, 3, 6])

    assert rule == "FREQ=MONTHLY;BYMONTH=3,6,12;BYMONTHDAY=20"


def test_build_rule_with_every_month_ticked_leaves_the_months_out():
    rule = build_rule(schedule="monthly", starts=date(2026, 1, 20), months=range(1, 13))

    assert rule == "FREQ=MONTHLY;BYMONTHDAY=20"


def test_build_rule_weekday_is_the_nth_weekday_of_the_month():
    rule = build_rule(schedule="weekday", starts=date(2026, 1, 1), ordinal=2, weekday="TU", months=NOT_JULY)

    assert rule == "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU"


def test_build_rule_weekday_last_counts_from_the_end():
    assert build_rule(schedule="weekday", starts=date(2026, 1, 1), ordinal=-1, weekday="FR") == "FREQ=MONTHLY;BYDAY=-1FR"


def test_build_rule_until_adds_the_last_date():
    rule = build_rule(schedule="yearly", starts=date(2026, 3, 15), until=date(2030, 12, 31))

    assert rule == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15;UNTIL=20301231"


@pytest.mark.parametrize("schedule", ["once", "dates"])
def test_build_rule_once_and_dates_have_no_rule(schedule):
    assert build_rule(schedule=schedule, starts=date(2026, 3, 15)) == ""


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("RRULE:FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=2TU"),
        ("freq=monthly;byday=-1fr", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("BYDAY=MO;FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=YEARLY;UNTIL=20271231T225959Z", "FREQ=YEARLY;UNTIL=20271231"),
        # 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
        ("FREQ=YEARLY;UNTIL=20271231T233000Z", "FREQ=YEARLY;UNTIL=20280101"),
        ("  ", ""),
    ],
)
def test_normalise_rule_writes_rules_one_way(rule, expected):
    assert normalise_rule(rule) == expected


@pytest.mark.parametrize(
    "rule", ["nonsense", "FREQ=YEARLY;FOO=1", "BYDAY=MO", "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;BYDAY=9XX"]
)
def test_normalise_rule_refuses_what_is_no_rule(rule):
    with pytest.raises(ValidationError) as error:
        normalise_rule(rule)

    assert error.value.message_dict["rule"] == [
        f"“{rule}” is not a recurrence rule that can be read. Write it as in RFC 5545, "
        "for example FREQ=MONTHLY;BYDAY=2TU for the second Tuesday of every month."
    ]


def test_normalise_rule_refuses_repeating_within_a_day():
    with pytest.raises(ValidationError) as error:
        normalise_rule("FREQ=HOURLY")

    assert error.value.message_dict["rule"] == [
        "An activity repeats by the day, week, month or year: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."
    ]


def test_check_rule_returns_the_first_date_on_or_after_the_start():
    assert check_rule("FREQ=MONTHLY;BYDAY=2TU", date(2026, 10, 1)) == date(2026, 10, 13)


def test_check_rule_keeps_a_start_that_is_on_the_rule():
    assert check_rule("FREQ=MONTHLY;BYDAY=2TU", date(2026, 10, 13)) == date(2026, 10, 13)


NEVER = (
    "This schedule gives no date in the ten years from the first date. Check the months and the day of the month "
    "(February has no 30th, and not every month has a 31st), and that the last date is not before the first date."
)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20251231",
        # Every fourth year from 2027 is never a leap year.
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
    ],
)
def test_check_rule_refuses_a_rule_that_never_occurs(rule):
    with pytest.raises(ValidationError) as error:
        check_rule(rule, date(2027, 1, 1))

    assert (error.value.error_dict["rule"][0].code, error.value.message_dict["rule"]) == ("never", [NEVER])


def test_occurrences_of_the_second_tuesday_cross_the_year():
    monthly = activity(date(2026, 10, 13), "FREQ=MONTHLY;BYDAY=2TU")

    assert occurrences(monthly, date(2026, 10, 1), date(2027, 2, 28)) == [
        date(2026, 10, 13),
        date(2026, 11, 10),
        date(2026, 12, 8),
        date(2027, 1, 12),
        date(2027, 2, 9),
    ]


def test_occurrences_skip_the_months_left_out():
    not_july = activity(date(2026, 6, 9), "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU")

    assert occurrences(not_july, date(2026, 6, 1), date(2026, 9, 30)) == [
        date(2026, 6, 9),
        date(2026, 8, 11),
        date(2026, 9, 8),
    ]


def test_occurrences_of_the_last_friday():
    last_friday = activity(date(2026, 1, 30), "FREQ=MONTHLY;BYDAY=-1FR")

    assert occurrences(last_friday, date(2026, 1, 1), date(2026, 3, 31)) == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
    ]


def test_occurrences_of_a_yearly_date_include_both_ends_of_the_range():
    yearly = activity(date(2026, 12, 15), "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15")

    assert occurrences(yearly, date(2026, 12, 15), date(2028, 12, 15)) == [
        date(2026, 12, 15),
        date(2027, 12, 15),
        date(2028, 12, 15),
    ]


def test_occurrences_stop_at_until():
    monthly = activity(date(2026, 11, 20), "FREQ=MONTHLY;BYMONTHDAY=20;UNTIL=20270120")

    assert occurrences(monthly, date(2026, 1, 1), date(2027, 12, 31)) == [
        date(2026, 11, 20),
        date(2026, 12, 20),
        date(2027, 1, 20),
    ]


def test_occurrences_of_explicit_dates_are_the_first_date_and_the_further_dates():
    listed = activity(date(2026, 3, 2), dates=["2026-06-01", "2026-11-30"])

    assert occurrences(listed, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 3, 2),
        date(2026, 6, 1),
        date(2026, 11, 30),
    ]


def test_occurrences_of_a_one_off_are_its_date():
    assert occurrences(activity(date(2026, 3, 2)), date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 3, 2)]


def test_occurrences_follow_a_changed_rule_of_the_same_activity():
    changing = activity(date(2026, 1, 5), "FREQ=MONTHLY;BYMONTHDAY=5")
    occurrences(changing, date(2026, 1, 1), date(2026, 3, 31))

    changing.rule = "FREQ=MONTHLY;BYMONTHDAY=20"

    assert occurrences(changing, date(2026, 1, 1), date(2026, 3, 31)) == [
        date(2026, 1, 5),
        date(2026, 1, 20),
        date(2026, 2, 20),
        date(2026, 3, 20),
    ]


def test_occurrences_follow_changed_further_dates_of_the_same_activity():
    changing = activity(date(2026, 3, 2), dates=["2026-06-01"])
    occurrences(changing, date(2026, 1, 1), date(2026, 12, 31))

    changing.dates = ["2026-09-01"]

    assert occurrences(changing, date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 3, 2), date(2026, 9, 1)]


def test_next_dates_starts_on_the_day_asked():
    monthly = activity(date(2026, 10, 13), "FREQ=MONTHLY;BYDAY=2TU")

    assert next_dates(monthly, date(2026, 11, 10), 3) == [date(2026, 11, 10), date(2026, 12, 8), date(2027, 1, 12)]


def test_next_dates_are_fewer_when_the_activity_ends():
    listed = activity(date(2026, 3, 2), dates=["2026-06-01"])

    assert next_dates(listed, date(2026, 4, 1), 5) == [date(2026, 6, 1)]


@pytest.mark.parametrize(
    ("rule", "dates", "expected"),
    [
        ("", [], Schedule("once")),
        ("", ["2026-06-01"], Schedule("dates")),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", [], Schedule("yearly")),
        ("FREQ=YEARLY", [], Schedule("yearly")),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15;UNTIL=20301231", [], Schedule("yearly", until=date(2030, 12, 31))),
        ("FREQ=MONTHLY;BYMONTHDAY=15", [], Schedule("monthly")),
        ("FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=15", [], Schedule("monthly", months=(3, 9))),
        ("FREQ=MONTHLY;BYDAY=-1FR", [], Schedule("weekday", ordinal=-1, weekday="FR")),
        ("FREQ=MONTHLY;BYMONTH=1,6;BYDAY=2TU", [], Schedule("weekday", months=(1, 6), ordinal=2, weekday="TU")),
    ],
)
def test_schedule_of_reads_the_simple_schedules_back(rule, dates, expected):
    assert schedule_of(activity(date(2026, 3, 15), rule, dates)) == expected


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=MONTHLY;BYMONTHDAY=1",  # not the day of the first date
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYDAY=5TU",
        "FREQ=MONTHLY;BYDAY=2TU;COUNT=3",
    ],
)
def test_schedule_of_shows_other_rules_as_custom(rule):
    assert schedule_of(activity(date(2026, 3, 15), rule)) == Schedule("custom", rule=rule)


def test_schedule_of_a_rule_with_further_dates_is_custom():
    with_dates = activity(date(2026, 3, 15), "FREQ=MONTHLY;BYMONTHDAY=15", ["2026-12-24"])

    assert schedule_of(with_dates) == Schedule("custom", rule="FREQ=MONTHLY;BYMONTHDAY=15")


@pytest.mark.parametrize(
    ("starts", "rule", "dates", "expected"),
    [
        (date(2026, 3, 15), "", [], "once, on March 15, 2026"),
        (date(2026, 3, 15), "", ["2026-04-01", "2026-05-01"], "on 3 dates"),
        (date(2026, 3, 15), "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", [], "every year on March 15"),
        (date(2028, 2, 29), "FREQ=YEARLY", [], "every year on February 29"),
        (date(2026, 3, 15), "FREQ=MONTHLY;BYMONTHDAY=15", [], "on day 15 of every month"),
        (
            date(2026, 1, 13),
            "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU",
            [],
            "the second Tuesday of every month except July",
        ),
        (date(2026, 3, 27), "FREQ=MONTHLY;BYMONTH=3,9;BYDAY=-1FR", [], "the last Friday of March and September"),
        (
            date(2026, 3, 15),
            "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20271231",
            [],
            "on day 15 of every month, until Dec. 31, 2027",
        ),
        (date(2026, 3, 16), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", [], "every other week: Monday"),
        (date(2026, 3, 16), "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6", [], "every week: Monday and Thursday, 6 times"),
        (date(2026, 3, 16), "FREQ=DAILY;INTERVAL=3", [], "every 3 days"),
        (
            date(2026, 3, 1),
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,15;UNTIL=20270601",
            [],
            "every other month: day 1 and 15, until June 1, 2027",
        ),
        (date(2026, 3, 10), "FREQ=YEARLY;BYMONTH=3,9;BYDAY=2TU", [], "every year: the second Tuesday, in March and September"),
        (date(2026, 3, 16), "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", [], "by a schedule of its own: see the dates it falls on"),
        (date(2026, 3, 16), "FREQ=YEARLY;BYWEEKNO=20", [], "by a schedule of its own: see the dates it falls on"),
    ],
)
def test_describe_says_the_schedule_in_words(starts, rule, dates, expected):
    assert describe(activity(starts, rule, dates)) == expected


def test_describe_never_shows_a_rule_as_code():
    with translation.override("da"):
        described = describe(activity(date(2026, 3, 16), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"))

    assert described == "hver anden uge: mandag og torsdag"


def test_describe_speaks_danish_month_names():
    with translation.override("da"):
        assert describe(activity(date(2026, 3, 15), "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15")).endswith("15. marts")


def test_parse_dates_reads_both_ways_of_writing_a_date_sorted_and_once():
    lines = ["2026-06-01", "", "  15.3.2026 ", "01.06.2026", date(2026, 1, 2)]

    assert parse_dates(lines) == [date(2026, 1, 2), date(2026, 3, 15), date(2026, 6, 1)]


def test_parse_dates_names_the_line_that_is_no_date():
    with pytest.raises(ValidationError) as error:
        parse_dates(["2026-03-01", "", "31.2.2026", "junk"])

    assert error.value.message_dict["dates"] == [
        "Line 3, “31.2.2026”, is not a date. Write one date per line, as 2026-03-15 or 15.3.2026."
    ]


def role(name, reviewed_on):
    return RoleDescription(pk=len(name), name=name, slug=name.lower(), reviewed_on=reviewed_on)


def test_role_reviews_fall_due_a_year_after_the_last_review():
    (review,) = role_reviews([role("Programleder", date(2025, 6, 12))])

    assert (review.title, review.kind, review.starts, review.rule, review.role.name, review.review_of.name) == (
        "Yearly review: Programleder",
        "deadline",
        date(2026, 6, 12),
        "FREQ=YEARLY",
        "Programleder",
        "Programleder",
    )


def test_role_review_of_29_february_falls_due_on_28_february():
    (review,) = role_reviews([role("Sekretariatschef", date(2024, 2, 29))])

    assert occurrences(review, date(2025, 1, 1), date(2026, 12, 31)) == [date(2025, 2, 28), date(2026, 2, 28)]


def test_role_reviews_leave_out_roles_without_a_review_date():
    reviews = role_reviews([role("Programleder", None), role("Koordinator", date(2026, 1, 5))])

    assert [review.title for review in reviews] == ["Yearly review: Koordinator"]


def test_role_reviews_are_not_saved():
    (review,) = role_reviews([role("Koordinator", date(2026, 1, 5))])

    assert review.pk is None


def test_parse_dates_refuses_a_date_outside_the_supported_years():
    with pytest.raises(ValidationError) as raised:
        parse_dates(["2026-03-15", "0001-01-01"])

    assert raised.value.message_dict == {"dates": ["Line 2, “0001-01-01”: Give a date in the years 1900 to 2999."]}


def test_parse_dates_refuses_more_than_the_most_dates():
    days = [date(2026, 1, 1) + timedelta(days=number) for number in range(401)]

    with pytest.raises(ValidationError) as raised:
        parse_dates(days)

    assert raised.value.message_dict == {"dates": ["List at most 400 dates; for more, write a rule."]}


def test_moved_start_takes_a_daily_rule_to_the_day_before_the_window():
    assert moved_start("FREQ=DAILY", date(1900, 1, 1), date(2026, 1, 1)) == ("FREQ=DAILY", date(2025, 12, 31))


def test_moved_start_writes_the_days_a_yearly_rule_took_from_its_start():
    moved = moved_start("FREQ=YEARLY", date(1904, 2, 29), date(2026, 6, 1))

    assert moved == ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", date(2025, 2, 28))


def test_moved_start_keeps_a_rule_that_counts():
    assert moved_start("FREQ=DAILY;COUNT=5", date(1900, 1, 1), date(2026, 1, 1)) == ("FREQ=DAILY;COUNT=5", date(1900, 1, 1))


def test_occurrences_of_a_daily_activity_from_1900_are_the_window_s_days():
    daily = activity(date(1900, 1, 1), rule="FREQ=DAILY;INTERVAL=3")

    assert occurrences(daily, date(2026, 1, 1), date(2026, 1, 7)) == [date(2026, 1, 3), date(2026, 1, 6)]


RULES = st.builds(
    lambda freq, interval, extra: ";".join([f"FREQ={freq}", f"INTERVAL={interval}", *extra]),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.integers(1, 5),
    st.lists(
        st.sampled_from(["BYMONTH=2,7", "BYMONTHDAY=31", "BYMONTHDAY=-1", "BYDAY=TU", "BYDAY=2TH", "BYSETPOS=1"]),
        max_size=2,
        unique_by=lambda part: part.split("=")[0],
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    rule=RULES,
    starts=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    ahead=st.integers(0, 4000),
)
def test_moved_start_gives_the_same_dates_from_the_window_on(rule, starts, ahead):
    near = starts + timedelta(days=ahead)
    moved_rule, moved = moved_start(rule, starts, near)
    window = (datetime.combine(near, datetime.min.time()), datetime.combine(near + timedelta(days=800), datetime.min.time()))

    try:
        expected = rrulestr(rule, dtstart=datetime.combine(starts, datetime.min.time())).between(*window, inc=True)
    except ValueError:
        return  # dateutil refuses the combination (BYSETPOS without another BY part)
    found = rrulestr(moved_rule, dtstart=datetime.combine(moved, datetime.min.time())).between(*window, inc=True)

    assert found == expected
