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
from dataclasses import dataclass

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
MARK = 8  # the radius of a mark: an activity in a month
# An activity that occurs in more months of the year than not (7 of the 12
# or more) is drawn as one band from its first month to its last instead of
# a mark a month: a weekly meeting is a line round its ring, not 52 dots.
BAND_MONTHS = 7
BAND_GAP = 1.5  # degrees left free at each end of a band, so that the months it spans read
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
    """Where an activity stands in one month: at its first date there."""

    x: str
    y: str


@dataclass(frozen=True)
class Mark:
    """An activity of a few months: one link, with a dot in each month, named by all it stands for."""

    url: str
    label: str
    kind: str
    dots: list


@dataclass(frozen=True)
class Band:
    """An activity of most months: one link, an arc along its ring from its first month to its last."""

    url: str
    label: str
    kind: str
    path: str


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
    when = _("%(dates)s %(year)d") % {"dates": dates, "year": year}
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
        path = _arc(float(rings[kind].radius) + lane, 30 * (min(months) - 1) + BAND_GAP, 30 * max(months) - BAND_GAP)
        bands.append(Band(entries[0].url, band_label(entries, year), kind, path))
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
        dots[id(entry)] = Dot(*point(radius + lane, degrees))
    return dots


def _marks(activities, rings, year):
    """A mark for each of `activities` (each a list of InMonth), ring by ring from the centre out."""
    dots = _dots(_in_order(entry for entries in activities for entry in entries), rings)
    marks = [
        Mark(entries[0].url, mark_label(entries, year), entries[0].activity.kind, [dots[id(e)] for e in entries])
        for entries in activities
    ]
    return sorted(marks, key=lambda mark: KIND_ORDER[mark.kind])


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
    Bands and marks come ring by ring, so that the template can group them
    by kind.
    """
    rings = _rings()
    outer = HUB + RING * len(rings)
    by_date = sorted(occurrences, key=lambda occurrence: occurrence.sort_key)
    activities = [in_months(dates) for dates in by_activity(by_date)]
    banded = [entries for entries in activities if len(entries) >= BAND_MONTHS]
    return Wheel(
        year=year,
        rings=list(rings.values()),
        months=_months(outer),
        bands=sorted(_bands(banded, rings, year), key=lambda band: KIND_ORDER[band.kind]),
        marks=_marks([entries for entries in activities if len(entries) < BAND_MONTHS], rings, year),
        entries=_in_order(entry for entries in activities for entry in entries),
        today=_today(today, year, outer),
    )
