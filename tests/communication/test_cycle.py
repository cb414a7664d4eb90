from datetime import date

import pytest
from django.utils import translation

from os2org.common.visibility import ANONYMOUS, BOARD, COORDINATOR, Viewer
from os2org.communication.services import save_activity
from os2org.governance.cycle.selectors import occurrences_between
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db

BOARD_VIEWER = Viewer(user_id=1, groups=frozenset({BOARD}))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture(autouse=True)
def plan():
    role = make_role("Kommunikationsmedarbejder")
    save_activity(title="Webinar", day=date(2026, 9, 1), audience="coordinators", channel="webinar", owner_role=role)
    save_activity(
        title="Aflyst kampagne",
        day=date(2026, 10, 1),
        audience="members",
        channel="linkedin",
        owner_role=role,
        status="cancelled",
    )
    with translation.override("en"):
        yield


def _shown(viewer):
    return [
        (occurrence.date, occurrence.activity.title, occurrence.activity.kind, occurrence.url)
        for occurrence in occurrences_between(*YEAR, viewer=viewer)
    ]


def test_the_annual_cycle_shows_the_board_the_plan_without_what_is_cancelled():
    assert _shown(BOARD_VIEWER) == [
        (date(2026, 9, 1), "Webinar", "communication", "/en/kommunikation/?aar=2026#month-9")
    ]


def test_the_annual_cycle_shows_a_coordinator_none_of_the_plan():
    assert _shown(Viewer(user_id=2, groups=frozenset({COORDINATOR}))) == []


def test_the_annual_cycle_shows_the_public_none_of_the_plan():
    assert _shown(ANONYMOUS) == []
