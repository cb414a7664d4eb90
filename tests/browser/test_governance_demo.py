"""The demo's governance in Chromium: every kind of page passes axe-core as `make run` shows it,
to the public and to a board member, on a desk and on a phone.

The tests only read the demo, so it is built once for the module and served to all of them."""

import pytest
from playwright.sync_api import expect

from os2org.access.groups import BOARD
from os2org.governance.models import Activity, Meeting, Minutes
from os2org.organisation.models import Person
from tests.accounts import make_user
from tests.browser.conftest import build_demo, served_once, session_of, use_session
from tests.browser.test_accessibility import WIDTHS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


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


def build():
    build_demo()
    return session_of(make_user("bestyrelse", BOARD, person=Person.objects.get(name="Jens Bach")))


@pytest.fixture(scope="module")
def served(browser, django_db_setup, django_db_blocker):
    """(the board member's session, the address)."""
    with served_once(django_db_blocker, build) as (session, address):
        yield session, address


@pytest.fixture
def demo_server(served):
    return served[1]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PUBLIC)
def test_demo_governance_page_for_the_public_has_no_accessibility_violations(
    page, demo_server, django_db_blocker, axe_source, name, width
):
    page.set_viewport_size({"width": width, "height": 844})
    with django_db_blocker.unblock():
        address = PUBLIC[name]()

    response = page.goto(f"{demo_server}{address}")

    assert (response.status, axe_violations(page, axe_source)) == (200, [])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", BOARD_PAGES)
def test_demo_governance_page_for_the_board_has_no_accessibility_violations(
    page, served, django_db_blocker, axe_source, name, width
):
    session, demo_server = served
    page.set_viewport_size({"width": width, "height": 844})
    use_session(page, demo_server, session)
    with django_db_blocker.unblock():
        address = BOARD_PAGES[name]()

    response = page.goto(f"{demo_server}{address}")

    # The page itself, not the log-in page a lost session would lead to.
    assert (response.status, response.url, axe_violations(page, axe_source)) == (200, f"{demo_server}{address}", [])


def test_demo_wheel_mark_leads_to_its_activity(page, demo_server, django_db_blocker):
    with django_db_blocker.unblock():
        assembly = Activity.objects.get(title="Generalforsamling").get_absolute_url()
    page.goto(f"{demo_server}/aarshjul/")
    page.locator("svg a", has=page.locator("title", has_text="Generalforsamling")).first.click()

    assert page.url == f"{demo_server}{assembly}"


def test_demo_decisions_show_the_public_the_two_public_decisions(page, demo_server):
    page.goto(f"{demo_server}/en/beslutninger/")

    expect(page.locator(".register-title")).to_have_text(
        ["Principper for nye produkter i foreningen", "Optagelse af to nye medlemmer"]
    )
