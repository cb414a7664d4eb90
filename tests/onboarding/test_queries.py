"""The onboarding pages ask the database the same number of questions with few items and with many."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import SECRETARIAT
from os2org.onboarding.services import StepData, save_template, set_task_done, start_checklist
from os2org.organisation.services import save_person
from tests.accounts import make_user
from tests.onboarding.builders import office

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    found = office()
    client.force_login(make_user("sekretaer", SECRETARIAT))
    return found


def grow(world, size):
    """`size` templates of `size` steps, each started for a person of its own with a step ticked."""
    for number in range(size):
        steps = [StepData(f"Trin {step}", world.comms_role, step) for step in range(size)]
        template = save_template(name=f"Skabelon {number:02}", kind="member", steps=steps)
        person = save_person(name=f"Person {number:02}", email=f"p{number}@example.org")
        set_task_done(start_checklist(template, person=person, starts=date(2026, 4, 1)).tasks.first(), done=True)
    return template


def queries(client, address):
    cache.clear()
    with CaptureQueriesContext(connection) as asked:
        assert client.get(address).status_code == 200
    return len(asked)


@pytest.mark.parametrize("size", [1, 20])
def test_checklists_list_queries(client, world, size):
    grow(world, size)
    assert queries(client, "/onboarding/") == 9


@pytest.mark.parametrize("size", [1, 20])
def test_templates_list_queries(client, world, size):
    grow(world, size)
    assert queries(client, "/onboarding/skabeloner/") == 11


@pytest.mark.parametrize("size", [1, 20])
def test_checklist_page_queries(client, world, size):
    template = grow(world, size)
    assert queries(client, template.checklists.get().get_absolute_url()) == 9
