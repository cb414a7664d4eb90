"""Onboarding in Chromium: every page passes axe-core at desk and phone width, and the secretariat starts a
checklist and ticks its first step.

The world is built once (served_once); the journey, last, adds to it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from os2org.access.groups import SECRETARIAT
from os2org.onboarding.services import set_task_done, start_checklist
from tests.accounts import make_user
from tests.browser.conftest import served_once, session_of, use_session
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.onboarding.builders import office

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def build():
    """The office's template started for the newcomer three days ago, its first step ticked."""
    world = office()
    checklist = start_checklist(world.template, person=world.newcomer, starts=timezone.localdate() - timedelta(days=3))
    set_task_done(checklist.tasks.first(), done=True)
    return {
        "checklist": checklist,
        "template": world.template,
        "session": session_of(make_user("sekretaer", SECRETARIAT)),
    }


@pytest.fixture(scope="module")
def served(browser, django_db_setup, django_db_blocker):
    with served_once(django_db_blocker, build) as (built, address):
        yield built, address


PAGES = {
    "checklists": lambda built: "/onboarding/",
    "checklist": lambda built: built["checklist"].get_absolute_url(),
    "start": lambda built: "/onboarding/start/",
    "templates": lambda built: "/onboarding/skabeloner/",
    "new template": lambda built: "/onboarding/skabeloner/ny/",
    "template": lambda built: f"/onboarding/skabeloner/{built['template'].pk}/",
    "in English": lambda built: "/en/onboarding/",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_onboarding_page_has_no_accessibility_violations(page, served, axe_source, name, width):
    built, server = served
    page.set_viewport_size({"width": width, "height": 844})
    use_session(page, server, built["session"])
    address = PAGES[name](built)

    response = page.goto(f"{server}{address}")

    # The page itself, not the log-in page a lost session would lead to.
    assert (response.status, response.url, axe_violations(page, axe_source)) == (200, f"{server}{address}", [])


# Last in the module: it adds a checklist to the world the tests above only read.
def test_secretariat_starts_a_checklist_and_ticks_a_step(page, served):
    built, server = served
    use_session(page, server, built["session"])

    page.goto(f"{server}/en/onboarding/start/")
    page.get_by_label("Checklist template").select_option(label="Ny medarbejder")
    page.get_by_label("Person").select_option(label="Karl Kommunikation")
    page.get_by_label("Start:", exact=True).fill("2026-05-04")
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ny medarbejder: Karl Kommunikation")
    page.get_by_role("button", name="Mark done Velkomstsamtale").click()
    expect(page.locator("progress")).to_have_attribute("value", "25")
    expect(page.locator("tbody tr").nth(1).locator("td").last).to_contain_text("Done")
