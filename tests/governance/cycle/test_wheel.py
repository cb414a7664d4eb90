import re
from datetime import date, time

import pytest
from django.utils import translation

from os2org.governance.cycle.selectors import Occurrence
from os2org.governance.cycle.wheel import Today, angle, draw_wheel, mark_label, point
from os2org.governance.models import Activity
from tests.dom import attribute, element, elements, parse, text, texts
from tests.governance.cycle_data import make_activity


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def occurrence(day, *, kind="deadline", title="Budget", clock=None):
    return Occurrence(Activity(title=title, kind=kind, starts=day), day, clock)


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

    assert (mark.x, mark.y, mark.kind) == ("645.0", "451.7", "deadline")


def test_wheel_moves_a_mark_that_would_cover_another_to_the_next_lane():
    found = [occurrence(date(2026, 1, 1), kind="meeting"), occurrence(date(2026, 1, 1), kind="meeting", title="B")]

    marks = draw_wheel(2026, found, date(2026, 5, 7)).marks

    assert [(mark.x, mark.y) for mark in marks] == [("451.2", "305.0"), ("451.1", "321.0")]


def test_wheel_keeps_marks_apart_in_time_in_one_lane():
    found = [occurrence(date(2026, 1, 1), kind="meeting"), occurrence(date(2026, 2, 1), kind="meeting")]

    marks = draw_wheel(2026, found, date(2026, 5, 7)).marks

    assert [mark.y for mark in marks] == ["305.0", "325.1"]


def test_mark_label_names_the_activity_its_kind_and_date():
    assert mark_label(occurrence(date(2026, 4, 1))) == "Budget (deadline), 1. April 2026"


def test_mark_label_of_a_timed_occurrence_has_the_time():
    found = occurrence(date(2026, 10, 13), kind="meeting", title="Bestyrelsesmøde", clock=time(17, 0))

    assert mark_label(found) == "Bestyrelsesmøde (meeting), 13. October 2026 at 5 p.m."


def test_wheel_marks_today_in_its_year():
    wheel = draw_wheel(2026, [], date(2026, 4, 1))

    # From just inside the hub (108) to just outside the outermost ring (382).
    assert wheel.today == Today("558.0", "450.9", "832.0", "453.3", "1. April")


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
    assert (attribute(link, "href"), attribute(link, "aria-label"), text(element(link, "title"))) == (
        f"/en/aarshjul/aktiviteter/{activity.pk}/",
        "Budget (decision process), 1. September 2026",
        "Budget (decision process), 1. September 2026",
    )


@pytest.mark.django_db
def test_wheel_svg_says_today(client, today):
    svg = element(parse(client.get("/en/aarshjul/")), "svg", class_="cycle-wheel-svg")

    assert text(element(svg, "text", class_="cycle-today-label")) == "Today: 7. May"


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
