from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.onboarding.models import Checklist, Step
from os2org.onboarding.services import StepData, save_template, set_task_done, start_checklist
from os2org.organisation.services import save_body, save_organisation
from tests.onboarding.builders import office

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return office()


def _due(checklist):
    return [(task.title, task.due) for task in checklist.tasks.order_by("position")]


def test_start_checklist_dates_each_task_from_the_start(world):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4))
    assert _due(checklist) == [
        ("Konto og adgang klar", date(2026, 5, 2)),
        ("Velkomstsamtale", date(2026, 5, 4)),
        ("Præsentation i nyhedsbrevet", date(2026, 5, 7)),
        ("Opfølgningssamtale", date(2026, 6, 3)),
    ]


def test_start_checklist_counts_offsets_across_month_and_year_ends(world):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2025, 12, 30))
    assert _due(checklist) == [
        ("Konto og adgang klar", date(2025, 12, 28)),
        ("Velkomstsamtale", date(2025, 12, 30)),
        ("Præsentation i nyhedsbrevet", date(2026, 1, 2)),
        ("Opfølgningssamtale", date(2026, 1, 29)),
    ]


def test_start_checklist_counts_offsets_across_the_end_of_february_in_a_leap_year(world):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2028, 2, 27))
    assert [task.due for task in checklist.tasks.order_by("position")][2:] == [date(2028, 3, 1), date(2028, 3, 28)]


def test_start_checklist_assigns_each_task_to_the_holder_of_its_role(world):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4))
    assert [task.assignee for task in checklist.tasks.order_by("position")] == [
        world.chief,
        world.chief,
        world.comms,
        world.chief,
    ]


def test_start_checklist_leaves_a_task_of_a_role_vacant_on_the_start_day_unassigned(world):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2023, 6, 1))
    assert {task.assignee for task in checklist.tasks.all()} == {None}


def test_start_checklist_writes_one_audit_entry(world):
    checklist = start_checklist(
        world.template, organisation=save_organisation(name="Egeby Kommune"), starts=date(2026, 5, 4)
    )
    assert list(Entry.objects.filter(action="onboarding.checklist").values_list("object_id", flat=True)) == [
        str(checklist.pk)
    ]


def test_start_checklist_for_two_subjects_is_refused_and_changes_nothing(world):
    product = save_body(name="Booking", kind="product_community")
    with pytest.raises(ValidationError) as refused:
        start_checklist(world.template, person=world.newcomer, product=product, starts=date(2026, 5, 4))
    assert (refused.value.messages, Checklist.objects.count()) == (
        ["Choose exactly one: a person, an organisation or a product."],
        0,
    )


def test_database_refuses_a_checklist_without_a_subject(world):
    with pytest.raises(IntegrityError):
        Checklist.objects.create(template=world.template, title="x", kind="employee", starts=date(2026, 5, 4))


def test_save_template_refuses_a_step_without_owner_naming_it_and_changes_nothing(world):
    steps = [StepData("Velkomst", world.chief_role, 0), StepData("Nøgler udleveres", None, 1)]
    with pytest.raises(ValidationError) as refused:
        save_template(world.template, name="Ny medarbejder", kind="employee", steps=steps)
    assert refused.value.message_dict == {
        "steps": ["Step 2 “Nøgler udleveres”: owner role: choose the role that owns the step."]
    }
    assert list(Step.objects.filter(template=world.template).values_list("title", flat=True)) == [
        "Konto og adgang klar",
        "Velkomstsamtale",
        "Præsentation i nyhedsbrevet",
        "Opfølgningssamtale",
    ]


def test_save_template_keeps_started_checklists_as_they_were(world):
    checklist = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4))
    save_template(world.template, name="Ny medarbejder", kind="employee", steps=[StepData("Kun én", world.chief_role)])
    assert checklist.tasks.count() == 4


def test_set_task_done_records_the_day_and_who(world):
    task = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4)).tasks.first()
    set_task_done(task, done=True)
    task.refresh_from_db()
    assert (task.done_on, Entry.objects.filter(action="onboarding.task").count()) == (date(2026, 5, 7), 1)


def test_set_task_done_refuses_a_stale_revision(world):
    task = start_checklist(world.template, person=world.newcomer, starts=date(2026, 5, 4)).tasks.first()
    seen = revision(task)
    set_task_done(task, done=True, revision=seen)
    with pytest.raises(ValidationError):
        set_task_done(task, done=False, revision=seen)
    task.refresh_from_db()
    assert task.done_on == date(2026, 5, 7)
