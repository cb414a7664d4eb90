"""The communication plan in Chromium: every page passes axe-core at desk and phone width, and the
secretariat downloads the recipient list. The world is built once (served_once) and only read."""

from datetime import date

import pytest
from playwright.sync_api import expect

from os2org.access.groups import SECRETARIAT
from os2org.communication.services import save_activity, save_issue
from tests.accounts import make_user
from tests.browser.conftest import served_once, session_of, use_session
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.communication.builders import register
from tests.governance.cycle_data import make_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def build():
    """The register of tests/communication, a plan of two activities and one newsletter issue."""
    world = register()
    role = make_role("Kommunikationsmedarbejder")
    activity = save_activity(
        title="Webinar om booking", day=date(2026, 9, 1), audience="coordinators", channel="webinar", owner_role=role
    )
    save_activity(
        title="Forårskampagne", day=date(2026, 3, 2), audience="members", channel="linkedin", owner_person=world.bo
    )
    issue = save_issue(
        title="Nyt fra produkterne", planned=date(2026, 6, 3), audiences=["members"], products=[world.booking]
    )
    return {"activity": activity, "issue": issue, "session": session_of(make_user("sekretaer", SECRETARIAT))}


@pytest.fixture(scope="module")
def served(browser, django_db_setup, django_db_blocker):
    with served_once(django_db_blocker, build) as (built, address):
        yield built, address


PAGES = {
    "plan": lambda built: "/kommunikation/?aar=2026",
    "new activity": lambda built: "/kommunikation/aktiviteter/ny/",
    "activity": lambda built: f"/kommunikation/aktiviteter/{built['activity'].pk}/",
    "issues": lambda built: "/kommunikation/nyhedsbreve/",
    "new issue": lambda built: "/kommunikation/nyhedsbreve/ny/",
    "issue": lambda built: f"/kommunikation/nyhedsbreve/{built['issue'].pk}/",
    "recipients": lambda built: "/kommunikation/modtagere/",
    "in English": lambda built: "/en/kommunikation/?aar=2026",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_communication_page_has_no_accessibility_violations(page, served, axe_source, name, width):
    built, server = served
    page.set_viewport_size({"width": width, "height": 844})
    use_session(page, server, built["session"])
    address = PAGES[name](built)

    response = page.goto(f"{server}{address}")

    # The page itself, not the log-in page a lost session would lead to.
    assert (response.status, response.url, axe_violations(page, axe_source)) == (200, f"{server}{address}", [])


def test_secretariat_downloads_the_recipients(page, served):
    built, server = served
    use_session(page, server, built["session"])

    page.goto(f"{server}/en/kommunikation/modtagere/")
    expect(page.locator("#recipient-count")).to_contain_text("3 recipients.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the list (CSV)").click()

    with open(download.value.path(), "rb") as csv:
        assert csv.read().splitlines()[0] == b"email;fornavn;efternavn;organisation;produktrelation"
