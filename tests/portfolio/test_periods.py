from datetime import date

import pytest

from os2org.portfolio.periods import last_ended, period_of


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 5, 7), (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_period_of_is_the_quarter_by_default(day, period):
    assert period_of(day) == period


def test_period_of_follows_the_setting(settings):
    settings.PORTFOLIO_REPORT_MONTHS = 6
    assert period_of(date(2026, 8, 1)) == (date(2026, 7, 1), date(2026, 12, 31))


def test_last_ended_on_new_years_day_is_last_years_last_quarter():
    assert last_ended(date(2026, 1, 1)) == (date(2025, 10, 1), date(2025, 12, 31))


def test_period_of_refuses_a_length_that_does_not_cut_the_year(settings):
    settings.PORTFOLIO_REPORT_MONTHS = 5
    with pytest.raises(ValueError):
        period_of(date(2026, 1, 1))
