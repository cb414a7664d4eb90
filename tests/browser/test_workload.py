"""A person's workload in a real browser: bars drawn, over 100 % said in words, no axe violations."""

from datetime import date

import pytest
from playwright.sync_api import expect

from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def overloaded_person(live_server, transactional_db, page):
    """The address of a person with three assignments at 120 % of a 30-hour contract,
    and the browser signed in as a board member (people's pages need a log-in)."""
    sign_in(page, live_server.url, make_user("board", "board"))
    person = save_person(name="Ane Holm", email="ane@example.org", contract_hours=30)
    for name, hours in [("Bestyrelsen", 10), ("Sekretariatet", 12), ("OS2mo", 14)]:
        body = save_body(name=name, kind=Body.Kind.WORKING_GROUP)
        assign_role(person, body=body, starts=date(2025, 1, 1), hours_per_week=hours)
    return f"{live_server.url}/en/organisation/personer/{person.slug}/"


def test_workload_bars_are_drawn(page, overloaded_person):
    page.goto(overloaded_person)

    bars = page.locator(".workload-bars .workload-fill")
    expect(bars).to_have_count(3)
    widths = [bars.nth(index).bounding_box()["width"] for index in range(3)]
    assert widths[0] < widths[1] < widths[2]
    assert min(widths) > 0


def test_workload_says_the_percentage_and_the_excess_in_words(page, overloaded_person):
    page.goto(overloaded_person)

    expect(page.locator(".workload-percent")).to_have_text("120 %")
    expect(page.locator(".workload-summary .workload-over")).to_have_text("Over the contract by 6 hours a week.")
    expect(page.locator(".workload-excess")).to_be_visible()


def test_workload_page_has_no_accessibility_violations(page, overloaded_person, axe_source):
    page.goto(overloaded_person)

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize(
    "address",
    [
        "/organisation/",
        "/organisation/organer/bestyrelsen/",
        "/organisation/organer/",
        "/organisation/organisationer/",
        "/organisation/personer/",
        "/organisation/personer/?q=%C3%A6ble",
        "/konto/login/",
    ],
)
def test_directory_pages_have_no_accessibility_violations(page, overloaded_person, axe_source, live_server, address):
    page.goto(f"{live_server.url}{address}")

    assert (page.url, axe_violations(page, axe_source)) == (f"{live_server.url}{address}", [])


def test_assignment_form_with_errors_has_no_accessibility_violations(page, overloaded_person, axe_source, live_server):
    page.context.clear_cookies()
    make_user("staff", "secretariat")
    page.goto(f"{overloaded_person}ny-tildeling/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Body").select_option(label="OS2mo")
    page.get_by_label("Hours per week").fill("abc")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#field-hours_per_week .errorlist")).to_have_text("“abc” is not a number.")
    assert axe_violations(page, axe_source) == []
