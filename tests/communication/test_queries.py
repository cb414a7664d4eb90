"""The communication pages ask the database the same number of questions with few items and with many."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import SECRETARIAT
from os2org.communication.services import record_consent, save_activity, save_issue
from os2org.members.services import relate_contact
from os2org.organisation.services import save_body, save_person
from tests.accounts import make_user
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def grow(size):
    """`size` products, each with a consenting contact, an activity (half of them owned by a person) and an issue."""
    role = make_role(f"Rolle {size}")
    for number in range(size):
        product = save_body(name=f"Produkt {number:02}", kind="product_community")
        person = save_person(name=f"Person {number:02}", email=f"p{number}@example.org")
        relate_contact(person, product=product, kind="contact")
        record_consent(person, on=date(2026, 1, 2))
        owner = {"owner_person": person} if number % 2 else {"owner_role": role}
        save_activity(
            title=f"Aktivitet {number}",
            day=date(2026, 1 + number % 12, 1),
            audience="members",
            channel="website",
            **owner,
        )
        save_issue(title=f"Nummer {number}", planned=date(2026, 6, 1), audiences=["members"], products=[product])


def queries(client, address):
    cache.clear()
    with CaptureQueriesContext(connection) as asked:
        assert client.get(address).status_code == 200
    return len(asked)


@pytest.mark.parametrize("size", [1, 20])
def test_plan_queries(client, size):
    grow(size)
    assert queries(client, "/kommunikation/?aar=2026") == 10


@pytest.mark.parametrize("size", [1, 20])
def test_issues_queries(client, size):
    grow(size)
    assert queries(client, "/kommunikation/nyhedsbreve/") == 10


@pytest.mark.parametrize("size", [1, 20])
def test_recipients_queries(client, size):
    grow(size)
    assert queries(client, "/kommunikation/modtagere/") == 16
