"""The communication plan, newsletter issues and recipient lists. Rules in communication/rules.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.common.forms import add_service_errors
from os2org.common.pagination import paginate
from os2org.communication import selectors
from os2org.communication.forms import ActivityForm, ConsentForm, IssueForm, PlanFilter, RecipientsFilter
from os2org.communication.models import NewsletterIssue, PlannedActivity
from os2org.communication.recipients import Recipients, recipient_list
from os2org.communication.recipients import recipients_csv as as_csv
from os2org.communication.services import record_consent, record_unsubscribe, save_activity, save_issue


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_safe
def plan(request):
    form = PlanFilter(request.GET, years=selectors.years())
    page = year = None
    if form.is_valid():
        data = form.cleaned_data
        year = data["aar"] or timezone.localdate().year
        found = selectors.plan(year=year, audience=data["audience"], channel=data["channel"], status=data["status"])
        page = paginate(request, found)
    return render(request, "communication/plan.html", {"form": form, "page": page, "year": year})


@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request):
    return _activity_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request, pk):
    return _activity_form(request, get_object_or_404(PlannedActivity, pk=pk))


def _activity_form(request, activity):
    form = ActivityForm(_posted(request), activity=activity)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            activity = save_activity(activity, actor=request.user, revision=revision, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(_plan_address(activity))
    return render(request, "communication/activity_form.html", {"form": form, "activity": activity})


def _plan_address(activity):
    return f"{reverse('communication:plan')}?aar={activity.day.year}#month-{activity.day.month}"


@require_safe
def issues(request):
    return render(request, "communication/issues.html", {"page": paginate(request, selectors.issues())})


@require_http_methods(["GET", "HEAD", "POST"])
def issue_create(request):
    return _issue_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def issue_edit(request, pk):
    return _issue_form(request, get_object_or_404(NewsletterIssue, pk=pk))


def _issue_form(request, issue):
    form = IssueForm(_posted(request), issue=issue)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            save_issue(issue, actor=request.user, revision=revision, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The newsletter issue is saved."))
            return redirect("communication:issues")
    return render(request, "communication/issue_form.html", {"form": form, "issue": issue})


def _chosen(form):
    """The audiences and products the filter asks for: a newsletter issue's, or those chosen; None if invalid."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if data["issue"]:
        return {"audiences": data["issue"].audiences, "products": list(data["issue"].products.all())}
    return {
        "audiences": [data["audience"]] if data["audience"] else [],
        "products": [data["product"]] if data["product"] else [],
    }


@require_safe
def recipients(request):
    return _recipients_page(request, ConsentForm())


def _recipients_page(request, consent_form):
    form = RecipientsFilter(request.GET)
    chosen = _chosen(form)
    context = {"form": form, "consent_form": consent_form, "query": request.GET.urlencode()}
    if chosen is not None:
        found = Recipients(**chosen)
        page = paginate(request, found.addresses, anchor="recipients")
        context.update(counts=found.counts(), page=page, shown=found.at(page.object_list))
    return render(request, "communication/recipients.html", context)


@require_safe
def recipients_csv(request):
    chosen = _chosen(RecipientsFilter(request.GET))
    found = recipient_list(**(chosen or {}))
    response = HttpResponse(as_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modtagere.csv"'
    # Who was left out, for whoever reads the response and not only the file.
    response["X-Left-Out"] = f"without-consent={found.without_consent}; unsubscribed={found.unsubscribed}"
    return response


@require_POST
def consent(request):
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _recipients_page(request, form)
    data = form.cleaned_data
    record = record_consent if data["answer"] == "consent" else record_unsubscribe
    record(data["person"], on=data["on"], actor=request.user)
    messages.success(request, _("The answer of %(name)s is recorded.") % {"name": data["person"].name})
    return redirect("communication:recipients")
