"""The demo's governance in Chromium: every kind of page passes axe-core as `make run` shows it,
to the public and to a board member who logs in."""

import pytest
from playwright.sync_api import expect

from os2org.access.groups import BOARD
from os2org.governance.models import Activity, Meeting, Minutes
from os2org.organisation.models import Person
from tests.accounts import PASSWORD, make_user
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def _sent_minutes_meeting():
    return Minutes.objects.get(status=Minutes.Status.SENT).meeting


# The public reads the annual cycle, the meetings list and the public decisions.
PUBLIC = {
    "wheel": lambda: "/aarshjul/",
    "wheel in English": lambda: "/en/aarshjul/",
    "next 90 days": lambda: "/aarshjul/kommende/",
    "activities": lambda: "/aarshjul/aktiviteter/",
    "meetings": lambda: "/moeder/",
    "decisions": lambda: "/beslutninger/",
}
# The board reads the demo's meetings, which are internal, and the follow-up dashboard.
BOARD_PAGES = {
    "meetings": lambda: "/moeder/",
    "meeting with minutes waiting": lambda: _sent_minutes_meeting().get_absolute_url(),
    "meeting ahead": lambda: Meeting.objects.order_by("-starts").first().get_absolute_url(),
    "agenda for print": lambda: f"/moeder/{_sent_minutes_meeting().pk}/dagsorden/",
    "decisions": lambda: "/beslutninger/",
    "follow-ups": lambda: "/opfoelgning/",
}


def log_in_as_a_board_member(page, server):
    make_user("bestyrelse", BOARD, person=Person.objects.get(name="Jens Bach"))
    page.goto(f"{server}/konto/login/?next=/moeder/")
    page.locator("#id_username").fill("bestyrelse")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{server}/moeder/")


@pytest.mark.parametrize("name", PUBLIC)
def test_demo_governance_page_for_the_public_has_no_accessibility_violations(page, living_demo, axe_source, name):
    page.goto(f"{living_demo}{PUBLIC[name]()}")

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("name", BOARD_PAGES)
def test_demo_governance_page_for_the_board_has_no_accessibility_violations(page, living_demo, axe_source, name):
    log_in_as_a_board_member(page, living_demo)
    response = page.goto(f"{living_demo}{BOARD_PAGES[name]()}")

    assert (response.status, axe_violations(page, axe_source)) == (200, [])


def test_demo_wheel_mark_leads_to_its_activity(page, living_demo):
    assembly = Activity.objects.get(title="Generalforsamling")
    page.goto(f"{living_demo}/aarshjul/")
    page.locator("svg a", has=page.locator("title", has_text="Generalforsamling")).first.click()

    assert page.url == f"{living_demo}{assembly.get_absolute_url()}"


def test_demo_decisions_show_the_public_the_two_public_decisions(page, living_demo):
    page.goto(f"{living_demo}/en/beslutninger/")

    expect(page.locator(".register-title")).to_have_text(
        ["Principper for nye produkter i foreningen", "Optagelse af to nye medlemmer"]
    )
