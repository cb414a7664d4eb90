from datetime import date
from types import SimpleNamespace

from os2org.standards.selectors import Point
from os2org.standards.trend import draw_trend


def point(day, met, applicable):
    return Point(SimpleNamespace(held_on=day), met, applicable)


def test_trend_draws_a_bar_per_review_as_high_as_its_share_met():
    trend = draw_trend([point(date(2025, 11, 1), 1, 4), point(date(2026, 11, 20), 3, 4)])
    assert [(bar.x, bar.y, bar.width, bar.height, bar.label, bar.percent) for bar in trend.bars] == [
        ("121.0", "104.0", "48.0", "32.0", "01.11.25", 25),
        ("339.0", "40.0", "48.0", "96.0", "20.11.26", 75),
    ]


def test_trend_counts_a_review_where_no_point_applies_as_all_met():
    assert point(date(2026, 1, 1), 0, 0).percent == 100


def test_trend_of_no_reviews_has_no_bars():
    assert draw_trend([]).bars == []
