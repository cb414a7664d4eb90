"""The demo's onboarding: a template for a new employee, and one started for a person three weeks ago,
with its first steps ticked and one step past its date, so the checklist, "Mit overblik" and the
reminders have something to show."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from os2org.onboarding.models import ChecklistTemplate
from os2org.onboarding.services import StepData, save_template, set_task_done, start_checklist
from os2org.organisation.models import Assignment, Person

NAME = "New employee in the secretariat"
# (title, days from the start); each owned in turn by the roles the demo's people hold.
STEPS = [
    ("Computer, e-mail and access to the shared drives ready", -3),
    ("Welcome talk and a walk through the handbook", 0),
    ("Meet the board's chair and the coordinators", 5),
    ("Introduce the newcomer in the next newsletter", 14),
    ("Follow-up talk after the first month", 30),
]


@transaction.atomic
def build(today: date | None = None) -> bool:
    """Add the demo's onboarding once. Returns whether anything was added."""
    if ChecklistTemplate.objects.filter(name=NAME).exists():
        return False
    today = today or timezone.localdate()
    held = list(Assignment.objects.current(today).filter(role__isnull=False).select_related("role", "person")[:2])
    newcomer = Person.objects.exclude(pk__in=[assignment.person_id for assignment in held]).order_by("name").first()
    if not held or newcomer is None:
        return False
    roles = [assignment.role for assignment in held]
    steps = [StepData(title, roles[number % len(roles)], offset) for number, (title, offset) in enumerate(STEPS)]
    template = save_template(name=NAME, kind="employee", steps=steps)
    checklist = start_checklist(template, person=newcomer, starts=today - timedelta(days=21))
    for task in checklist.tasks.order_by("position")[:2]:
        set_task_done(task, done=True, on=task.due)
    return True
