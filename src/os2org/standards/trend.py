"""A product's review history drawn as bars: for each completed review, the share of its points that were met.

Drawn on the server as SVG (standards/trend.svg.html), no script, as the
budgets' chart is. Every coordinate is worked out here and handed to the
template as text with a decimal point (a number left to the template would
get a Danish decimal comma, which is no SVG number). The page's table holds
the same numbers: it is the chart's text version.
"""

from dataclasses import dataclass, field

WIDTH = 480
HEIGHT = 160
LEFT, RIGHT = 36, 8
TOP, BOTTOM = 8, 24  # room below for each bar's year
GAP = 8  # between two bars


@dataclass
class Bar:
    x: str
    y: str
    width: str
    height: str
    label_x: str
    label: str
    percent: int


@dataclass
class Trend:
    width: int = WIDTH
    height: int = HEIGHT
    base_y: str = ""
    top_y: str = ""
    half_y: str = ""
    label_y: str = ""
    bars: list = field(default_factory=list)
    points: list = field(default_factory=list)


def _text(number):
    return f"{number:.1f}"


def draw_trend(points) -> Trend:
    """The chart of a trend (selectors.trend): a bar per completed review, oldest on the left."""
    plot_height = HEIGHT - TOP - BOTTOM
    base = TOP + plot_height
    trend = Trend(
        base_y=_text(base),
        top_y=_text(TOP),
        half_y=_text(TOP + plot_height / 2),
        label_y=_text(HEIGHT - 6),
        points=points,
    )
    if not points:
        return trend
    slot = (WIDTH - LEFT - RIGHT) / len(points)
    width = min(slot - GAP, 48)
    for index, point in enumerate(points):
        x = LEFT + index * slot + (slot - width) / 2
        height = point.share * plot_height
        trend.bars.append(
            Bar(
                x=_text(x),
                y=_text(base - height),
                width=_text(width),
                height=_text(height),
                label_x=_text(x + width / 2),
                label=point.review.held_on.strftime("%d.%m.%y"),
                percent=point.percent,
            )
        )
    return trend
