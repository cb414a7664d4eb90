"""The reminders page in Chromium: a board member turns their reminders off from the header's link,
and the page passes axe-core on a desk and on a phone."""

import pytest
from playwright.sync_api import expect

from os2org.access.groups import BOARD
from os2org.access.models import Account
from os2org.organisation.models import Person
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

# A desk and a phone.
WIDTHS = {1280: 800, 390: 844}


def board_member():
    return make_user("bestyrelse", BOARD, person=Person.objects.filter(assignments__body__kind="board").first())


@pytest.mark.parametrize("width", WIDTHS)
def test_reminders_page_has_no_accessibility_violations(page, living_demo, axe_source, width):
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    sign_in(page, living_demo, board_member())

    response = page.goto(f"{living_demo}/konto/paamindelser/")

    assert (response.status, axe_violations(page, axe_source)) == (200, [])


def test_board_member_turns_reminders_off_from_the_header(page, living_demo):
    user = board_member()
    sign_in(page, living_demo, user)
    page.goto(f"{living_demo}/mit-overblik/")

    page.locator(".account").get_by_role("link", name="Påmindelser på e-mail").click()
    page.get_by_label("Send mig påmindelser og mit ugentlige overblik på e-mail").uncheck()
    page.locator("main form button[type=submit]").click()

    expect(page.locator(".messages")).to_have_text("Dine påmindelser er slået fra.")
    assert Account.objects.get(user=user).reminders is False
