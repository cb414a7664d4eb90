"""The budget pages: the overview, one budget's follow-up with its chart, the forms that change them,
the chart of accounts, the actuals' upload and the invoice approvers.

Who may open which is in rules.py; a budget the reader may not read is not
found. Read pages are cached whole (os2org.caching) and cost the same
however many budgets there are: the lists go a page at a time.
"""

import tempfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from os2org.budgets import selectors
from os2org.budgets.chart import draw_chart
from os2org.budgets.forms import (
    ActualsForm,
    ApprovalForm,
    ApproverForm,
    BudgetForm,
    CommentForm,
    FilterForm,
    LineForm,
)
from os2org.budgets.loading import load_actuals
from os2org.budgets.models import Budget, BudgetLine, InvoiceApprover
from os2org.budgets.services import approve_budget, comment_line, create_budget, save_approver, save_line
from os2org.caching import cached_page
from os2org.common.forms import SearchForm, add_service_errors
from os2org.common.pagination import paginate
from os2org.common.tables import TableError

FORM_METHODS = ["GET", "HEAD", "POST"]


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_safe
@cached_page("aar", "organ", "side")
def budgets(request):
    form = FilterForm(request.GET, viewer=request.viewer)
    form.is_valid()
    year, body = form.cleaned_data.get("aar"), form.cleaned_data.get("organ")
    page = paginate(request, selectors.budget_rows(request.viewer, year=year, body=body))
    return render(request, "budgets/budgets.html", {"form": form, "page": page})


def _readable(request, pk):
    return get_object_or_404(selectors.readable_budgets(request.viewer).select_related("body", "decision__meeting"), pk=pk)


@require_safe
@cached_page
def budget(request, pk):
    budget = _readable(request, pk)
    follow_up = selectors.follow_up(budget)
    return render(request, "budgets/budget.html", {"budget": budget, "follow_up": follow_up, "chart": draw_chart(follow_up)})


@require_http_methods(FORM_METHODS)
def budget_create(request):
    form = BudgetForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            budget = create_budget(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget is created. Add its lines."))
            return redirect(budget)
    return _form(request, form, title=_("New budget"), back=None)


def _form(request, form, *, title, back):
    return render(request, "budgets/form.html", {"form": form, "title": title, "back": back})


@require_http_methods(FORM_METHODS)
def budget_approve(request, pk):
    budget = get_object_or_404(Budget.objects.select_related("body"), pk=pk)
    form = ApprovalForm(_posted(request), budget=budget)
    if request.method == "POST" and form.is_valid():
        try:
            approve_budget(budget, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget's approval is saved."))
            return redirect(budget)
    title = _("Approval of the budget of %(body)s for %(year)d") % {"body": budget.body.name, "year": budget.year}
    return _form(request, form, title=title, back=budget.get_absolute_url())


@require_http_methods(FORM_METHODS)
def line_create(request, pk):
    return _line_form(request, get_object_or_404(Budget.objects.select_related("body"), pk=pk), None)


@require_http_methods(FORM_METHODS)
def line_edit(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget__body"), pk=pk)
    return _line_form(request, line.budget, line)


def _line_form(request, budget, line):
    form = LineForm(_posted(request), line=line)
    if request.method == "POST" and form.is_valid():
        try:
            save_line(line, budget=budget, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line is saved."))
            return redirect(budget)
    title = _("Budget line of %(budget)s") % {"budget": budget}
    return _form(request, form, title=title, back=budget.get_absolute_url())


@require_http_methods(FORM_METHODS)
def line_comment(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget__body", "account"), pk=pk)
    form = CommentForm(_posted(request), line=line)
    if request.method == "POST" and form.is_valid():
        try:
            comment_line(line, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment is saved."))
            return redirect(line)
    title = _("Comment on %(account)s") % {"account": line.account}
    return _form(request, form, title=title, back=line.get_absolute_url())


@require_safe
@cached_page("q", "side")
def accounts(request):
    search = SearchForm(request.GET, label=_("Find an account by number or name"))
    page = paginate(request, selectors.accounts(search.words))
    return render(request, "budgets/accounts.html", {"search": search, "page": page})


@require_http_methods(FORM_METHODS)
def actuals(request):
    form = ActualsForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = _load_upload(request, form.cleaned_data)
        except TableError as error:
            form.add_error("file", str(error))
        else:
            data = form.cleaned_data
            message = _("Imported %(rows)d actuals for quarter %(quarter)d of %(year)d; the quarter's earlier actuals are replaced.")
            messages.success(request, message % {"rows": stored, "quarter": data["quarter"], "year": data["year"]})
            return redirect("budgets:actuals")
    page = paginate(request, selectors.imported_quarters())
    return render(request, "budgets/actuals.html", {"form": form, "page": page})


def _load_upload(request, data):
    """The upload is written to a file of its own first: the table reader reads a file (and checks its size)."""
    upload = data["file"]
    with tempfile.NamedTemporaryFile(suffix=".upload") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return load_actuals(copy.name, year=data["year"], quarter=data["quarter"], actor=request.user, name=upload.name)


@require_safe
@cached_page("side")
def approvers(request):
    page = paginate(request, selectors.approvers())
    return render(request, "budgets/approvers.html", {"page": page})


@require_http_methods(FORM_METHODS)
def approver_create(request):
    return _approver_form(request, None)


@require_http_methods(FORM_METHODS)
def approver_edit(request, pk):
    return _approver_form(request, get_object_or_404(InvoiceApprover, pk=pk))


def _approver_form(request, approver):
    form = ApproverForm(_posted(request), approver=approver)
    if request.method == "POST" and form.is_valid():
        try:
            save_approver(approver, actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The invoice approver is saved."))
            return redirect("budgets:approvers")
    title = _("Invoice approver") if approver else _("New invoice approver")
    return _form(request, form, title=title, back=None)
