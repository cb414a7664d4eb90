"""The demo's log-ins each find something on their overview (`make run`, `os2org demo`)."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from os2org.access.demo import add_demo_logins
from os2org.governance import demo
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_yaml
from tests.conftest import DEMO
from tests.dom import element, elements, parse, texts
from tests.governance.cycle_data import freeze

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def built(monkeypatch):
    freeze(monkeypatch, TODAY)
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    demo.build(today=TODAY)
    add_demo_logins(password="demo")


def summary(client, username):
    client.force_login(User.objects.get(username=username))
    found = element(parse(client.get("/en/mit-overblik/")), "ul", class_="overview-summary")
    return texts(elements(found, "li"))


def test_demo_board_member_has_minutes_to_answer(client, built):
    assert summary(client, "bestyrelse") == [
        "Minutes waiting for your answer 1",
        "Your follow-ups 0",
        "Your next meetings and activities 1",
        "Your assignments and hours 1",
        "Role descriptions to review 1",
    ]


def test_demo_coordinator_has_a_follow_up_and_meetings_ahead(client, built):
    assert summary(client, "koordinator") == [
        "Minutes waiting for your answer 0",
        "Your follow-ups 1",
        "Your next meetings and activities 2",
        "Your assignments and hours 2",
        "Role descriptions to review 0",
    ]


def test_demo_secretariat_has_something_in_every_part(client, built):
    assert summary(client, "sekretariat") == [
        "Minutes waiting for your answer 1",
        "Your follow-ups 1",
        "Your next meetings and activities 3",
        "Your assignments and hours 1",
        "Role descriptions to review 3",
        "What the coverage report finds 7",
    ]
