"""The demo's governance in Chromium: every kind of page passes axe-core as `make run` shows it."""

import pytest

from os2org.governance import demo
from os2org.governance.models import Activity, Meeting, Minutes
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_yaml
from tests.browser.test_accessibility import axe_violations
from tests.conftest import DEMO

pytestmark = pytest.mark.browser


@pytest.fixture
def living_demo(live_server, transactional_db):
    """The live server with the whole demo: handbook, organisation, meetings and annual cycle."""
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    demo.build()
    return live_server.url


def _sent_minutes_meeting():
    return Minutes.objects.get(status=Minutes.Status.SENT).meeting


ADDRESSES = {
    "wheel": lambda: "/aarshjul/",
    "wheel in English": lambda: "/en/aarshjul/",
    "next 90 days": lambda: "/aarshjul/kommende/",
    "activities": lambda: "/aarshjul/aktiviteter/",
    "meetings": lambda: "/moeder/",
    "meeting with minutes waiting": lambda: _sent_minutes_meeting().get_absolute_url(),
    "meeting ahead": lambda: Meeting.objects.order_by("-starts").first().get_absolute_url(),
    "agenda for print": lambda: f"/moeder/{_sent_minutes_meeting().pk}/dagsorden/",
    "decisions": lambda: "/beslutninger/",
    "follow-ups": lambda: "/opfoelgning/",
}


@pytest.mark.parametrize("name", ADDRESSES)
def test_demo_governance_page_has_no_accessibility_violations(page, living_demo, axe_source, name):
    page.goto(f"{living_demo}{ADDRESSES[name]()}")

    assert axe_violations(page, axe_source) == []


def test_demo_wheel_mark_leads_to_its_activity(page, living_demo):
    seminar = Activity.objects.get(title="Bestyrelsesseminar")
    page.goto(f"{living_demo}/aarshjul/")
    page.locator('svg a[aria-label^="Bestyrelsesseminar"]').click()

    assert page.url == f"{living_demo}{seminar.get_absolute_url()}"
