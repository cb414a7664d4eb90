"""Fixtures of the governance tests."""

from datetime import date

import pytest

from tests.governance.cycle_data import freeze


@pytest.fixture
def today(monkeypatch):
    """Today is 7 May 2026."""
    day = date(2026, 5, 7)
    freeze(monkeypatch, day)
    return day
