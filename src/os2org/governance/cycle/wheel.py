"""The annual cycle drawn as a wheel: the year as a circle, twelve month sectors, one ring per kind.

An activity has a mark in each month it occurs in, or one band if it
occurs in most months, each named by what it stands for ("4 times in
March"): the wheel grows with the activities, not with their dates.

Every coordinate is worked out here and handed to the template
(governance/wheel.svg.html) as text with a decimal point: a number left to
the template would be localised, and a Danish decimal comma is no SVG
number. January starts at the top; the year runs clockwise, each month
an equal sector.
"""

import math
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, replace

from django.utils.dates import MONTHS
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.governance.cycle.recurrence import DAY_IN_YEAR, months_phrase
from os2org.governance.cycle.selectors import KIND_ORDER, Occurrence
from os2org.governance.models import Activity

SIZE = 900
CENTRE = SIZE / 2
HUB = 120  # the inner circle, with the year and today's date
RING = 50  # the width of one kind's ring
LABELS = 405  # the radius of the month names
MARK = 11  # the radius of a mark: an activity in a month, with its number inside
# Each kind has its shape as well as its colour, so the rings read apart in
# black and white and for those who do not tell the colours apart.
SHAPES = {
    "meeting": "circle",
    "deadline": "square",
    "decision_process": "diamond",
    "communication": "triangle",
    "event": "hexagon",
}
# An activity that occurs in more months of the year than not (7 of the 12
# or more) is drawn as one band from its first month to its last instead of
# a mark a month: a weekly meeting is a line round its ring, not 52 dots.
BAND_MONTHS = 7
BAND_GAP = 1.5  # degrees left free at each end of a band, so that the months it spans read
# Marks that would overlap in a ring move out to the side: three lanes a ring.
LANES = (0, -16, 16)
TODAY_OVERHANG = 12
# Up to this many activities the wheel names each one with a numbered mark
# and a line of the key. A large association's whole year holds hundreds:
# as many numbered marks read as noise, and their key alone outweighs the
# page. With more, each mark counts one kind's activities in a month and
# leads to that month's list; a filter by body or kind names them again.
NAMED_MOST = 100
TALLY = 16  # the radius of a counting mark: it holds up to three digits


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
    swatch: str = ""  # its kind's shape for the legend, in a 20 × 20 box


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
class InMonth:
    """An activity in one month of the year: its first date there (where its mark stands) and how many it has."""

    first: Occurrence
    count: int

    @property
    def activity(self):
        return self.first.activity

    @property
    def month(self):
        return self.first.date.month

    @property
    def url(self):
        return self.first.url


@dataclass(frozen=True)
class Dot:
    """Where an activity stands in one month: at its first date there, drawn in its kind's shape."""

    x: str
    y: str
    shape: str = ""


@dataclass(frozen=True)
class Key:
    """An activity's number on the wheel, and what it says in words: the key beside the wheel."""

    number: int
    url: str
    label: str
    kind: str


@dataclass(frozen=True)
class Mark:
    """An activity of a few months: one link, with a dot in each month, named by all it stands for."""

    url: str
    label: str
    kind: str
    dots: list
    number: int = 0


@dataclass(frozen=True)
class Band:
    """An activity of most months: one link, an arc along its ring from its first month to its last."""

    url: str
    label: str
    kind: str
    path: str
    number: int = 0
    # Where its number stands: at its start.
    x: str = ""
    y: str = ""


@dataclass(frozen=True)
class Tally:
    """How many activities of one kind fall in one month: the wheel's mark when it has too many to name."""

    kind: str
    month: int
    count: int
    label: str
    x: str
    y: str
    shape: str


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
    bands: list
    marks: list
    # Every activity in every month it occurs in, in order of date: what the list beside the wheel shows.
    entries: list
    today: Today | None
    # Each activity's number and words, in the order of the numbers.
    key: list = ()
    # With more than NAMED_MOST activities: the counts that stand for them, and how many there are.
    tallies: list = ()
    counted: int = 0
    size: str = _n(SIZE)
    centre: str = _n(CENTRE)
    hub: str = _n(HUB)
    outer: str = _n(HUB + RING * len(Activity.Kind.values))
    ring_width: str = _n(RING)
    mark_radius: str = _n(MARK)


