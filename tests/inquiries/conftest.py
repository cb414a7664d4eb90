"""Fixtures of the inquiries tests."""

from datetime import date

import pytest
from django.utils import translation

from tests.governance.cycle_data import freeze


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Today is Thursday 7 May 2026: who holds a role, and so where an inquiry goes, depends on it."""
    day = date(2026, 5, 7)
    freeze(monkeypatch, day)
    return day


@pytest.fixture(autouse=True)
def english():
    """Messages, commands' output and audit entries are compared in English; a page asked for in Danish
    (LocaleMiddleware) is still Danish."""
    with translation.override("en"):
        yield
