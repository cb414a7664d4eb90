"""Fixtures of the governance tests."""

from datetime import date

import pytest

from os2org.access.groups import BOARD, COORDINATOR, MEMBER_CONTACT
from os2org.organisation.models import Assignment, Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.governance.cycle_data import freeze


@pytest.fixture
def today(monkeypatch):
    """Today is 7 May 2026."""
    day = date(2026, 5, 7)
    freeze(monkeypatch, day)
    return day


@pytest.fixture
def member(client):
    """A member authority's contact, logged in: reads what is public or for members."""
    user = make_user("kontakt", MEMBER_CONTACT)
    client.force_login(user)
    return user


@pytest.fixture
def board_member(client):
    """A board member with no person in the directory, logged in: reads everything, edits nothing."""
    user = make_user("bestyrelse", BOARD)
    client.force_login(user)
    return user


@pytest.fixture
def communities():
    """Two product communities, A and B, each with its steering group."""
    found = {}
    for name in ("A", "B"):
        community = save_body(name=f"Fællesskab {name}", kind=Body.Kind.PRODUCT_COMMUNITY)
        found[name] = community
        found[f"steering {name}"] = save_body(
            name=f"Styregruppen for {name}", kind=Body.Kind.STEERING_GROUP, parent=community
        )
    return found


@pytest.fixture
def coordinator(client, communities):
    """Community A's product coordinator, logged in: edits A and its steering group."""
    person = save_person(name="Kasper Koordinator")
    assign_role(
        person, body=communities["A"], function=Assignment.Function.COORDINATOR, starts=date(2025, 1, 1), hours_per_week=10
    )
    user = make_user("koordinator", COORDINATOR, person=person)
    client.force_login(user)
    return user
