"""Budgets in a real browser: the secretariat sees budget against actual, drawn and as a table; a coordinator
sees their own community's budget and not another's; no axe violations at desk and phone width."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from os2org.access.groups import COORDINATOR, SECRETARIAT
from os2org.budgets.models import Account, Actual
from os2org.organisation.models import Assignment
from os2org.organisation.services import assign_role, save_person
from tests.accounts import make_user
from tests.browser.conftest import open_from_menu, sign_in
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.budgets.builders import association, budget, chart_of_accounts

pytestmark = pytest.mark.browser


@pytest.fixture
def books(live_server, transactional_db):
    """North's and South's budgets with a quarter of actuals; (the association, the server's address)."""
    organisation = association()
    chart_of_accounts()
    organisation.north_budget = budget(organisation.north, {"2100": "40000", "2200": "10000"}, decision=organisation.decision)
    organisation.south_budget = budget(organisation.south, {"2200": "800"})
    for number, amount in (("2100", "9500"), ("2200", "3100")):
        Actual.objects.create(
            body=organisation.north, account=Account.objects.get(number=number), year=2026, quarter=1, amount=Decimal(amount)
        )
    return organisation, live_server.url


def _coordinator_of(body):
    person = save_person(name="Kasper Koordinator")
    assign_role(person, body=body, function=Assignment.Function.COORDINATOR, starts=date(2025, 1, 1), hours_per_week=5)
    return make_user("koordinator", COORDINATOR, person=person)


def test_secretariat_sees_budget_against_actual_as_bars_and_table(page, books):
    organisation, server = books
    sign_in(page, server, make_user("sekretaer", SECRETARIAT))

    page.goto(f"{server}/budgetter/")
    page.get_by_role("link", name="Fællesskab Nord").click()

    chart = page.get_by_role("img", name="Budget mod forbrug til dato for Fællesskab Nord, 2026")
    expect(chart).to_be_visible()
    expect(page.locator(".budget-chart-svg rect")).to_have_count(4)
    expect(page.locator(".budget-chart-svg .budget-chart-over")).to_have_count(1)
    table = page.get_by_role("table", name="Opfølgning pr. konto")
    expect(table.locator("tbody th")).to_have_text(["2100 Løn til sekretariatet", "2200 Hosting og drift"])
    expect(table.locator("tfoot td").nth(6)).to_have_text("12.600,00")


def test_coordinator_sees_their_own_communitys_budget_but_not_another(page, books):
    organisation, server = books
    sign_in(page, server, _coordinator_of(organisation.north))

    page.goto(f"{server}/")
    open_from_menu(page, "Budgetter")

    expect(page.locator("main tbody th")).to_have_text(["Fællesskab Nord"])
    response = page.goto(f"{server}{organisation.south_budget.get_absolute_url()}")
    assert response.status == 404


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "address",
    [
        "/budgetter/",
        "budget",
        "/budgetter/konti/",
        "/budgetter/regnskab/",
        "/budgetter/fakturagodkendere/",
        "/budgetter/nyt/",
        "/budgetter/fakturagodkendere/ny/",
    ],
)
def test_budget_pages_have_no_accessibility_violations(page, books, axe_source, width, address):
    organisation, server = books
    sign_in(page, server, make_user("sekretaer", SECRETARIAT))
    page.set_viewport_size({"width": width, "height": 844})

    page.goto(f"{server}{organisation.north_budget.get_absolute_url() if address == 'budget' else address}")

    assert axe_violations(page, axe_source) == []
