from datetime import date

import pytest
from django.utils import translation

from os2org.access.viewer import viewer_for
from os2org.onboarding.selectors import overdue_tasks_of
from os2org.onboarding.services import start_checklist
from os2org.overview.selectors import overview_of
from os2org.reminders.mails import reminders
from os2org.reminders.selectors import Recipient, reminders_due
from tests.accounts import make_user
from tests.onboarding.builders import office

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    found = office()
    start_checklist(found.template, person=found.newcomer, starts=date(2026, 5, 4))
    return found


def test_overdue_tasks_of_a_holder_are_those_before_today(world, today):
    assert [task.title for task in overdue_tasks_of(world.chief, on=today)] == [
        "Konto og adgang klar",
        "Velkomstsamtale",
    ]


def test_overview_shows_the_overdue_onboarding_tasks(world, today):
    user = make_user("signe", person=world.chief)
    found = overview_of(world.chief, viewer=viewer_for(user, on=today), on=today)
    assert ([task.title for task in found.onboarding.rows], found.onboarding.count) == (
        ["Konto og adgang klar", "Velkomstsamtale"],
        2,
    )


def test_reminders_name_an_overdue_onboarding_task(world, today):
    user = make_user("signe", person=world.chief)
    due = reminders_due(Recipient(world.chief, viewer_for(user, on=today)), on=today)
    keys = [f"onboarding-task:{task.pk}" for task in overdue_tasks_of(world.chief, on=today)]
    assert [(item.kind, item.key) for item in due if item.key.startswith("onboarding")] == [
        ("follow_up_overdue", key) for key in keys
    ]


def test_reminder_mail_links_an_overdue_onboarding_task_to_its_checklist(world, today, settings):
    settings.SITE_URL = "https://org.example.org"
    user = make_user("signe", person=world.chief)
    recipient = Recipient(world.chief, viewer_for(user, on=today))
    due = [item for item in reminders_due(recipient, on=today) if item.key.startswith("onboarding")]
    with translation.override("en"):
        mail = reminders(recipient, due, on=today)
    task = due[0].obj
    assert (mail.sections[0].title, mail.sections[0].lines[0].url) == (
        "Overdue follow-ups",
        f"https://org.example.org/en/onboarding/{task.checklist_id}/#task-{task.pk}",
    )
