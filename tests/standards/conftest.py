"""Fixtures of the standards tests."""

import pytest
from django.utils import translation

from tests.governance.cycle_data import freeze
from tests.standards.builders import TODAY, build


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Today is 3 December 2026: when a deviation falls due is counted from it."""
    freeze(monkeypatch, TODAY)
    return TODAY


@pytest.fixture
def world(db):
    return build()


@pytest.fixture(autouse=True)
def english():
    """The services' messages are asserted in English, as the pages under /en/ show them."""
    with translation.override("en"):
        yield
