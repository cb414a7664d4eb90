import re
from datetime import date, time, timedelta

import pytest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from os2org.governance.cycle.selectors import Occurrence, occurrences_between
from os2org.governance.cycle.wheel import (
    NAMED_MOST,
    InMonth,
    Today,
    angle,
    draw_wheel,
    mark_label,
    point,
    shape_path,
)
from os2org.governance.models import Activity
from os2org.governance.readers import UNFILTERED
from tests.dom import attribute, element, elements, parse, text, texts
from tests.governance.cycle_data import make_activity


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def occurrence(day, *, kind="deadline", title="Budget", clock=None):
    return Occurrence(Activity(title=title, kind=kind, starts=day), day, clock, f"/{title}/")


def dates_of(days, *, kind="meeting", title="Koordinatormøde", clock=None):
    """The occurrences of one activity on `days`: they share the activity, as the cycle's readers give them."""
    activity = Activity(title=title, kind=kind, starts=days[0])
    return [Occurrence(activity, day, clock, f"/{title}/") for day in days]


def weekly(first, last, **fields):
    """An activity every week from `first` up to `last`."""
    return dates_of([first + timedelta(weeks=week) for week in range((last - first).days // 7 + 1)], **fields)


@pytest.mark.parametrize(
    ("day", "degrees"),
    [
        (date(2026, 1, 1), 30 * 0.5 / 31),
        (date(2026, 4, 1), 90 + 30 * 0.5 / 30),
        (date(2026, 7, 16), 180 + 30 * 15.5 / 31),
        (date(2026, 12, 31), 330 + 30 * 30.5 / 31),
    ],
)
def test_angle_is_the_middle_of_the_day_in_its_month_sector(day, degrees):
    assert angle(day) == degrees


@pytest.mark.parametrize(
    ("degrees", "expected"), [(0, ("450.0", "350.0")), (90, ("550.0", "450.0")), (180, ("450.0", "550.0"))]
)
def test_point_runs_clockwise_from_the_top(degrees, expected):
    assert point(100, degrees) == expected


def test_point_writes_a_decimal_point_in_danish_too():
    with translation.override("da"):
        assert point(100.25, 45) == ("520.9", "379.1")


def test_wheel_has_the_twelve_months_in_order():
    wheel = draw_wheel(2026, [], date(2026, 5, 7))

    assert [month.name for month in wheel.months] == [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]  # fmt: skip


def test_wheel_shades_every_other_month():
    wheel = draw_wheel(2026, [], date(2026, 5, 7))

    assert [bool(month.shade) for month in wheel.months] == [False, True] * 6


def test_wheel_has_a_ring_per_kind_from_the_centre_out():
    wheel = draw_wheel(2026, [], date(2026, 5, 7))

    assert [(ring.kind, ring.label, ring.radius) for ring in wheel.rings] == [
        ("meeting", "Meeting", "145.0"),
        ("deadline", "Deadline", "195.0"),
        ("decision_process", "Decision process", "245.0"),
        ("communication", "Communication", "295.0"),
        ("event", "Event", "345.0"),
    ]


def test_wheel_puts_a_mark_in_its_kinds_ring_at_its_date():
    (mark,) = draw_wheel(2026, [occurrence(date(2026, 4, 1))], date(2026, 5, 7)).marks

    assert ([(dot.x, dot.y) for dot in mark.dots], mark.kind, mark.url) == ([("645.0", "451.7")], "deadline", "/Budget/")


def test_wheel_moves_a_mark_that_would_cover_another_to_the_next_lane():
    found = [occurrence(date(2026, 1, 1), kind="meeting"), occurrence(date(2026, 1, 1), kind="meeting", title="B")]

    marks = draw_wheel(2026, found, date(2026, 5, 7)).marks

    assert [[(dot.x, dot.y) for dot in mark.dots] for mark in marks] == [[("451.2", "305.0")], [("451.1", "321.0")]]


def test_wheel_keeps_marks_apart_in_time_in_one_lane():
    found = [occurrence(date(2026, 1, 1), kind="meeting"), occurrence(date(2026, 2, 1), kind="meeting", title="B")]

    marks = draw_wheel(2026, found, date(2026, 5, 7)).marks

    assert [dot.y for mark in marks for dot in mark.dots] == ["305.0", "325.1"]


def test_wheel_draws_an_activity_once_with_a_dot_in_each_of_its_months():
    found = weekly(date(2026, 3, 2), date(2026, 5, 25))

    (mark,) = draw_wheel(2026, found, date(2026, 5, 7)).marks

    assert (len(found), len(mark.dots)) == (13, 3)


def test_wheel_puts_an_activitys_dot_at_its_first_date_in_the_month():
    (mark,) = draw_wheel(2026, weekly(date(2026, 4, 1), date(2026, 4, 29)), date(2026, 5, 7)).marks

    assert [(dot.x, dot.y) for dot in mark.dots] == [point(145, angle(date(2026, 4, 1)))]


def test_wheel_mark_says_how_many_times_in_each_month():
    (mark,) = draw_wheel(2026, weekly(date(2026, 3, 2), date(2026, 5, 25)), date(2026, 5, 7)).marks

    assert mark.label == "Koordinatormøde (meeting), 5 times in March, 4 times in April and 4 times in May, 2026"


def test_wheel_mark_gives_the_date_of_a_month_with_one():
    found = dates_of([date(2026, 3, 2), date(2026, 3, 16), date(2026, 6, 15)], clock=time(17, 0))

    (mark,) = draw_wheel(2026, found, date(2026, 5, 7)).marks

    assert mark.label == "Koordinatormøde (meeting), 2 times in March and June 15, 2026 at 5 p.m."


def test_wheel_draws_a_weekly_activity_as_one_band_not_52_marks():
    found = weekly(date(2026, 1, 5), date(2026, 12, 28))

    wheel = draw_wheel(2026, found, date(2026, 5, 7))

    assert (len(found), len(wheel.bands), wheel.marks) == (52, 1, [])


def test_wheel_band_says_how_many_times_in_the_year():
    (band,) = draw_wheel(2026, weekly(date(2026, 1, 5), date(2026, 12, 28)), date(2026, 5, 7)).bands

    assert (band.label, band.kind, band.url) == (
        "Koordinatormøde (meeting), 52 times in 2026: every month",
        "meeting",
        "/Koordinatormøde/",
    )


def test_wheel_band_names_the_months_it_skips():
    days = [date(2026, month, 10) for month in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)]

    (band,) = draw_wheel(2026, dates_of(days), date(2026, 5, 7)).bands

    assert band.label == "Koordinatormøde (meeting), 11 times in 2026: every month except July"


def test_wheel_band_runs_from_its_first_month_to_its_last():
    days = [date(2026, month, 10) for month in range(3, 10)]

    (band,) = draw_wheel(2026, dates_of(days, kind="deadline"), date(2026, 5, 7)).bands

    # On the deadline ring (radius 195), from 1.5° into March to 1.5° before the end of September.
    start, end = point(195, 61.5), point(195, 268.5)
    assert band.path == f"M {start[0]} {start[1]} A 195.0 195.0 0 1 1 {end[0]} {end[1]}"


def test_wheel_gives_an_activity_of_six_months_marks_not_a_band():
    days = [date(2026, month, 10) for month in range(1, 7)]

    wheel = draw_wheel(2026, dates_of(days), date(2026, 5, 7))

    assert (wheel.bands, [len(mark.dots) for mark in wheel.marks]) == ([], [6])


def test_wheel_entries_are_each_activity_in_each_month_with_its_count():
    found = [*weekly(date(2026, 3, 30), date(2026, 4, 13)), occurrence(date(2026, 4, 1))]

    entries = draw_wheel(2026, found, date(2026, 5, 7)).entries

    assert [(entry.first.date, entry.activity.title, entry.count) for entry in entries] == [
        (date(2026, 3, 30), "Koordinatormøde", 1),
        (date(2026, 4, 1), "Budget", 1),
        (date(2026, 4, 6), "Koordinatormøde", 2),
    ]


def test_mark_label_names_the_activity_its_kind_and_date():
    assert mark_label([InMonth(occurrence(date(2026, 4, 1)), 1)], 2026) == "Budget (deadline), April 1, 2026"


def test_mark_label_of_a_timed_occurrence_has_the_time():
    found = occurrence(date(2026, 10, 13), kind="meeting", title="Bestyrelsesmøde", clock=time(17, 0))

    assert mark_label([InMonth(found, 1)], 2026) == "Bestyrelsesmøde (meeting), October 13, 2026 at 5 p.m."


def test_mark_label_says_the_count_in_danish():
    found = occurrence(date(2026, 3, 2), kind="meeting", title="Koordinatormøde")

    with translation.override("da"):
        assert mark_label([InMonth(found, 4)], 2026) == "Koordinatormøde (møde), 4 gange i marts 2026"


def test_wheel_marks_today_in_its_year():
    wheel = draw_wheel(2026, [], date(2026, 4, 1))

    # From just inside the hub (108) to just outside the outermost ring (382).
    assert wheel.today == Today("558.0", "450.9", "832.0", "453.3", "April 1")


def test_wheel_of_another_year_has_no_today():
    assert draw_wheel(2027, [], date(2026, 4, 1)).today is None


@pytest.mark.django_db
def test_wheel_svg_is_a_labelled_group_of_links(client, today):
    activity = make_activity(title="Budget", kind="decision_process", starts=date(2026, 9, 1))

    svg = element(parse(client.get("/en/aarshjul/")), "svg", class_="cycle-wheel-svg")

    title = element(svg, "title", id="cycle-wheel-title")
    (link,) = elements(svg, "a")
    assert (attribute(svg, "role"), attribute(svg, "aria-labelledby"), text(title)) == (
        "group",
        "cycle-wheel-title",
        "The annual cycle 2026 as a wheel",
    )
    # An SVG element's <title> is its accessible name, and its tooltip.
    assert (attribute(link, "href"), text(element(link, "title"))) == (
        f"/en/aarshjul/aktiviteter/{activity.pk}/",
        "Budget (decision process), September 1, 2026",
    )


@pytest.mark.django_db
def test_wheel_svg_says_today(client, today):
    svg = element(parse(client.get("/en/aarshjul/")), "svg", class_="cycle-wheel-svg")

    assert text(element(svg, "text", class_="cycle-today-label")) == "Today: May 7"


@pytest.mark.django_db
def test_wheel_svg_numbers_have_decimal_points_in_danish(client, today):
    make_activity(kind="event", starts=date(2026, 9, 1), rule="FREQ=MONTHLY;BYMONTHDAY=1")

    svg = element(parse(client.get("/aarshjul/")), "svg", class_="cycle-wheel-svg")

    numbers = [attribute(circle, name) for circle in elements(svg, "circle") for name in ("cx", "cy", "r")]
    assert [number for number in numbers if not re.fullmatch(r"[0-9]+\.[0-9]", number)] == []


@pytest.mark.django_db
def test_wheel_legend_names_the_rings_from_the_centre(client, today):
    figure = element(parse(client.get("/en/aarshjul/")), "figure", class_="cycle-wheel")

    assert texts(elements(element(figure, "ol", class_="cycle-legend"), "li")) == [
        "Meeting", "Deadline", "Decision process", "Communication", "Event",
    ]  # fmt: skip


@pytest.mark.django_db
def test_wheel_svg_has_no_inline_style(client, today):
    make_activity()

    assert "style=" not in client.get("/en/aarshjul/").content.decode()


def test_wheel_draws_each_kind_in_its_own_shape():
    """A deadline is a square and a meeting a circle: the rings read apart without colour."""
    deadline = shape_path("square", "100.0", "100.0", 10)
    meeting = shape_path("circle", "100.0", "100.0", 10)

    assert deadline == "M 108.8 91.2 L 108.8 108.8 L 91.2 108.8 L 91.2 91.2 Z"
    assert meeting == "M 90.0 100.0 a 10.0 10.0 0 1 0 20.0 0 a 10.0 10.0 0 1 0 -20.0 0 Z"


@pytest.mark.django_db
def test_wheel_numbers_each_activity_in_the_order_of_its_first_date():
    budget = make_activity(title="Budget", kind="deadline", starts=date(2026, 9, 1))
    newsletter = make_activity(title="Nyhedsbrev", kind="communication", starts=date(2026, 3, 1))

    wheel = draw_wheel(2026, occurrences_between(date(2026, 1, 1), date(2026, 12, 31), viewer=UNFILTERED), date(2026, 1, 1))

    assert [(entry.number, entry.url) for entry in wheel.key] == [
        (1, newsletter.get_absolute_url()),
        (2, budget.get_absolute_url()),
    ]
    assert sorted((mark.number, mark.kind) for mark in wheel.marks) == [(1, "communication"), (2, "deadline")]


def many(count, first=date(2026, 3, 2)):
    """`count` activities: a meeting on `first` and a deadline in the month after, each under its own title."""
    found = []
    for number in range(count):
        kind, day = ("meeting", first) if number % 2 == 0 else ("deadline", date(first.year, first.month + 1, 10))
        found.append(occurrence(day, kind=kind, title=f"Aktivitet {number}"))
    return found


def test_wheel_names_each_of_as_many_activities_as_it_can():
    wheel = draw_wheel(2026, many(NAMED_MOST), date(2026, 5, 7))

    assert (len(wheel.marks), len(wheel.key), wheel.tallies, wheel.counted) == (NAMED_MOST, NAMED_MOST, (), 0)


def test_wheel_of_too_many_activities_counts_each_kind_a_month():
    wheel = draw_wheel(2026, many(NAMED_MOST + 1), date(2026, 5, 7))

    assert [(tally.kind, tally.month, tally.count, tally.label) for tally in wheel.tallies] == [
        ("meeting", 3, 51, "Meeting: 51 in March"),
        ("deadline", 4, 50, "Deadline: 50 in April"),
    ]
    assert (wheel.marks, wheel.bands, wheel.key, wheel.counted) == ([], [], (), NAMED_MOST + 1)


def test_wheel_tally_stands_in_the_middle_of_its_month_on_its_kinds_ring():
    (meetings, _deadlines) = draw_wheel(2026, many(NAMED_MOST + 1), date(2026, 5, 7)).tallies

    assert (meetings.x, meetings.y) == point(145, 75)


def test_wheel_of_too_many_activities_still_lists_each_in_its_month():
    wheel = draw_wheel(2026, many(NAMED_MOST + 1), date(2026, 5, 7))

    assert [entry.month for entry in wheel.entries].count(3) == 51


def test_wheel_svg_of_tallies_links_each_to_its_months_list():
    wheel = draw_wheel(2026, many(NAMED_MOST + 1), date(2026, 5, 7))

    svg = parse(HttpResponse(render_to_string("governance/wheel.svg.html", {"wheel": wheel, "kept": "&type=meeting"})))

    links = elements(element(svg, "g", class_="cycle-tallies"), "a")
    assert [(attribute(link, "href"), text(element(link, "title")), text(element(link, "text"))) for link in links] == [
        ("?aar=2026&maaned=3&type=meeting#by-month", "Meeting: 51 in March", "51"),
        ("?aar=2026&maaned=4&type=meeting#by-month", "Deadline: 50 in April", "50"),
    ]


def test_wheel_of_tallies_says_how_to_see_each_activity():
    wheel = draw_wheel(2026, many(NAMED_MOST + 1), date(2026, 5, 7))

    figure = parse(HttpResponse(render_to_string("governance/wheel.svg.html", {"wheel": wheel, "kept": ""})))

    assert text(element(figure, "p", class_="cycle-counted")) == (
        "The year holds 101 activities, too many to name each on the wheel. Each mark counts one kind's activities "
        "in a month and leads to that month's list. Choose a body or a kind under “Filter the wheel” to see each "
        "activity on the wheel."
    )
    assert elements(figure, "ol", class_="cycle-key") == []
