"""Each budget page asks the database the same number of questions with one item or three of each kind."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import BOARD, SECRETARIAT
from os2org.budgets.models import Account, Actual
from os2org.budgets.services import save_approver
from os2org.organisation.models import Body
from os2org.organisation.services import save_body, save_person
from tests.accounts import make_user
from tests.budgets.builders import association, budget, chart_of_accounts

pytestmark = pytest.mark.django_db

# What the board reads; the secretariat's forms besides.
READ = ["/budgetter/", "/budgetter/?aar=2026", "budget", "/budgetter/konti/", "/budgetter/fakturagodkendere/"]
PAGES = {
    BOARD: READ,
    SECRETARIAT: [*READ, "/budgetter/regnskab/", "/budgetter/nyt/", "/budgetter/fakturagodkendere/ny/"],
}


def _grow(books, numbers):
    """A community for each of `numbers`, each with a budget of every account, a quarter's actuals and an
    approver by person; the first budget."""
    accounts = list(Account.objects.all())
    made = []
    for number in numbers:
        body = save_body(name=f"Fællesskab {number}", kind=Body.Kind.PRODUCT_COMMUNITY)
        made.append(budget(body, {account.number: "1000" for account in accounts}, decision=books.decision))
        for account in accounts:
            Actual.objects.create(body=body, account=account, year=2026, quarter=1 + number % 4, amount=Decimal(300))
        person = save_person(name=f"Godkender {number}")
        save_approver(body=body, account=None, role=None, person=person, decision=books.decision)
    return made[0]


def _queries(client, address):
    # Each page is made afresh, as the first reader after a change finds it.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def _measure(client, group, first):
    return [_queries(client, first.get_absolute_url() if page == "budget" else page) for page in PAGES[group]]


@pytest.mark.parametrize("group", [SECRETARIAT, BOARD])
def test_pages_ask_as_many_queries_for_three_as_for_one(client, group):
    client.force_login(make_user("leser", group))
    books = association()
    chart_of_accounts()
    first = _grow(books, [0])
    small = _measure(client, group, first)

    _grow(books, [1, 2])

    assert _measure(client, group, first) == small
