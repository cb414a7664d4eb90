"""What an agreement makes due for a year: the rules, stated once.

- The annual fee is paid for the days of the year the agreement is in force
  ([its start, its end), cut to the year), as a share of the year's days:
  a leap year has 366. Signed on 1 July 2025, an agreement of 36,500 kr. a
  year owes 184/365 of that for 2025, and the whole for 2026.
- The joining fee falls due once, in the year the agreement begins.
- Amounts are rounded once, at the end, to whole øre, halves up
  (ROUND_HALF_UP): 12.345 kr. is 12.35 kr.
- Drafts owe nothing; an ended agreement owes for the days it was in force.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from os2org.common.numbers import ØRE


@dataclass(frozen=True)
class Due:
    kind: str
    starts: date
    ends: date
    amount: Decimal


def rounded(amount: Decimal) -> Decimal:
    """The one rounding rule for money: to whole øre, halves up."""
    return amount.quantize(ØRE, rounding=ROUND_HALF_UP)


def days_in_force(starts: date, ends: date | None, year: int) -> tuple[date, date] | None:
    """The part of `year` within [starts, ends), as [first day, first day after); None if none of it."""
    first = max(starts, date(year, 1, 1))
    after = min(ends or date(year + 1, 1, 1), date(year + 1, 1, 1))
    return (first, after) if first < after else None


def annual_share(annual_fee: Decimal, first: date, after: date) -> Decimal:
    """The annual fee for the days [first, after) of one year, rounded."""
    year = first.year
    days_in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return rounded(Decimal(annual_fee) * (after - first).days / days_in_year)


def due_for(*, starts: date, ends: date | None, joining_fee: Decimal, annual_fee: Decimal, year: int) -> list[Due]:
    """What an agreement of these terms makes due for `year` (the kinds as Contribution.Kind's values)."""
    due = []
    if starts.year == year and joining_fee > 0:
        due.append(Due("joining", starts, _day_after(starts), rounded(Decimal(joining_fee))))
    period = days_in_force(starts, ends, year)
    if period is not None and annual_fee > 0:
        due.append(Due("annual", *period, annual_share(annual_fee, *period)))
    return due


def _day_after(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def notice_ends(given_on: date, notice_months: int) -> date:
    """The first day an agreement no longer binds when notice is given on `given_on`.

    Notice runs from the end of the month it is given in ("løbende måned"):
    given on 15 March with six months' notice, the agreement binds to the
    end of September and ends on 1 October.
    """
    month = given_on.month + notice_months  # the month after the running month, counted from 0
    return date(given_on.year + month // 12, month % 12 + 1, 1)
