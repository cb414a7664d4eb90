"""The budget-against-actual chart: coordinates worked out on the server, as SVG numbers."""

from decimal import Decimal

import pytest

from os2org.budgets.chart import draw_chart
from os2org.budgets.models import Account, Actual
from os2org.budgets.selectors import follow_up
from tests.budgets.builders import association, budget, chart_of_accounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    organisation = association()
    chart_of_accounts()
    return organisation


def _actual(body, number, quarter, amount):
    Actual.objects.create(body=body, account=Account.objects.get(number=number), year=2026, quarter=quarter, amount=Decimal(amount))


def _rows(chart):
    return [(row.label, row.label_y, row.budget.x, row.budget.y, row.budget.width, row.actual.x, row.actual.width, row.actual.over) for row in chart.rows]


def test_chart_draws_budget_and_actual_to_date_from_zero(books):
    made = budget(books.north, {"2100": "4000", "2200": "2000"})
    _actual(books.north, "2100", 1, "1000")
    _actual(books.north, "2200", 1, "500")
    _actual(books.north, "2200", 2, "1500")

    chart = draw_chart(follow_up(made))

    # Two quarters: budgets to date 2000 and 1000, actuals 1000 and 2000; 2000 is the plot's width, 464.
    assert (chart.height, chart.zero_x, _rows(chart)) == (
        148,
        "8.0",
        [
            ("2100 Løn til sekretariatet", "24.0", "8.0", "30.0", "464.0", "8.0", "232.0", False),
            ("2200 Hosting og drift", "94.0", "8.0", "100.0", "232.0", "8.0", "464.0", True),
        ],
    )


def test_chart_draws_a_credit_left_of_the_zero_line(books):
    made = budget(books.north, {"2200": "4000"})
    _actual(books.north, "1000", 1, "-1000")
    _actual(books.north, "2200", 1, "3000")

    chart = draw_chart(follow_up(made))

    # From −1000 to 3000: zero at a quarter of the width; the credit's bar ends at the left edge.
    assert (chart.zero_x, [(row.actual.x, row.actual.width) for row in chart.rows]) == ("124.0", [("124.0", "348.0"), ("8.0", "116.0")])


def test_chart_of_a_budget_without_amounts_has_a_zero_line_at_the_left(books):
    made = budget(books.north, {"2200": "0"})

    chart = draw_chart(follow_up(made))

    assert (chart.zero_x, [(row.budget.width, row.actual.width) for row in chart.rows]) == ("8.0", [("0.0", "0.0")])
