"""Who may use the onboarding pages.

The secretariat keeps the templates and starts checklists; the board reads
them. The person a task is assigned to opens its checklist and ticks it
(onboarding.selectors.may_tick, reads_checklist): the rules below ask those.
"""

from os2org.common.rules import reads_everything, secretariat
from os2org.onboarding import selectors
from os2org.onboarding.models import Task


def reads_checklist(viewer, pk=None, **kwargs):
    return viewer.signed_in and selectors.reads_checklist(viewer, pk)


def ticks_task(viewer, pk=None, **kwargs):
    if not viewer.signed_in:
        return False
    task = Task.objects.filter(pk=pk).only("pk").first()
    # Gone: let the view say not found.
    return task is None or selectors.may_tick(viewer, task)


RULES = {
    "templates": reads_everything,
    "template-create": secretariat,
    "template-edit": secretariat,
    "checklists": reads_everything,
    "checklist-start": secretariat,
    "checklist": reads_checklist,
    "task-done": ticks_task,
}