def shape_path(shape, x, y, radius):
    """An SVG path of `shape` centred on (x, y) and about `radius` wide each way."""
    x, y = float(x), float(y)
    if shape == "circle":
        r = _n(radius)
        return f"M {_n(x - radius)} {_n(y)} a {r} {r} 0 1 0 {_n(2 * radius)} 0 a {r} {r} 0 1 0 {_n(-2 * radius)} 0 Z"
    corners = {"square": (4, 45), "diamond": (4, 0), "triangle": (3, 0), "hexagon": (6, 30)}[shape]
    sides, turn = corners
    # A square's corners stand out further than a circle's rim: the same area reads as the same size.
    reach = radius * (1.25 if sides == 4 else 1.35 if sides == 3 else 1.1)
    points = [point_at(x, y, reach, turn + index * 360 / sides) for index in range(sides)]
    return "M " + " L ".join(f"{px} {py}" for px, py in points) + " Z"


def point_at(x, y, radius, degrees):
    radians = math.radians(degrees)
    return _n(x + radius * math.sin(radians)), _n(y - radius * math.cos(radians))


def _rings():
    rings = {}
    for index, (kind, label) in enumerate(Activity.Kind.choices):
        inner = HUB + index * RING
        swatch = shape_path(SHAPES.get(kind, "circle"), 10, 10, 7)
        rings[kind] = Ring(kind, capfirst(label), _n(inner + RING / 2), inner, inner + RING, swatch)
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


def _when(entry):
    """An activity in a month in words: its date if it is the only one there, else how many times."""
    if entry.count == 1:
        return date_format(entry.first.date, DAY_IN_YEAR)
    label = ngettext("%(count)d time in %(month)s", "%(count)d times in %(month)s", entry.count)
    return label % {"count": entry.count, "month": MONTHS[entry.month]}


def mark_label(entries, year):
    """What a mark says to a screen reader and in its tooltip: title, kind, and each month (with the time).

    “Budget (deadline), 1. April 2026”, or “Koordinatormøde (meeting),
    4 times in March and 2. April 2026 at 5 p.m.”
    """
    first = entries[0].first
    dates = get_text_list([_when(entry) for entry in entries], _("and"))
    when = _("%(dates)s, %(year)d") % {"dates": dates, "year": year}
    if first.time is not None:
        when = _("%(date)s at %(time)s") % {"date": when, "time": time_format(first.time, "TIME_FORMAT")}
    return _("%(title)s (%(kind)s), %(when)s") % {
        "title": first.activity.title,
        "kind": Activity.Kind(first.activity.kind).label,
        "when": when,
    }


def band_label(entries, year):
    """What a band says: how many times in the year, and in which months."""
    activity = entries[0].activity
    count = sum(entry.count for entry in entries)
    label = ngettext(
        "%(title)s (%(kind)s), %(count)d time in %(year)d: %(months)s",
        "%(title)s (%(kind)s), %(count)d times in %(year)d: %(months)s",
        count,
    )
    return label % {
        "title": activity.title,
        "kind": Activity.Kind(activity.kind).label,
        "count": count,
        "year": year,
        "months": months_phrase([entry.month for entry in entries]),
    }


def by_activity(occurrences):
    """`occurrences` (in order of date) as one list per activity, in order of each activity's first date.

    The activities of meetings and role reviews are unsaved, without a
    primary key: an activity is told by its object, which all its dates share.
    """
    found = {}
    for occurrence in occurrences:
        found.setdefault(id(occurrence.activity), []).append(occurrence)
    return list(found.values())


def in_months(occurrences):
    """One activity's `occurrences` (in order of date) as an InMonth for each month they fall in."""
    months = {}
    for occurrence in occurrences:
        months.setdefault(occurrence.date.month, []).append(occurrence)
    return [InMonth(dates[0], len(dates)) for dates in months.values()]


def _arc(radius, start, end):
    """An SVG path along the circle of `radius` from `start` to `end` degrees, clockwise."""
    x1, y1 = point(radius, start)
    x2, y2 = point(radius, end)
    large = 1 if end - start > 180 else 0
    return f"M {x1} {y1} A {_n(radius)} {_n(radius)} 0 {large} 1 {x2} {y2}"


def _bands(activities, rings, year):
    """A band for each of `activities` (each a list of InMonth), taking the lanes of its ring in turn."""
    bands, taken = [], {}
    for entries in activities:
        kind = entries[0].activity.kind
        lane = LANES[taken.get(kind, 0) % len(LANES)]
        taken[kind] = taken.get(kind, 0) + 1
        months = [entry.month for entry in entries]
        radius, start = float(rings[kind].radius) + lane, 30 * (min(months) - 1) + BAND_GAP
        path = _arc(radius, start, 30 * max(months) - BAND_GAP)
        x, y = point(radius, start)
        bands.append(Band(entries[0].url, band_label(entries, year), kind, path, x=x, y=y))
    return bands


