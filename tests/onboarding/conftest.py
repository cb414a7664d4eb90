"""Fixtures of the onboarding tests."""

from datetime import date

import pytest

from tests.governance.cycle_data import freeze


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Today is 7 May 2026: which tasks are overdue depends on it."""
    day = date(2026, 5, 7)
    freeze(monkeypatch, day)
    return day
