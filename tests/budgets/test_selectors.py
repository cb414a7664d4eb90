"""The budget follow-up, the overview's rows and who reads which budget, in exact values."""

from decimal import Decimal

import pytest

from os2org.budgets.models import Account, Actual
from os2org.budgets.selectors import approved_by, budget_rows, follow_up, readable_budgets
from os2org.common.visibility import BOARD, COORDINATOR, MEMBER_CONTACT, SECRETARIAT, Viewer
from tests.budgets.builders import association, budget, chart_of_accounts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def books():
    organisation = association()
    chart_of_accounts()
    return organisation


def _actual(body, number, quarter, amount, year=2026):
    Actual.objects.create(body=body, account=Account.objects.get(number=number), year=year, quarter=quarter, amount=Decimal(amount))


@pytest.fixture
def north(books):
    """North's 2026 budget with two quarters imported, one account booked without a budget line."""
    made = budget(books.north, {"2100": "40000", "2200": "10000", "2300": "2000"}, decision=books.decision)
    _actual(books.north, "2100", 1, "9000")
    _actual(books.north, "2200", 1, "3000")
    _actual(books.north, "2100", 2, "11000")
    _actual(books.north, "2200", 2, "2500")
    _actual(books.north, "1000", 2, "-500")
    # Another body's and another year's actuals count for neither.
    _actual(books.south, "2100", 1, "777")
    _actual(books.north, "2100", 4, "999", year=2025)
    return made


def _figures(line):
    return (
        line.account.number if line.account else None,
        line.budget,
        line.quarters,
        line.to_date,
        line.budget_to_date,
        line.variance,
        line.percent,
        line.forecast,
    )


D = Decimal


def test_follow_up_gives_each_line_per_quarter_to_date_variance_and_forecast(north):
    found = follow_up(north)

    assert (found.elapsed, [_figures(line) for line in found.lines]) == (
        2,
        [
            ("2100", D("40000.00"), [D("9000.00"), D("11000.00"), None, None], D("20000.00"), D("20000.00"), D("0.00"), D("0.0"), D("40000.00")),
            ("2200", D("10000.00"), [D("3000.00"), D("2500.00"), None, None], D("5500.00"), D("5000.00"), D("500.00"), D("10.0"), D("11000.00")),
            ("2300", D("2000.00"), [D("0.00"), D("0.00"), None, None], D("0.00"), D("1000.00"), D("-1000.00"), D("-100.0"), D("0.00")),
            ("1000", D("0.00"), [D("0.00"), D("-500.00"), None, None], D("-500.00"), D("0.00"), D("-500.00"), None, D("-1000.00")),
        ],
    )


def test_follow_up_total_adds_up_the_lines(north):
    assert _figures(follow_up(north).total) == (
        None, D("52000.00"), [D("12000.00"), D("13000.00"), None, None], D("25000.00"), D("26000.00"), D("-1000.00"), D("-3.8"), D("50000.00"),
    )


def test_follow_up_marks_the_account_without_a_budget_line(north):
    assert [line.line is None for line in follow_up(north).lines] == [False, False, False, True]


def test_follow_up_before_any_quarter_has_no_forecast(books):
    made = budget(books.secretariat, {"2100": "1000.01"})

    found = follow_up(made)

    assert (found.elapsed, _figures(found.lines[0])) == (
        0, ("2100", D("1000.01"), [None, None, None, None], D("0.00"), D("0.00"), D("0.00"), None, None),
    )


def test_follow_up_rounds_budget_to_date_and_percent_half_up(books):
    made = budget(books.secretariat, {"2100": "1000.02"})
    _actual(books.secretariat, "2100", 1, "100")

    line = follow_up(made).lines[0]

    # 1000.02 / 4 = 250.005 → 250.01; (100 − 250.01) / 250.01 = −60.0016 % → −60.0
    assert (line.budget_to_date, line.variance, line.percent, line.forecast) == (D("250.01"), D("-150.01"), D("-60.0"), D("400.00"))


def test_follow_up_asks_four_queries_however_many_lines(north, django_assert_num_queries):
    with django_assert_num_queries(4):
        follow_up(north)


def test_budget_rows_carry_total_and_actual_to_date(north, books):
    budget(books.south, {"2200": "500"})

    rows = [(row.body.name, row.year, row.total, row.actual) for row in budget_rows(Viewer(user_id=1, groups=frozenset({BOARD})))]

    assert rows == [("Fællesskab Nord", 2026, D("52000.00"), D("25000.00")), ("Fællesskab Syd", 2026, D("500.00"), D("777.00"))]


def test_budget_rows_filter_by_year_and_body(north, books):
    budget(books.north, {"2200": "1"}, year=2025)
    viewer = Viewer(user_id=1, groups=frozenset({SECRETARIAT}))

    assert [(row.body.name, row.year) for row in budget_rows(viewer, year=2025, body=books.north)] == [("Fællesskab Nord", 2025)]


def _coordinator_of(*bodies):
    ids = frozenset(body.pk for body in bodies)
    return Viewer(user_id=1, groups=frozenset({COORDINATOR}), reads_bodies=ids, edits_bodies=ids)


def test_coordinator_reads_only_their_own_communitys_budgets(north, books):
    budget(books.south, {"2200": "500"})
    budget(books.secretariat, {"2200": "500"})

    assert [str(found) for found in readable_budgets(_coordinator_of(books.north, books.north_steering))] == ["Fællesskab Nord 2026"]


def test_member_contact_reads_no_budget_even_of_their_community(north, books):
    contact = Viewer(user_id=1, groups=frozenset({MEMBER_CONTACT}), reads_bodies=frozenset({books.north.pk}))

    assert list(readable_budgets(contact)) == []


def test_approved_by_names_the_budgets_of_each_decision_for_a_reader(north, books):
    assert approved_by(Viewer(user_id=1, groups=frozenset({BOARD})), [books.decision.pk, books.steering_decision.pk]) == {
        books.decision.pk: [("Approves the budget of Fællesskab Nord for 2026", f"/en/budgetter/{north.pk}/")]
    }


def test_approved_by_tells_a_coordinator_of_another_community_nothing(north, books):
    assert approved_by(_coordinator_of(books.south), [books.decision.pk]) == {}
