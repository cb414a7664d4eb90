"""Every list costs the same number of queries with 1 item as with 50."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.budgets.models import Account
from os2org.budgets.services import (
    AccountRow,
    ActualRow,
    create_budget,
    import_actuals,
    save_accounts,
    save_approver,
    save_line,
)
from os2org.governance.meetings import services
from os2org.members.services import raise_contributions, relate_contact
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person
from os2org.roles.models import Task
from tests.agreements import join
from tests.governance.builders import decision, meeting
from tests.governance.cycle_data import make_activity, make_role

pytestmark = pytest.mark.django_db


def when(number):
    """A meeting time, a day apart for each number."""
    return f"{datetime(2026, 1, 1, 10) + timedelta(days=number):%Y-%m-%d %H:%M}"


class Parts:
    """What the items of a list hang on, each made when first asked for (and so not counted in other lists)."""

    @cached_property
    def authority(self):
        return save_organisation(name="Egebjerg Kommune")

    @cached_property
    def board(self):
        return save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)

    @cached_property
    def people(self):
        return [save_person(name="Ane Holm"), save_person(name="Bo Lund")]

    @cached_property
    def meeting(self):
        return meeting(self.board, "2025-12-01 16:00", participants=self.people)

    @cached_property
    def decision(self):
        return decision(self.meeting, "Budget", "Budgettet vedtages.")


def add_role(number, parts):
    role = make_role(f"Rolle {number}")
    for priority in (1, 2):
        Task.objects.create(role=role, priority=priority, position=1, text=f"Opgave {number}")


def add_body(number, parts):
    authorities = [parts.authority]
    body = save_body(name=f"Udvalg {number}", kind="product_community", suppliers=authorities)
    join(parts.authority, body)


def add_assignment(number, parts):
    person = save_person(name=f"Person {number}")
    assign_role(person, body=parts.board, starts=date(2025, 1, 1), hours_per_week=5)


def add_agenda_item(number, parts):
    item = services.add_agenda_item(parts.meeting, title=f"Punkt {number}")
    services.save_case_brief(item, purpose="decision", date=date(2025, 11, 1), author=parts.people[0])


def add_follow_up(number, parts):
    due = date(2026, 1, 1) + timedelta(days=number)
    services.add_follow_up(parts.decision, title=f"Handling {number}", due=due, owner_person=parts.people[0])


def add_agreement(number, parts):
    product = save_body(name=f"Produkt {number}", kind="product_community")
    join(parts.authority, product, annual_fee=Decimal(1000))


def add_contribution(number, parts):
    add_agreement(number, parts)
    raise_contributions(2026)


def add_budget(number, parts):
    account = Account.objects.get_or_create(number="2010", defaults={"name": "Løn"})[0]
    budget = create_budget(body=save_body(name=f"Fællesskab {number}", kind="product_community"), year=2026)
    save_line(budget=budget, account=account, amount=Decimal(1000))


def add_actual(number, parts):
    body = save_body(name=f"Fællesskab {number}", kind="product_community")
    account = Account.objects.get_or_create(number="2010", defaults={"name": "Løn"})[0]
    import_actuals([ActualRow(body=body, account=account, amount=Decimal(100))], year=2000 + number, quarter=1)


def add_approver(number, parts):
    body = save_body(name=f"Fællesskab {number}", kind="product_community")
    save_approver(body=body, person=parts.people[number % 2], decision=parts.decision)


def add_contact(number, parts):
    product = save_body(name=f"Produkt {number}", kind="product_community")
    relate_contact(parts.people[0], product=product, kind="contact")


def add_minutes(number, parts):
    services.write_minutes(meeting(parts.board, when(number)), text=f"Referat {number}.")


ADD = {
    # Each role comes with its handbook page.
    "pages": add_role,
    "roles": add_role,
    "bodies": add_body,
    "organisations": lambda number, parts: save_organisation(name=f"Kommune {number}"),
    "people": lambda number, parts: save_person(name=f"Person {number}"),
    "assignments": add_assignment,
    "activities": lambda number, parts: make_activity(f"Aktivitet {number}"),
    "meetings": lambda number, parts: meeting(parts.board, when(number), participants=parts.people),
    "agenda-items": add_agenda_item,
    "follow-ups": add_follow_up,
    "minutes": add_minutes,
    "decisions": lambda number, parts: decision(parts.meeting, f"Beslutning {number}", "Vedtaget."),
    "agreements": add_agreement,
    "contributions": add_contribution,
    "budgets": add_budget,
    "accounts": lambda number, parts: save_accounts([AccountRow(f"{1000 + number}", f"Konto {number}")]),
    "actuals": add_actual,
    "invoice-approvers": add_approver,
    "contacts": add_contact,
}


def cost(client, endpoint, headers):
    """(queries, items) of reading a list."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/{endpoint}/", headers=headers)
    assert response.status_code == 200
    return len(captured), response.json()["count"]


@pytest.mark.parametrize("endpoint", ADD)
def test_list_queries_do_not_grow_with_its_items(client, secretariat, endpoint):
    parts = Parts()
    ADD[endpoint](0, parts)
    queries, one = cost(client, endpoint, secretariat)
    for number in range(1, 50):
        ADD[endpoint](number, parts)

    assert (one, cost(client, endpoint, secretariat)) == (1, (queries, 50))
