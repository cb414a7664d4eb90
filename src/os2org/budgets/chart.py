"""A budget's follow-up drawn as bars: for each account, the budget to date against the actual to date.

Drawn on the server as SVG (budgets/chart.svg.html), no script. Every
coordinate is worked out here and handed to the template as text with a
decimal point (a number left to the template would get a Danish decimal
comma, which is no SVG number). Each account has its name on a line of its
own above its two bars, so the chart reads on a phone too; a zero line
stands where the amounts change sign, so a credit draws to the left.
The page's table holds the same numbers: it is the chart's text version.
"""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 480
LEFT, RIGHT = 8, 8
LABEL = 22  # the account's name above its bars
BAR = 14
GAP = 4  # between the two bars of an account
AFTER = 16  # below an account's bars
TOP = 8


@dataclass
class Bar:
    x: str
    y: str
    width: str
    over: bool = False


@dataclass
class Row:
    label: str
    label_y: str
    budget: Bar
    actual: Bar


@dataclass
class Chart:
    width: int = WIDTH
    height: int = 0
    zero_x: str = ""
    rows: list = field(default_factory=list)
    elapsed: int = 0


def _text(number):
    return f"{number:.1f}"


def draw_chart(follow_up) -> Chart:
    """The chart of a follow-up (selectors.follow_up): a row per line, in the table's order."""
    values = [value for line in follow_up.lines for value in (line.budget_to_date, line.to_date)]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    span = (high - low) or Decimal(1)
    plot = WIDTH - LEFT - RIGHT

    def x(value):
        return LEFT + float((value - low) / span) * plot

    zero = x(Decimal(0))
    chart = Chart(zero_x=_text(zero), elapsed=follow_up.elapsed)
    y = TOP
    for line in follow_up.lines:
        label_y = y + LABEL - 6
        budget_y, actual_y = y + LABEL, y + LABEL + BAR + GAP
        over = line.to_date > line.budget_to_date
        chart.rows.append(
            Row(
                label=str(line.account),
                label_y=_text(label_y),
                budget=_bar(zero, x(line.budget_to_date), budget_y),
                actual=_bar(zero, x(line.to_date), actual_y, over=over),
            )
        )
        y = actual_y + BAR + AFTER
    chart.height = y
    return chart


def _bar(zero, end, y, over=False):
    return Bar(x=_text(min(zero, end)), y=_text(y), width=_text(abs(end - zero)), over=over)
