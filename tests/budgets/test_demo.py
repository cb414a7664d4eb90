"""The demo's budgets: a chart of accounts, three approved budgets and two quarters of actuals."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from os2org.budgets import demo
from os2org.budgets.models import Account, Actual, Budget, InvoiceApprover
from os2org.budgets.selectors import follow_up

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_year():
    return timezone.localdate().year


@pytest.fixture
def built():
    call_command("demo", verbosity=0)


def test_demo_has_the_chart_of_accounts_from_its_file(built):
    assert Account.objects.count() == 7


def test_demo_budgets_the_secretariat_a_programme_and_a_product_this_year(built, demo_year):
    budgets = Budget.objects.filter(year=demo_year).order_by("body__name").values_list("body__kind", flat=True)

    assert list(budgets) == ["programme", "product_community", "secretariat"]


def test_demo_plans_next_years_budget_for_the_secretariat(built, demo_year):
    assert list(Budget.objects.filter(year=demo_year + 1).values_list("body__name", flat=True)) == ["Sekretariatet"]


def test_demo_approves_budgets_by_the_boards_budget_decision_of_the_year_before(built):
    # The demo's year of meetings holds one budget decision: it approves this year's budgets or next year's.
    approved = Budget.objects.filter(decision__isnull=False).select_related("decision__meeting")

    assert {(budget.decision.title, budget.decision.meeting.starts.year - budget.year) for budget in approved} == {
        ("Budgetforslag for næste år", -1)
    }


def test_demo_has_actuals_for_two_quarters(built):
    assert sorted(set(Actual.objects.values_list("quarter", flat=True))) == [1, 2]


def test_demo_secretariat_follow_up_adds_up(built, demo_year):
    found = follow_up(Budget.objects.get(body__name="Sekretariatet", year=demo_year))

    assert (found.elapsed, found.total.budget, found.total.to_date) == (2, Decimal("7835000.00"), Decimal("3897200.50"))


def test_demo_names_two_invoice_approvers(built):
    assert InvoiceApprover.objects.count() == 2


def test_demo_budgets_are_built_once(built):
    assert demo.build() is False
