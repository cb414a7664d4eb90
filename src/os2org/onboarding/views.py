"""Onboarding pages: the templates, the started checklists, one checklist and its tasks.

Who may open which page is in onboarding/rules.py; lists come a page at a
time, filtered in the database (onboarding.selectors).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.audit.forms import revision_initial
from os2org.common.forms import add_service_errors
from os2org.common.pagination import paginate
from os2org.onboarding import selectors
from os2org.onboarding.forms import ChecklistFilter, StartForm, StepFormSet, TaskForm, TemplateForm, step_initial
from os2org.onboarding.models import Checklist, ChecklistTemplate, Task
from os2org.onboarding.services import save_template, set_task_done, start_checklist


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_safe
def checklists(request):
    form = ChecklistFilter(request.GET)
    page = None
    if form.is_valid():
        data = form.cleaned_data
        page = paginate(request, selectors.checklists(kind=data["kind"], state=data["state"], words=data["q"]))
    return render(request, "onboarding/checklists.html", {"form": form, "page": page})


@require_http_methods(["GET", "HEAD", "POST"])
def checklist_start(request):
    form = StartForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            checklist = start_checklist(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The checklist is started."))
            return redirect(checklist)
    return render(request, "onboarding/start.html", {"form": form})


@require_safe
def checklist(request, pk):
    return _checklist_page(request, pk)


def _checklist_page(request, pk, *, errors=()):
    """The checklist and its tasks, with a tick button on each task the viewer may tick; `errors` say why
    a tick was refused (the page is drawn again, not redirected, so the refusal is seen)."""
    checklist = get_object_or_404(
        Checklist.objects.select_related("person", "organisation", "product").with_progress(), pk=pk
    )
    tasks = list(selectors.tasks_of_checklist(checklist))
    mine = selectors.tickable(request.viewer, tasks)
    forms = {
        task.pk: TaskForm(initial={"done": task.done_on is None, "revision": task.revision})
        for task in tasks
        if task.pk in mine
    }
    context = {
        "checklist": checklist,
        "rows": [(task, forms.get(task.pk)) for task in tasks],
        "today": timezone.localdate(),
        "percent": int(checklist.done * 100 / checklist.total) if checklist.total else 0,
        "errors": errors,
    }
    return render(request, "onboarding/checklist.html", context, status=409 if errors else 200)


@require_POST
def task_done(request, pk):
    task = get_object_or_404(Task, pk=pk)
    form = TaskForm(request.POST, initial=revision_initial(task))
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        return _checklist_page(request, task.checklist_id, errors=errors)
    try:
        set_task_done(task, done=form.cleaned_data["done"], actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as error:
        return _checklist_page(request, task.checklist_id, errors=error.messages)
    messages.success(request, _("The task is marked done.") if task.done_on else _("The task is open again."))
    return redirect(task.get_absolute_url())


@require_safe
def templates(request):
    return render(request, "onboarding/templates.html", {"page": paginate(request, selectors.templates())})


@require_http_methods(["GET", "HEAD", "POST"])
def template_create(request):
    return _template_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def template_edit(request, pk):
    return _template_form(request, get_object_or_404(ChecklistTemplate, pk=pk))


def _template_form(request, template):
    form = TemplateForm(_posted(request), template=template)
    steps = StepFormSet(_posted(request), initial=step_initial(template), prefix="steps")
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            template = save_template(template, actor=request.user, revision=revision, steps=steps.steps(), **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The checklist template is saved."))
            return redirect("onboarding:templates")
    return render(request, "onboarding/template_form.html", {"form": form, "steps": steps, "template": template})
