"""The account pages and the change log pass axe-core in Chromium."""

import pytest

from os2org.organisation.services import save_person
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

PUBLIC = ["/konto/password_reset/", "/konto/password_reset/done/", "/en/konto/password_reset/"]
SIGNED_IN = ["/konto/password_change/", "/konto/password_change/done/", "/aendringer/", "/en/aendringer/"]


@pytest.mark.parametrize("address", PUBLIC)
def test_password_reset_pages_have_no_accessibility_violations(page, live_server, transactional_db, axe_source, address):
    page.goto(f"{live_server.url}{address}")

    assert (page.url, axe_violations(page, axe_source)) == (f"{live_server.url}{address}", [])


@pytest.mark.parametrize("address", SIGNED_IN)
def test_signed_in_pages_have_no_accessibility_violations(page, live_server, transactional_db, axe_source, address):
    board = make_user("board", "board")
    save_person(name="Ane Holm", contract_hours=37, actor=board)
    sign_in(page, live_server.url, board)

    page.goto(f"{live_server.url}{address}")

    assert (page.url, axe_violations(page, axe_source)) == (f"{live_server.url}{address}", [])


def test_locked_out_page_has_no_accessibility_violations(page, live_server, transactional_db, axe_source, settings):
    settings.AXES_FAILURE_LIMIT = 1
    make_user("ane")
    page.goto(f"{live_server.url}/en/konto/login/")
    page.locator("#id_username").fill("ane")
    page.locator("#id_password").fill("wrong")
    page.get_by_role("button", name="Log in").click()

    assert (page.locator("h1").inner_text(), axe_violations(page, axe_source)) == ("Too many log-in attempts", [])
