"""The periods a status report covers.

A year is cut into periods of PORTFOLIO_REPORT_MONTHS months (3 by
default: quarters), the first starting on 1 January. A period is given by
its first and last day, both included. A report is *missing* for a
period once the period has ended and none was filed for it.
"""

from datetime import date, timedelta

from django.conf import settings

# The lengths that cut a year evenly.
PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)


def months() -> int:
    value = getattr(settings, "PORTFOLIO_REPORT_MONTHS", 3)
    if value not in PERIOD_MONTHS:
        raise ValueError(f"PORTFOLIO_REPORT_MONTHS must be one of {PERIOD_MONTHS}, not {value!r}")
    return value


def period_of(day: date) -> tuple[date, date]:
    """The period `day` falls in: (first day, last day)."""
    length = months()
    first_month = (day.month - 1) // length * length + 1
    starts = date(day.year, first_month, 1)
    after = date(day.year + 1, 1, 1) if first_month + length > 12 else date(day.year, first_month + length, 1)
    return starts, after - timedelta(days=1)


def last_ended(on: date) -> tuple[date, date]:
    """The latest period that has ended by `on`: the one before `on`'s own."""
    starts, _ends = period_of(on)
    return period_of(starts - timedelta(days=1))


def period_key(starts: date) -> str:
    """The period as reminders and addresses name it: its first day, "2026-01-01"."""
    return starts.isoformat()
