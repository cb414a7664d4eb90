"""Storing role descriptions read from handbook pages."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from os2org.audit.services import record, snapshot
from os2org.handbook.pages import split_front_matter
from os2org.roles.models import Priority, RoleDescription, Task
from os2org.roles.parsing import PRIORITIES


def unique_slug(name, page_id):
    base = slugify(name, allow_unicode=True) or "rolle"
    slug, number = base, 2
    while RoleDescription.objects.filter(slug=slug).exclude(page_id=page_id).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _decimal(value):
    return None if value is None else Decimal(str(value))


def reviewed_on(page):
    """The date in the page's `reviewed` front-matter key (YYYY-MM-DD), or None."""
    front_matter, _body, _line = split_front_matter(page.path, page.source)
    try:
        return date.fromisoformat(str((front_matter or {}).get("reviewed", "")))
    except ValueError:
        return None


def save_role(page, parsed):
    """Create or update the role description of a page and replace its tasks.

    Side effects: writes one RoleDescription and its Task rows. Called
    inside the import's transaction, which records the audit entry.
    """
    role, _ = RoleDescription.objects.update_or_create(
        page=page,
        defaults={
            "name": parsed.name,
            "slug": unique_slug(parsed.name, page.pk),
            "purpose": parsed.purpose,
            "responsibilities": parsed.responsibilities,
            "competencies": [{"label": c.label, "text": c.text} for c in parsed.competencies],
            "qualities": parsed.qualities,
            "relationships": parsed.relationships,
            "sections": [{"heading": s.heading, "kind": s.kind} for s in parsed.sections],
            "reports_to": parsed.reports_to or "",
            "hours_min": _decimal(parsed.hours_min),
            "hours_max": _decimal(parsed.hours_max),
            "hours_text": parsed.hours_text or "",
            "staff_responsibility": parsed.staff_responsibility,
            "budget_responsibility": parsed.budget_responsibility,
            "review_rule": parsed.review_rule or "",
            "reviewed_on": reviewed_on(page),
        },
    )
    # Estimates are made in the app, not in the page: a task that is still
    # on the page after a re-import keeps its estimate.
    estimates = {(t.priority, t.text): t.hours_per_week for t in role.tasks.all()}
    role.tasks.all().delete()
    Task.objects.bulk_create(
        Task(
            role=role,
            priority=Priority[name],
            position=position,
            text=text,
            search_text=text.casefold(),
            hours_per_week=estimates.get((Priority[name], text)),
        )
        for name in PRIORITIES
        for position, text in enumerate(parsed.tasks[name], start=1)
    )
    return role


def remove_roles_except(pages, kept):
    """Pages that are no longer role descriptions lose their role data."""
    RoleDescription.objects.filter(page__in=pages).exclude(pk__in=[r.pk for r in kept]).delete()


@transaction.atomic
def set_task_hours(task, *, hours_per_week, actor=None):
    """Set (or clear, with None) a task's estimated hours per week.

    Side effects: the Task row, one audit entry.
    """
    before = snapshot(task)
    task.hours_per_week = None if hours_per_week in (None, "") else Decimal(str(hours_per_week).replace(",", "."))
    task.full_clean(validate_constraints=True)
    task.save(update_fields=["hours_per_week"])
    record("roles.task_hours", summary=f"{task.role}: {task.text}", actor=actor, obj=task, before=before, after=snapshot(task))
    return task
