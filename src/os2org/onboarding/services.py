"""Changing onboarding templates and checklists. Every function writes its audit entry in the same transaction.

A function that changes a stored object takes the `revision` its form was
opened at and refuses the save if someone saved the object since
(audit.services.check_revision); None, as commands pass, skips the check.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, snapshot
from os2org.common.validation import full_clean
from os2org.onboarding.models import MAX_OFFSET, Checklist, ChecklistTemplate, Step, Task
from os2org.organisation.models import Assignment


@dataclass(frozen=True)
class StepData:
    """A step as a form or a file gives it, before it is checked."""

    title: str
    owner_role: object  # roles.RoleDescription, or None when not given
    offset_days: int = 0
    page: object = None  # handbook.Page


def _check_steps(steps: list[StepData]) -> None:
    """Refuse the whole list if one step lacks what it needs, naming the step and the field."""
    errors = []
    for number, step in enumerate(steps, start=1):
        name = step.title.strip() or _("(no title)")
        if not step.title.strip():
            errors.append(_("Step %(number)d: title: give the step a title.") % {"number": number})
        if step.owner_role is None:
            errors.append(
                _("Step %(number)d “%(title)s”: owner role: choose the role that owns the step.")
                % {"number": number, "title": name}
            )
        if not -MAX_OFFSET <= step.offset_days <= MAX_OFFSET:
            errors.append(
                _("Step %(number)d “%(title)s”: days from the start: at most %(max)d before or after.")
                % {"number": number, "title": name, "max": MAX_OFFSET}
            )
    if errors:
        raise ValidationError({"steps": errors})


@transaction.atomic
def save_template(
    template: ChecklistTemplate | None = None,
    *,
    name: str,
    kind: str,
    steps: list[StepData],
    description: str = "",
    actor=None,
    revision=None,
) -> ChecklistTemplate:
    """Create or change a template and replace its steps, all or nothing.

    Side effects: the ChecklistTemplate row, its Step rows (the old ones
    deleted), one audit entry with the steps before and after. Checklists
    started from it keep their tasks.
    """
    template = template or ChecklistTemplate()
    check_revision(template, revision)
    _check_steps(steps)
    before = _with_steps(template)
    template.name, template.kind, template.description = name.strip(), kind, description
    full_clean(template)
    template.save()
    template.steps.all().delete()
    Step.objects.bulk_create(
        [
            Step(
                template=template,
                position=number,
                title=step.title.strip(),
                owner_role=step.owner_role,
                offset_days=step.offset_days,
                page=step.page,
            )
            for number, step in enumerate(steps, start=1)
        ]
    )
    record(
        "onboarding.template",
        summary=_("checklist template: %(name)s") % {"name": template},
        actor=actor,
        obj=template,
        before=before,
        after=_with_steps(template),
    )
    return template


def _with_steps(template):
    if template.pk is None:
        return None
    steps = list(template.steps.values("title", "owner_role", "offset_days", "page").order_by("position"))
    return snapshot(template) | {"steps": steps}


def holders_on(role_ids, day: date) -> dict[int, int]:
    """{role id: id of the person who holds it on `day`}; of several holders the first by name. One query."""
    held = (
        Assignment.objects.current(day)
        .filter(role_id__in=role_ids)
        .order_by("role_id", "person__name", "person_id")
        .values_list("role_id", "person_id")
    )
    found = {}
    for role_id, person_id in held:
        found.setdefault(role_id, person_id)
    return found


@transaction.atomic
def start_checklist(
    template: ChecklistTemplate, *, starts: date, person=None, organisation=None, product=None, actor=None
) -> Checklist:
    """Start `template` for one person, organisation or product on `starts`.

    Each step becomes a task due `offset_days` after the start, assigned to
    whoever holds the step's role on the start day (none when vacant).
    Side effects: one Checklist row, its Task rows, one audit entry.
    """
    checklist = Checklist(
        template=template,
        title=template.name,
        kind=template.kind,
        person=person,
        organisation=organisation,
        product=product,
        starts=starts,
        created_by=actor,
    )
    full_clean(checklist)
    steps = list(template.steps.order_by("position"))
    if not steps:
        raise ValidationError({"template": _("The template has no steps: add some before starting it.")})
    checklist.save()
    holders = holders_on({step.owner_role_id for step in steps}, starts)
    Task.objects.bulk_create(
        [
            Task(
                checklist=checklist,
                position=step.position,
                title=step.title,
                owner_role_id=step.owner_role_id,
                assignee_id=holders.get(step.owner_role_id),
                due=due_date(starts, step.offset_days),
                page_id=step.page_id,
            )
            for step in steps
        ]
    )
    record(
        "onboarding.checklist",
        summary=_("checklist started: %(name)s") % {"name": checklist},
        actor=actor,
        obj=checklist,
        after=snapshot(checklist),
    )
    return checklist


def due_date(starts: date, offset_days: int) -> date:
    """The day a step falls due: calendar days from the start, across month and year ends alike."""
    return starts + timedelta(days=offset_days)


@transaction.atomic
def set_task_done(task: Task, *, done: bool, actor=None, on: date | None = None, revision=None) -> Task:
    """Tick a task done (on `on`, today by default), or take the tick back.

    Side effects: the Task row and its audit entry.
    """
    check_revision(task, revision)
    before = snapshot(task)
    task.done_on = (on or timezone.localdate()) if done else None
    task.done_by = actor if done and getattr(actor, "pk", None) else None
    task.save(update_fields=["done_on", "done_by"])
    record(
        "onboarding.task",
        summary=(_("task done: %(name)s") if done else _("task reopened: %(name)s")) % {"name": task},
        actor=actor,
        obj=task,
        before=before,
        after=snapshot(task),
    )
    return task
