"""Storing role descriptions read from handbook pages."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from os2org.audit.services import record, record_each, snapshot
from os2org.common.bulk import clean_without_queries, item
from os2org.common.dates import in_range
from os2org.common.numbers import parse_decimal
from os2org.common.validation import full_clean
from os2org.roles.models import Priority, RoleDescription, Task
from os2org.roles.parsing import PRIORITIES

SLUG_LENGTH = RoleDescription._meta.get_field("slug").max_length
# Room for the "-2", "-3", … that tells roles of one name apart.
SLUG_SUFFIX_ROOM = 10


def unique_slug(name, owner, taken):
    """A slug for `owner` (a role's id, or a new role itself) that `taken` ({slug: owner}) gives nobody else.

    Side effect: `taken` gives the slug to `owner`.
    """
    base = (slugify(name, allow_unicode=True) or "rolle")[: SLUG_LENGTH - SLUG_SUFFIX_ROOM].strip("-_")
    slug, number = base, 2
    while taken.get(slug, owner) != owner:
        slug, number = f"{base}-{number}", number + 1
    taken[slug] = owner
    return slug


def _decimal(value):
    return None if value is None else Decimal(str(value))


def reviewed_on(parsed):
    """The date in the page's `reviewed` front-matter key (YYYY-MM-DD), or None.

    A date outside the range the organisation's records can have
    (common.dates) is read as no date, as an unreadable one is.
    """
    try:
        day = date.fromisoformat(parsed.reviewed or "")
    except ValueError:
        return None
    return day if in_range(day) else None


def store_roles(described):
    """Give each page the role description it describes; a role is known by its name.

    `described` is [(page, parsed role or None)] of stored pages. A page
    keeps its own role while the name stays the same (compared with
    casefold()). A name that another role has, a detached one or one whose
    page now describes another role, takes that role over, so its
    assignments, follow-ups and activities follow the name. Otherwise the
    page's own role is renamed, or a new role is made. A role that no page
    describes any more is detached, never deleted.

    Side effects: RoleDescription rows (their page and every field read
    from it) and their Task rows. Called inside the import's or the page
    editor's transaction, which records the audit entry. Returns the
    roles stored, in the order of `described`.
    """
    pages = [page for page, _parsed in described]
    own = {role.page_id: role for role in RoleDescription.objects.filter(page__in=pages)}
    wanted = {page.pk: parsed.name.casefold() for page, parsed in described if parsed}
    free = {}
    for role in [*RoleDescription.objects.filter(page__isnull=True).order_by("pk"), *own.values()]:
        if wanted.get(role.page_id) != role.name.casefold():
            free.setdefault(role.name.casefold(), role)
    chosen = {}
    for page, parsed in described:
        mine = own.get(page.pk)
        if parsed and mine and mine.name.casefold() == wanted[page.pk]:
            chosen[page.pk] = mine
        elif parsed and wanted[page.pk] in free:
            chosen[page.pk] = free.pop(wanted[page.pk])
    taken = {role.pk for role in chosen.values()}
    for page, parsed in described:
        mine = own.get(page.pk)
        if parsed and page.pk not in chosen:
            chosen[page.pk] = mine if mine and mine.pk not in taken else RoleDescription()
    # Detached first: a page holds one role, even for a moment.
    leaving = [role.pk for role in own.values() if chosen.get(role.page_id) is not role]
    RoleDescription.objects.filter(pk__in=leaving).update(page=None)
    # Every role's slug, read once: the new ones are chosen against them.
    slugs = dict(RoleDescription.objects.values_list("slug", "pk"))
    work = [(chosen[page.pk], page, parsed) for page, parsed in described if parsed]
    renamed = save_roles(work, slugs)
    replace_tasks(work, renamed)
    return [role for role, _page, _parsed in work]


def role_fields(parsed, page):
    """What a page says of its role, as RoleDescription fields (all but the slug)."""
    return {
        "page": page,
        "name": parsed.name,
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
        "reviewed_on": reviewed_on(parsed),
    }


def save_roles(work, slugs):
    """Store what each page says of its role into the role, [(role, page, parsed)], in few queries.

    `slugs` is {slug: role id} of every role. Slugs are chosen in the order
    of `work`, so a renamed role frees its old slug for the roles after it.
    Roles that keep their slug are updated in one query; a role whose slug
    changes is saved on its own, in that order, so that no row ever takes a
    slug another row still holds (a unique column is checked row by row);
    new roles are inserted last, in one query. Returns the ids of the
    stored roles that were there before.
    """
    kept, moved, new = [], [], []
    for role, page, parsed in work:
        previous_slug = role.slug
        for name, value in role_fields(parsed, page).items():
            setattr(role, name, value)
        role.slug = unique_slug(parsed.name, role.pk or role, slugs)
        if role.pk is None:
            new.append(role)
        elif role.slug == previous_slug:
            kept.append(role)
        else:
            # A renamed role frees its old slug.
            if slugs.get(previous_slug) == role.pk:
                del slugs[previous_slug]
            moved.append(role)
    if kept:
        RoleDescription.objects.bulk_update(kept, [*role_fields(work[0][2], None)])
    for role in moved:
        role.save()
    RoleDescription.objects.bulk_create(new)
    return {role.pk for role in [*kept, *moved]}


def replace_tasks(work, existing):
    """Replace the tasks of the roles in `work` by their pages' tasks, in three queries.

    Estimates are made in the app, not in the page: a task that is still
    on the page after a re-import keeps its estimate. A new role has none.
    """
    old = Task.objects.filter(role__in=existing)
    estimates = {(role, priority, text): hours for role, priority, text, hours in old.values_list(
        "role", "priority", "text", "hours_per_week")}
    old.delete()
    Task.objects.bulk_create(
        Task(
            role=role,
            priority=Priority[name],
            position=position,
            text=text,
            search_text=text.casefold(),
            hours_per_week=estimates.get((role.pk, Priority[name], text)),
        )
        for role, _page, parsed in work
        for name in PRIORITIES
        for position, text in enumerate(parsed.tasks[name], start=1)
    )


@transaction.atomic
def set_task_hours(task, *, hours_per_week, actor=None):
    """Set (or clear, with None) a task's estimated hours per week.

    Side effects: the Task row, one audit entry.
    """
    before = snapshot(task)
    task.hours_per_week = None if hours_per_week in (None, "") else parse_decimal(hours_per_week)
    full_clean(task)
    task.save(update_fields=["hours_per_week"])
    record("roles.task_hours", summary=_task_summary(task), actor=actor, obj=task, before=before, after=snapshot(task))
    return task


def _task_summary(task):
    return f"{task.role}: {task.text}"


@transaction.atomic(savepoint=False)
def set_hours_of_tasks(estimates: Sequence[tuple[Task, object]], *, actor=None) -> list[Task]:
    """set_task_hours for many: `estimates` is [(task, hours per week)], in a few queries whatever their number.

    Side effects: the Task rows, one audit entry each. Raises InvalidItem
    for the first invalid estimate; it undoes the caller's transaction.
    Hours of 0 or less are for the caller to refuse (the database does).
    """
    changed = []
    for index, (task, hours_per_week) in enumerate(estimates):
        before = snapshot(task)
        task.hours_per_week = None if hours_per_week in (None, "") else parse_decimal(hours_per_week)
        with item(index):
            clean_without_queries(task)
        changed.append((task, before))
    Task.objects.bulk_update([task for task, _before in changed], ["hours_per_week"])
    record_each("roles.task_hours", changed, summary=_task_summary, actor=actor)
    return [task for task, _before in changed]
