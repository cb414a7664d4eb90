"""Reads of onboarding checklists that need care: filtered in SQL, in a fixed number of queries."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from os2org.audit.selectors import with_revisions
from os2org.common.search import matching
from os2org.onboarding.models import Checklist, ChecklistTemplate, Task
from os2org.organisation.models import Assignment, Person

SUBJECT = ("person", "organisation", "product")


def templates() -> QuerySet:
    return ChecklistTemplate.objects.prefetch_related("steps__owner_role").order_by("name", "pk")


def checklists(*, kind: str | None = None, state: str | None = None, words: str = "") -> QuerySet:
    """Started checklists, newest start first, each with its progress (`total`, `done`).

    `state` "running" keeps those with a task still open, "done" those with none.
    """
    found = Checklist.objects.select_related(*SUBJECT).with_progress()
    if kind:
        found = found.filter(kind=kind)
    if state == "running":
        found = found.filter(tasks__done_on__isnull=True).distinct()
    elif state == "done":
        found = found.exclude(tasks__done_on__isnull=True)
    if words:
        found = found.filter(
            matching(words, "title", "person__name_key", "organisation__name_key", "product__name_key")
        )
    return found.order_by("-starts", "-pk")


def tasks_of_checklist(checklist: Checklist) -> QuerySet:
    """Its tasks in order, each with its `revision` for the tick button's form, in one query."""
    tasks = checklist.tasks.select_related("owner_role", "assignee", "page").order_by("position")
    return with_revisions(tasks)


def _roles_held(person, on):
    return Assignment.objects.current(on).filter(person=person, role__isnull=False).values("role_id")


def open_tasks_of(person: Person, *, on: date) -> QuerySet:
    """The open tasks that are `person`'s on `on`: assigned to them, or owned by a role they hold that
    day when nobody was assigned. Soonest due first."""
    mine = Q(assignee=person) | Q(assignee__isnull=True, owner_role__in=_roles_held(person, on))
    return (
        Task.objects.open()
        .filter(mine)
        .select_related("checklist__person", "checklist__organisation", "checklist__product")
        .order_by("due", "pk")
    )


def overdue_tasks_of(person: Person, *, on: date) -> QuerySet:
    return open_tasks_of(person, on=on).filter(due__lt=on)


def _theirs(viewer) -> Q:
    """The tasks that are the viewer's own today: assigned to them, or unassigned and of a role they hold."""
    roles = _roles_held(viewer.person_id, timezone.localdate())
    return Q(assignee_id=viewer.person_id) | Q(assignee__isnull=True, owner_role__in=roles)


def tickable(viewer, tasks) -> set[int]:
    """The ids of those of `tasks` the viewer may tick: the secretariat any, anyone else their own
    (see _theirs); at most one query."""
    if viewer.secretariat:
        return {task.pk for task in tasks}
    if viewer.person_id is None or not tasks:
        return set()
    return set(Task.objects.filter(_theirs(viewer), pk__in=[task.pk for task in tasks]).values_list("pk", flat=True))


def may_tick(viewer, task: Task) -> bool:
    return task.pk in tickable(viewer, [task])


def reads_checklist(viewer, checklist_id: int) -> bool:
    """The secretariat and the board read every checklist; anyone else those with a task of theirs."""
    if viewer.reads_everything:
        return True
    if viewer.person_id is None:
        return False
    return Task.objects.filter(_theirs(viewer), checklist_id=checklist_id).exists()
