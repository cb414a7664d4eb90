"""A coordinator files a status report in Chromium, and the secretariat finds it in the board pack;
the portfolio's pages have no accessibility violations on a wide screen or a phone."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from os2org.access.groups import BOARD, COORDINATOR, SECRETARIAT
from os2org.organisation.services import save_body
from os2org.portfolio.services import open_gate, save_gate_template
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.portfolio.builders import board_meeting, community, coordinator_of, milestone

pytestmark = pytest.mark.browser


@pytest.fixture
def portfolio(live_server, transactional_db):
    """A product in a programme with a coordinator, a milestone and an open gate, and a board meeting ahead."""
    today = timezone.localdate()
    programme = save_body(name="Borgerservice", kind="programme")
    booking = community("Fælleskode Booking", programme=programme, stage="project")
    milestone(booking, "Ny kalenderintegration", due=today + timedelta(days=30))
    save_gate_template(from_stage="project", items=["Licens er valgt"])
    open_gate(booking)
    board_meeting(today + timedelta(days=10))
    return {"server": live_server.url, "booking": booking, "coordinator": coordinator_of(booking, starts=date(2020, 1, 1))}


def test_coordinator_files_a_report_that_appears_in_the_board_pack(page, portfolio):
    server = portfolio["server"]
    sign_in(page, server, make_user("koordinator", COORDINATOR, person=portfolio["coordinator"]))
    page.goto(f"{server}/en/portefoelje/{portfolio['booking'].body.slug}/")
    page.get_by_role("link", name="File a status report").click()
    page.get_by_label("Progress:", exact=True).fill("The integration is **tested** by two municipalities.")
    page.get_by_label("Risks").fill("The supplier has one developer on the task.")
    page.get_by_label("Hours used").fill("118.5")
    page.get_by_label("Hours bought").fill("130")
    page.get_by_label("Status of “Ny kalenderintegration”").select_option("in_progress")
    page.get_by_role("button", name="File the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status report: Fælleskode Booking")

    sign_in(page, server, make_user("sekretaer", SECRETARIAT))
    page.goto(f"{server}/en/portefoelje/bestyrelsespakke/")
    page.get_by_role("button", name="Update the portfolio status on the agenda").click()
    section = page.locator("section[aria-labelledby=pack-portfolio]")
    expect(section.get_by_role("heading", level=3)).to_have_text("Fælleskode Booking")
    expect(section).to_contain_text("The supplier has one developer on the task.")
    expect(page.locator("section[aria-labelledby=pack-agenda] li")).to_have_count(1)


def _pages(portfolio):
    booking = portfolio["booking"]
    return [
        "/en/portefoelje/",
        f"/en/portefoelje/{booking.body.slug}/",
        f"/en/portefoelje/{booking.body.slug}/rapport/",
        f"/en/portefoelje/programmer/{booking.body.programme.slug}/",
        "/en/portefoelje/bestyrelsespakke/",
        "/en/portefoelje/portskabeloner/",
        f"/en/portefoelje/port/{booking.gates.get().pk}/",
        "/portefoelje/",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_portfolio_pages_have_no_accessibility_violations(page, portfolio, axe_source, width):
    server = portfolio["server"]
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, server, make_user("sekretaer", SECRETARIAT))
    found = {}
    for address in _pages(portfolio):
        response = page.goto(f"{server}{address}")
        found[address] = (response.status, axe_violations(page, axe_source))
    assert found == {address: (200, []) for address in found}


@pytest.mark.parametrize("width", WIDTHS)
def test_board_member_reads_the_board_pack_without_violations(page, portfolio, axe_source, width):
    server = portfolio["server"]
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, server, make_user("bestyrelse", BOARD))
    page.goto(f"{server}/en/portefoelje/bestyrelsespakke/")
    assert axe_violations(page, axe_source) == []
