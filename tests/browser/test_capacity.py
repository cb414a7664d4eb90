"""The coverage and capacity pages of a crafted organisation pass axe-core in Chromium."""

import pytest

from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations
from tests.organisation.coverage_org import build

pytestmark = pytest.mark.browser


@pytest.fixture
def crafted(live_server, transactional_db, tmp_path, page):
    """The live server with the crafted organisation; (its address, what was made).

    The browser is signed in as a board member: coverage is not public."""
    sign_in(page, live_server.url, make_user("board", "board"))
    return live_server.url, build(tmp_path)


def addresses(made):
    return [
        "/organisation/daekning/",
        "/en/organisation/daekning/",
        f"/organisation/tildelinger/{made['coordinator'].pk}/",
        f"/en/organisation/tildelinger/{made['lead'].pk}/",
        "/roller/koordinator/",
    ]


def test_coverage_and_capacity_pages_have_no_accessibility_violations(page, crafted, axe_source):
    server, made = crafted
    found = {}
    for address in addresses(made):
        page.goto(f"{server}{address}")
        found[page.url.removeprefix(server)] = axe_violations(page, axe_source)

    assert found == {address: [] for address in addresses(made)}


def test_assignment_page_shows_the_line_where_the_hours_run_out(page, crafted):
    server, made = crafted
    page.goto(f"{server}/en/organisation/tildelinger/{made['coordinator'].pk}/")

    line = page.locator("tr.capacity-line")
    assert (line.is_visible(), line.inner_text().strip()) == (True, "The hours run out here (12.33 hours per week)")
