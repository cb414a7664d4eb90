"""The decision register, the follow-up dashboard (for those who log in) and the printable agenda and
minutes pass axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from os2org.access.groups import SECRETARIAT
from os2org.governance.meetings import services
from os2org.handbook.services import import_handbook
from os2org.roles.models import RoleDescription
from tests.accounts import PASSWORD, make_user
from tests.browser.test_accessibility import axe_violations
from tests.governance.builders import board, decision, meeting, people
from tests.handbooks import write_handbook

pytestmark = pytest.mark.browser


@pytest.fixture
def governed(live_server, transactional_db, tmp_path):
    """A meeting held 30 days ago with a case brief, a decision, minutes and follow-ups overdue and due today,
    and a log-in of the secretariat, which reads the minutes before they are approved.

    Returns the server's address and the meeting's.
    """
    make_user("staff", SECRETARIAT)
    import_handbook([write_handbook(tmp_path / "handbook", roles=1)])
    role = RoleDescription.objects.get()
    today = timezone.localdate()
    held = today - timedelta(days=30)
    ane, bo = people("Ane Holm", "Bo Lund")
    earlier = meeting(board(), f"{held - timedelta(days=30)} 16:00", participants=[ane, bo])
    services.add_follow_up(
        decision(earlier, "Budget", "Budgettet godkendes."), title="Send budgettet", due=today, owner_role=role
    )
    board_meeting = meeting(earlier.body, f"{held} 16:00", title="Bestyrelsesmøde", participants=[ane, bo])
    strategy = services.add_agenda_item(board_meeting, title="Strategi", description="Oplæg fra sekretariatet.")
    services.save_case_brief(
        strategy,
        purpose="decision",
        date=held - timedelta(days=7),
        author=ane,
        owner=bo,
        aim="Vedtage strategien.",
        recommendation="Bestyrelsen vedtager **strategien**.",
    )
    services.record_outcome(strategy, outcome="decision", text="Strategien vedtages.")
    services.add_follow_up(strategy, title="Offentliggør strategien", due=today - timedelta(days=2), owner_person=bo)
    services.write_minutes(board_meeting, text="## Til stede\n\nAne Holm og Bo Lund.")
    return live_server.url, f"/moeder/{board_meeting.pk}/"


def log_in(page, server):
    page.goto(f"{server}/konto/login/?next=/moeder/")
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{server}/moeder/")


@pytest.mark.parametrize(
    "address",
    [
        "/beslutninger/",
        "/beslutninger/?q=ingen-tr%C3%A6f",
        "/beslutninger/?year=abc",
        "{meeting}dagsorden/",
        "/en{meeting}dagsorden/",
    ],
)
def test_register_pages_have_no_accessibility_violations(page, governed, axe_source, address):
    server, meeting_address = governed
    response = page.goto(server + address.format(meeting=meeting_address))

    assert (response.status, axe_violations(page, axe_source)) == (200, [])


@pytest.mark.parametrize("address", ["/opfoelgning/", "{meeting}referat/udskrift/"])
def test_register_pages_after_log_in_have_no_accessibility_violations(page, governed, axe_source, address):
    server, meeting_address = governed
    log_in(page, server)
    response = page.goto(server + address.format(meeting=meeting_address))

    assert (response.status, axe_violations(page, axe_source)) == (200, [])


def test_printable_agenda_hides_its_links_in_print(page, governed):
    server, meeting_address = governed
    page.goto(f"{server}{meeting_address}dagsorden/")
    page.emulate_media(media="print")

    assert page.locator(".print-tools").is_hidden()
    assert page.locator("h1").is_visible()