def _dots(entries, rings):
    """{id(entry): Dot} for `entries` in order of date; a dot too close to the one before moves to another lane."""
    dots, last = {}, {}
    for entry in entries:
        kind = entry.activity.kind
        radius = float(rings[kind].radius)
        degrees = angle(entry.first.date)
        # Two dots may not be closer along the ring than their size.
        gap = math.degrees((2 * MARK + 2) / radius)
        free = [lane for lane in LANES if degrees - last.get((kind, lane), -360) >= gap]
        lane = free[0] if free else min(LANES, key=lambda lane: last.get((kind, lane), -360))
        last[(kind, lane)] = degrees
        x, y = point(radius + lane, degrees)
        dots[id(entry)] = Dot(x, y, shape_path(SHAPES.get(kind, "circle"), x, y, MARK))
    return dots


def _marks(activities, rings, year):
    """A mark for each of `activities` (each a list of InMonth), in their order."""
    dots = _dots(_in_order(entry for entries in activities for entry in entries), rings)
    return [
        Mark(entries[0].url, mark_label(entries, year), entries[0].activity.kind, [dots[id(e)] for e in entries])
        for entries in activities
    ]


def _today(today, year, outer):
    if today.year != year:
        return None
    degrees = angle(today)
    x1, y1 = point(HUB - TODAY_OVERHANG, degrees)
    x2, y2 = point(outer + TODAY_OVERHANG, degrees)
    return Today(x1, y1, x2, y2, date_format(today, DAY_IN_YEAR))


def _in_order(entries):
    return sorted(entries, key=lambda entry: entry.first.sort_key)


def draw_wheel(year, occurrences, today):
    """The wheel of `year` with `occurrences` (all in that year), today marked if in it.

    Each activity is a mark with a dot in each month it occurs in, or a
    band if it occurs in most months (see BAND_MONTHS), named by what it
    stands for: the work is done once per activity and month, not per date.
    With more than NAMED_MOST activities, tallies stand for them instead.
    Bands and marks come ring by ring, so that the template can group them
    by kind.
    """
    rings = _rings()
    outer = HUB + RING * len(rings)
    by_date = sorted(occurrences, key=lambda occurrence: occurrence.sort_key)
    activities = [in_months(dates) for dates in by_activity(by_date)]
    # What every wheel has, whether it names its activities or counts them.
    frame = {
        "year": year,
        "rings": list(rings.values()),
        "months": _months(outer),
        "entries": _in_order(entry for entries in activities for entry in entries),
        "today": _today(today, year, outer),
    }
    if len(activities) > NAMED_MOST:
        return Wheel(**frame, bands=[], marks=[], tallies=_tallies(activities, rings), counted=len(activities))
    banded = [entries for entries in activities if len(entries) >= BAND_MONTHS]
    # Each activity is numbered in the order of its first date; its mark or band carries the number.
    numbers = {id(entries[0].activity): number for number, entries in enumerate(activities, start=1)}
    bands = [
        _numbered(band, numbers[id(entries[0].activity)]) for band, entries in zip(_bands(banded, rings, year), banded)
    ]
    spread = [entries for entries in activities if len(entries) < BAND_MONTHS]
    marks = [_numbered(mark, numbers[id(entries[0].activity)]) for mark, entries in zip(_marks(spread, rings, year), spread)]
    drawn = sorted([*bands, *marks], key=lambda drawing: drawing.number)
    return Wheel(
        **frame,
        bands=sorted(bands, key=lambda band: KIND_ORDER[band.kind]),
        marks=sorted(marks, key=lambda mark: KIND_ORDER[mark.kind]),
        key=[Key(drawing.number, drawing.url, drawing.label, drawing.kind) for drawing in drawn],
    )


def _tallies(activities, rings):
    """A Tally for each kind and month that `activities` (each a list of InMonth) fall in, ring by ring."""
    counts = Counter((entry.activity.kind, entry.month) for entries in activities for entry in entries)
    tallies = []
    for (kind, month), count in sorted(counts.items(), key=lambda item: (KIND_ORDER[item[0][0]], item[0][1])):
        x, y = point(float(rings[kind].radius), 30 * (month - 1) + 15)
        label = _("%(kind)s: %(count)d in %(month)s") % {
            "kind": rings[kind].label,
            "count": count,
            "month": MONTHS[month],
        }
        tallies.append(Tally(kind, month, count, label, x, y, shape_path(SHAPES.get(kind, "circle"), x, y, TALLY)))
    return tallies


def _numbered(drawing, number):
    return replace(drawing, number=number)
