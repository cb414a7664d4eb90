"""Budgets through the API: read only, with the same rules as the budget pages (budgets.rules)."""

from decimal import Decimal

import pytest

from os2org.budgets.models import Account
from os2org.budgets.services import create_budget, save_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def budgets(world):
    """Booking's (Karen coordinates it) and OS2mo's 2026 budgets, a line each."""
    account = Account.objects.create(number="2010", name="Løn")
    made = {}
    for body in (world.booking, world.mo):
        made[body.name] = create_budget(body=body, year=2026)
        save_line(budget=made[body.name], account=account, amount=Decimal("1250.50"))
    return made


def test_board_reads_every_budget_with_its_lines(client, budgets, board):
    response = client.get("/api/budgets/", headers=board)
    assert [(row["year"], row["lines"]) for row in response.json()["results"]] == [
        (2026, [{"account": "2010", "amount": "1250.50", "comment": ""}]),
        (2026, [{"account": "2010", "amount": "1250.50", "comment": ""}]),
    ]


def test_coordinator_reads_only_their_own_communitys_budget(client, world, budgets, coordinator):
    response = client.get("/api/budgets/", headers=coordinator)
    assert [row["body"] for row in response.json()["results"]] == [world.booking.pk]


def test_member_contact_is_refused_budgets(client, budgets, member_contact):
    assert client.get("/api/budgets/", headers=member_contact).status_code == 403


def test_budgets_are_not_written_through_the_api(client, budgets, secretariat):
    response = client.post("/api/budgets/", {}, content_type="application/json", headers=secretariat)
    assert response.status_code == 403
