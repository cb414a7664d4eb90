from datetime import date

import pytest

from os2org.access.groups import COORDINATOR, SECRETARIAT
from os2org.audit.selectors import revision
from os2org.onboarding.models import Checklist, Step, Task
from os2org.onboarding.services import set_task_done, start_checklist
from tests.accounts import make_user
from tests.dom import attribute, element, parse, text
from tests.onboarding.builders import office

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return office()


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def test_start_form_makes_the_checklist_and_leads_to_it(client, world, secretariat):
    fields = {"template": world.template.pk, "person": world.newcomer.pk, "starts": "2026-05-04"}
    response = client.post("/en/onboarding/start/", fields)
    checklist = Checklist.objects.get()
    assert (response.status_code, response["Location"], checklist.tasks.count()) == (
        302,
        f"/en/onboarding/{checklist.pk}/",
        4,
    )


def test_template_form_refuses_a_step_without_owner_and_changes_nothing(client, world, secretariat):
    fields = {
        "name": "Ny medarbejder",
        "kind": "employee",
        "revision": revision(world.template),
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-title": "Nøgler udleveres",
        "steps-0-offset_days": "1",
    }
    response = client.post(f"/en/onboarding/skabeloner/{world.template.pk}/", fields)
    error = text(element(parse(response), "div", id="field-steps-0-owner_role"))
    assert ("Choose the role that owns this step." in error, Step.objects.count()) == (True, 4)


def test_assignee_ticks_their_task(client, world):
    task = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4)).tasks.get(position=3)
    client.force_login(make_user("karl", COORDINATOR, person=world.comms))
    client.post(f"/en/onboarding/opgaver/{task.pk}/", {"done": "True", "revision": revision(task)})
    task.refresh_from_db()
    assert task.done_on == date(2026, 5, 7)


def test_another_person_may_not_tick_a_task(client, world):
    task = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4)).tasks.get(position=1)
    client.force_login(make_user("karl", COORDINATOR, person=world.comms))
    response = client.post(f"/en/onboarding/opgaver/{task.pk}/", {"done": "True", "revision": revision(task)})
    assert (response.status_code, Task.objects.filter(done_on__isnull=False).count()) == (403, 0)


def test_ticking_from_a_stale_page_is_refused(client, world, secretariat):
    task = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4)).tasks.first()
    stale = revision(task)
    set_task_done(task, done=True)
    client.post(f"/en/onboarding/opgaver/{task.pk}/", {"done": "", "revision": stale})
    task.refresh_from_db()
    assert task.done_on == date(2026, 5, 7)


def test_checklist_page_shows_the_progress(client, world, secretariat):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4))
    set_task_done(checklist.tasks.first(), done=True)
    page = parse(client.get(f"/en/onboarding/{checklist.pk}/"))
    assert attribute(element(page, "progress"), "value") == "25"


def test_checklists_list_filters_by_state(client, world, secretariat):
    done = start_checklist(world.template, person=world.newcomer, starts=date(2026, 1, 5))
    for task in done.tasks.all():
        set_task_done(task, done=True)
    start_checklist(world.template, person=world.comms, starts=date(2026, 5, 4))
    page = parse(client.get("/en/onboarding/?state=running"))
    assert text(element(page, "p", id="register-count")) == "1 checklist"


def test_holder_of_the_role_ticks_a_task_nobody_was_assigned(client, world):
    task = start_checklist(world.template, person=world.newcomer, starts=date(2023, 6, 1)).tasks.get(position=3)
    client.force_login(make_user("karl", COORDINATOR, person=world.comms))
    client.post(f"/en/onboarding/opgaver/{task.pk}/", {"done": "True", "revision": revision(task)})
    task.refresh_from_db()
    assert task.done_on == date(2026, 5, 7)
