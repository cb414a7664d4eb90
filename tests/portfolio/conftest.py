"""Fixtures of the portfolio tests."""

from datetime import date

import pytest

from tests.governance.cycle_data import freeze


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Today is 7 May 2026, in the second quarter: the first quarter's reports are due."""
    day = date(2026, 5, 7)
    freeze(monkeypatch, day)
    return day
