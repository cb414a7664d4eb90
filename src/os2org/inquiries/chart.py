"""Counts drawn as horizontal bars, on the server as SVG (inquiries/chart.svg.html), no script.

Each row has its label on a line of its own above its bar, so a chart reads
on a phone too, and the count is written at the bar's end: no meaning is
left to the bar's length or colour alone. Coordinates are handed to the
template as text with a decimal point (a number left to the template would
get a Danish decimal comma, which is no SVG number). The page's tables hold
the same numbers: they are the chart's text version.
"""

from dataclasses import dataclass, field

WIDTH = 480
LEFT = 8
# Room at the bar's end for its count.
RIGHT = 48
LABEL = 20
BAR = 14
AFTER = 10
TOP = 4


@dataclass
class Bar:
    label: str
    count: int
    label_y: str
    y: str
    width: str
    count_x: str
    count_y: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = 0
    bars: list = field(default_factory=list)


def _text(number):
    return f"{number:.1f}"


def draw_bars(rows) -> Chart:
    """A chart of (label, count) rows, in their order; the longest bar is the largest count."""
    largest = max((count for _label, count in rows), default=0) or 1
    plot = WIDTH - LEFT - RIGHT
    chart, y = Chart(), TOP
    for label, count in rows:
        width = plot * count / largest
        chart.bars.append(
            Bar(
                label=str(label),
                count=count,
                label_y=_text(y + LABEL - 6),
                y=_text(y + LABEL),
                width=_text(width),
                count_x=_text(LEFT + width + 6),
                count_y=_text(y + LABEL + BAR - 3),
            )
        )
        y += LABEL + BAR + AFTER
    chart.height = y
    return chart
