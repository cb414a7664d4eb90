"""Fixtures of the budget tests."""

import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages in English, as the tests spell them (the pages' own tests read Danish)."""
    with translation.override("en"):
        yield
