from datetime import date

import pytest
from django.utils import translation

from os2org.budgets.cycle import dates
from os2org.common.visibility import ANONYMOUS, BOARD, COORDINATOR, Viewer
from tests.budgets.builders import association, budget, chart_of_accounts

pytestmark = pytest.mark.django_db

BOARD_VIEWER = Viewer(user_id=1, groups=frozenset({BOARD}))


@pytest.fixture
def north():
    """North's 2026 budget, approved by no decision yet."""
    organisation = association()
    chart_of_accounts()
    budget(organisation.north, {"2100": "1000"}, year=2026)
    with translation.override("en"):
        yield organisation.north


def shown(occurrences):
    return sorted((occurrence.date, occurrence.activity.title) for occurrence in occurrences)


def test_dates_of_a_year_are_its_quarterly_follow_ups(north):
    assert shown(dates(date(2026, 1, 1), date(2026, 12, 31), viewer=BOARD_VIEWER)) == [
        (date(2026, 4, 1), "Budget follow-up, quarter 1 of 2026"),
        (date(2026, 7, 1), "Budget follow-up, quarter 2 of 2026"),
        (date(2026, 10, 1), "Budget follow-up, quarter 3 of 2026"),
    ]


def test_dates_of_the_year_before_hold_the_approval_deadline_and_nothing_else(north):
    assert shown(dates(date(2025, 1, 1), date(2025, 12, 31), viewer=BOARD_VIEWER)) == [
        (date(2025, 12, 31), "Budget to be approved: Fællesskab Nord 2026"),
    ]


def test_dates_of_the_next_year_begin_with_the_last_quarters_follow_up(north):
    assert shown(dates(date(2027, 1, 1), date(2027, 3, 31), viewer=BOARD_VIEWER)) == [
        (date(2027, 1, 1), "Budget follow-up, quarter 4 of 2026"),
    ]


def test_dates_of_a_coordinator_are_their_own_communitys(north):
    own = Viewer(user_id=2, groups=frozenset({COORDINATOR}), reads_bodies=frozenset({north.pk}), edits_bodies=frozenset({north.pk}))
    other = Viewer(user_id=3, groups=frozenset({COORDINATOR}), reads_bodies=frozenset({0}), edits_bodies=frozenset({0}))
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert (len(dates(*year, viewer=own)), dates(*year, viewer=other)) == (3, [])


def test_dates_for_the_public_are_none(north):
    assert dates(date(2026, 1, 1), date(2026, 12, 31), viewer=ANONYMOUS) == []
