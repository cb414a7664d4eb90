"""The annual cycle drawn as a wheel: the year as a circle, twelve month sectors, one ring per kind.

Every coordinate is worked out here and handed to the template
(governance/wheel.svg.html) as text with a decimal point: a number left to
the template would be localised, and a Danish decimal comma is no SVG
number. January starts at the top; the year runs clockwise, each month
an equal sector.
"""

import math
from calendar import monthrange
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from os2org.governance.cycle.recurrence import DAY, DAY_IN_YEAR
from os2org.governance.models import Activity

SIZE = 900
CENTRE = SIZE / 2
HUB = 120  # the inner circle, with the year and today's date
RING = 50  # the width of one kind's ring
LABELS = 405  # the radius of the month names
MARK = 8  # the radius of an occurrence's mark
# Marks that would overlap in a ring move out to the side: three lanes a ring.
LANES = (0, -16, 16)
TODAY_OVERHANG = 12


def _n(number):
    return f"{number:.1f}"


def angle(day):
    """Degrees clockwise from the top: the middle of the day within its month's 30° sector."""
    days = monthrange(day.year, day.month)[1]
    return 30 * (day.month - 1 + (day.day - 0.5) / days)


def point(radius, degrees):
    """(x, y) as text, `radius` from the centre in the direction `degrees` clockwise from the top."""
    radians = math.radians(degrees)
    return _n(CENTRE + radius * math.sin(radians)), _n(CENTRE - radius * math.cos(radians))


@dataclass(frozen=True)
class Ring:
    kind: str
    label: str
    radius: str  # the middle of the ring
    inner: float
    outer: float


@dataclass(frozen=True)
class Month:
    name: str
    x: str
    y: str
    # The line that starts the month, from the hub to the outermost ring.
    x1: str
    y1: str
    x2: str
    y2: str
    # Every other month is shaded, so the sectors read apart.
    shade: str


@dataclass(frozen=True)
class Mark:
    occurrence: object
    x: str
    y: str
    label: str
    kind: str


@dataclass(frozen=True)
class Today:
    x1: str
    y1: str
    x2: str
    y2: str
    label: str


@dataclass(frozen=True)
class Wheel:
    year: int
    rings: list
    months: list
    marks: list
    today: Today | None
    size: str = _n(SIZE)
    centre: str = _n(CENTRE)
    hub: str = _n(HUB)
    outer: str = _n(HUB + RING * len(Activity.Kind.values))
    ring_width: str = _n(RING)
    mark_radius: str = _n(MARK)


def _rings():
    rings = {}
    for index, (kind, label) in enumerate(Activity.Kind.choices):
        inner = HUB + index * RING
        rings[kind] = Ring(kind, capfirst(label), _n(inner + RING / 2), inner, inner + RING)
    return rings


def _sector(inner, outer, start, end):
    """An SVG path of the ring part between two angles."""
    x1, y1 = point(outer, start)
    x2, y2 = point(outer, end)
    x3, y3 = point(inner, end)
    x4, y4 = point(inner, start)
    return (
        f"M {x1} {y1} A {_n(outer)} {_n(outer)} 0 0 1 {x2} {y2} "
        f"L {x3} {y3} A {_n(inner)} {_n(inner)} 0 0 0 {x4} {y4} Z"
    )


def _months(outer):
    months = []
    for month in range(1, 13):
        start = 30 * (month - 1)
        x, y = point(LABELS, start + 15)
        x1, y1 = point(HUB, start)
        x2, y2 = point(outer, start)
        shade = _sector(HUB, outer, start, start + 30) if month % 2 == 0 else ""
        months.append(Month(capfirst(MONTHS[month]), x, y, x1, y1, x2, y2, shade))
    return months


def mark_label(occurrence):
    """What a mark says to a screen reader and in its tooltip: title, kind and date (and time)."""
    when = date_format(occurrence.date, DAY)
    if occurrence.time is not None:
        when = _("%(date)s at %(time)s") % {"date": when, "time": time_format(occurrence.time, "TIME_FORMAT")}
    return _("%(title)s (%(kind)s), %(when)s") % {
        "title": occurrence.activity.title,
        "kind": occurrence.activity.get_kind_display(),
        "when": when,
    }


def _marks(occurrences, rings):
    """A mark per occurrence in its kind's ring; marks too close to the one before move to another lane."""
    marks, last = [], {}
    for occurrence in occurrences:
        kind = occurrence.activity.kind
        ring = rings[kind]
        radius = float(ring.radius)
        degrees = angle(occurrence.date)
        # Two marks may not be closer along the ring than their size.
        gap = math.degrees((2 * MARK + 2) / radius)
        free = [lane for lane in LANES if degrees - last.get((kind, lane), -360) >= gap]
        lane = free[0] if free else min(LANES, key=lambda lane: last.get((kind, lane), -360))
        last[(kind, lane)] = degrees
        x, y = point(radius + lane, degrees)
        marks.append(Mark(occurrence, x, y, mark_label(occurrence), kind))
    return marks


def _today(today, year, outer):
    if today.year != year:
        return None
    degrees = angle(today)
    x1, y1 = point(HUB - TODAY_OVERHANG, degrees)
    x2, y2 = point(outer + TODAY_OVERHANG, degrees)
    return Today(x1, y1, x2, y2, date_format(today, DAY_IN_YEAR))


def draw_wheel(year, occurrences, today):
    """The wheel of `year` with a mark for each of `occurrences` (all in that year), today marked if in it."""
    rings = _rings()
    outer = HUB + RING * len(rings)
    by_date = sorted(occurrences, key=lambda occurrence: occurrence.sort_key)
    return Wheel(
        year=year,
        rings=list(rings.values()),
        months=_months(outer),
        marks=_marks(by_date, rings),
        today=_today(today, year, outer),
    )
