"""My overview in Chromium: a board member logs in, lands on it and opens the minutes waiting for them from
there; the page passes axe-core for each of the demo's log-ins, on a desk and on a phone."""

import pytest
from playwright.sync_api import expect

from os2org.access.demo import LOGINS
from os2org.access.groups import BOARD
from os2org.governance.models import Minutes
from os2org.organisation.models import Person
from tests.accounts import PASSWORD, make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

# A desk and a phone.
WIDTHS = {1280: 800, 390: 844}
# The demo's log-ins by person, and one tied to nobody.
READERS = {username: (group, person) for username, group, person, _authority in LOGINS} | {"gaest": (BOARD, None)}


def reader(username):
    group, name = READERS[username]
    return make_user(username, group, person=Person.objects.get(name=name) if name else None)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("username", READERS)
def test_overview_has_no_accessibility_violations(page, living_demo, axe_source, username, width):
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    sign_in(page, living_demo, reader(username))

    response = page.goto(f"{living_demo}/mit-overblik/")

    assert (response.status, axe_violations(page, axe_source)) == (200, [])


def test_board_member_logs_in_to_the_overview_and_opens_the_minutes_waiting(page, living_demo):
    waiting = Minutes.objects.get(status=Minutes.Status.SENT).meeting
    reader("bestyrelse")

    page.goto(f"{living_demo}/konto/login/")
    page.locator("#id_username").fill("bestyrelse")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{living_demo}/mit-overblik/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit overblik")
    page.locator("#minutes ~ ul").get_by_role("link", name="Svar på referatet").click()

    expect(page).to_have_url(f"{living_demo}/moeder/{waiting.pk}/referat/svar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit svar på referatet")
