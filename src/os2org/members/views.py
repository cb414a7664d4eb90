"""Agreements, contributions and their totals, and the pages that change them.

Who may open which page is in members/rules.py; each page lists only what
the viewer may read (AgreementQuerySet.readable_by): everything for the
board and the secretariat, their own organisation's for a member contact.
Lists come a page at a time, filtered in the database (members.selectors).
"""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.attachments.selectors import attachments_of
from os2org.attachments.services import attach
from os2org.audit.services import history
from os2org.caching import cached_page
from os2org.common.forms import add_service_errors
from os2org.common.pagination import PAGE, paginate
from os2org.common.tables import TableError
from os2org.members import accounting, selectors
from os2org.members.forms import (
    AgreementFilter,
    AgreementForm,
    ContributionFilter,
    ContributionForm,
    NoticeForm,
    PaymentsForm,
    RaiseForm,
)
from os2org.members.models import Agreement, Contribution
from os2org.members.services import give_notice, raise_contributions, save_agreement, set_contribution_status
from os2org.organisation.models import Organisation

TOTALS = ("programme", "product", "organisation")


def _posted(request):
    return request.POST if request.method == "POST" else None


def _organisations(viewer):
    """The organisations a viewer may filter by: all for the board and the secretariat, else their own."""
    if viewer.reads_everything:
        return Organisation.objects.filter(agreements__isnull=False).distinct()
    return Organisation.objects.filter(pk=viewer.authority_id)


def _year(request):
    """The year asked for (?aar=), or this year."""
    value = request.GET.get("aar", "")
    return (
        int(value) if value.isascii() and value.isdigit() and 1900 <= int(value) <= 2999 else timezone.localdate().year
    )


@require_safe
@cached_page("aar")
def overview(request):
    """The year's contributions summed per programme, product and organisation, with what is outstanding."""
    viewer = request.viewer
    year = _year(request)
    found = selectors.contributions(viewer=viewer, year=year)
    context = {
        "year": year,
        "years": sorted({*selectors.years(viewer), year}, reverse=True),
        "grand": selectors.grand_total(found),
        "totals": [
            (by, selectors.totals(found, by)) for by in TOTALS if viewer.reads_everything or by != "organisation"
        ],
        "agreements": selectors.agreements(viewer=viewer).in_force().count(),
        "raise_form": RaiseForm(initial={"year": year}) if viewer.secretariat else None,
        "own": Organisation.objects.filter(pk=viewer.authority_id).only("name", "slug").first()
        if viewer.authority_id and not viewer.reads_everything
        else None,
    }
    return render(request, "members/overview.html", context)


@require_safe
@cached_page("organisation", "product", "status", "q", PAGE)
def agreements(request):
    viewer = request.viewer
    form = AgreementFilter(request.GET, organisations=_organisations(viewer))
    page = None
    if form.is_valid():
        found = selectors.agreements(viewer=viewer, words=form.cleaned_data["q"], **_chosen(form, "q"))
        page = paginate(request, found)
    return render(request, "members/agreements.html", {"form": form, "page": page})


def _chosen(form, *leave_out):
    return {name: value or None for name, value in form.cleaned_data.items() if name not in leave_out}


def _agreement_for(viewer, pk):
    agreement = get_object_or_404(Agreement.objects.select_related("organisation", "product", "account"), pk=pk)
    if not agreement.readable_by(viewer):
        raise Http404
    return agreement


@require_safe
def agreement(request, pk):
    viewer = request.viewer
    agreement = _agreement_for(viewer, pk)
    context = {
        "agreement": agreement,
        "in_force": Agreement.objects.in_force().filter(pk=agreement.pk).exists(),
        "contributions": agreement.contributions.order_by("-year", "kind"),
        "attachments": attachments_of(agreement),
        "history": history(agreement).select_related("actor")[:20] if viewer.reads_everything else None,
    }
    return render(request, "members/agreement.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def agreement_create(request):
    return _agreement_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def agreement_edit(request, pk):
    return _agreement_form(request, get_object_or_404(Agreement, pk=pk))


def _agreement_form(request, agreement):
    initial = {key: request.GET[key] for key in ("organisation", "product") if key in request.GET and not agreement}
    form = AgreementForm(_posted(request), request.FILES or None, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document, revision = data.pop("document"), data.pop("revision")
        try:
            with transaction.atomic():
                agreement = save_agreement(agreement, actor=request.user, revision=revision, **data)
                if document:
                    attach(agreement, document, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect(agreement)
    return render(request, "members/agreement_form.html", {"form": form, "agreement": agreement})


@require_http_methods(["GET", "HEAD", "POST"])
def agreement_notice(request, pk):
    agreement = get_object_or_404(Agreement.objects.select_related("organisation", "product"), pk=pk)
    form = NoticeForm(_posted(request), agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            give_notice(agreement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Notice is recorded; the agreement ends on %(day)s.") % {"day": date_format(agreement.ends)}
            )
            return redirect(agreement)
    return render(request, "members/agreement_notice.html", {"form": form, "agreement": agreement})


@require_safe
@cached_page("aar", "product", "organisation", "status", PAGE)
def contributions(request):
    return _contribution_list(request, outstanding=False)


@require_safe
@cached_page("aar", "product", "organisation", PAGE)
def outstanding(request):
    return _contribution_list(request, outstanding=True)


def _contribution_list(request, *, outstanding):
    viewer = request.viewer
    data = request.GET.copy()
    if outstanding:
        data["status"] = "outstanding"
    form = ContributionFilter(data, years=selectors.years(viewer), organisations=_organisations(viewer))
    if outstanding:
        del form.fields["status"]
    page = total = None
    if form.is_valid():
        data = form.cleaned_data
        found = selectors.contributions(
            viewer=viewer,
            year=data["aar"],
            product=data["product"],
            organisation=data["organisation"],
            status="outstanding" if outstanding else data["status"] or None,
        )
        total = selectors.grand_total(found)
        page = paginate(request, found)
    context = {"form": form, "page": page, "total": total, "outstanding": outstanding}
    return render(request, "members/contributions.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def contribution(request, pk):
    viewer = request.viewer
    line = get_object_or_404(
        Contribution.objects.select_related("agreement__organisation", "agreement__product"), pk=pk
    )
    if not line.readable_by(viewer):
        raise Http404
    form = ContributionForm(_posted(request), contribution=line) if viewer.secretariat else None
    if request.method == "POST" and form.is_valid():
        try:
            set_contribution_status(line, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contribution is saved."))
            return redirect("members:contribution", pk=line.pk)
    return render(request, "members/contribution.html", {"contribution": line, "form": form})


@require_POST
def contributions_raise(request):
    form = RaiseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year from 1900 to 2999."))
        return redirect("members:overview")
    year = form.cleaned_data["year"]
    created, changed = raise_contributions(year, actor=request.user)
    messages.success(
        request,
        _("Contributions for %(year)d worked out: %(created)d new, %(changed)d changed.")
        % {"year": year, "created": created, "changed": changed},
    )
    return redirect(f"{reverse('members:outstanding')}?aar={year}")


@require_safe
def export(request, extension):
    """The year's invoice lines for the accounting system (members.accounting), as CSV or XLSX."""
    year = _year(request)
    found = selectors.contributions(viewer=request.viewer, year=year)
    filename = f"bidrag-{year}.{extension}"
    if extension == "csv":
        response = HttpResponse(accounting.export_csv(found), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            accounting.export_xlsx(found),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def payments(request):
    form = PaymentsForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            changed, unchanged = _import(upload, actor=request.user)
        except TableError as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                _("Payment status read: %(changed)d lines changed, %(unchanged)d as they were.")
                % {"changed": changed, "unchanged": unchanged},
            )
            return redirect("members:outstanding")
    return render(request, "members/payments.html", {"form": form})


def _import(upload, *, actor):
    """Read an upload through a file of its own: the tables reader reads files, bounded in size."""
    with tempfile.TemporaryDirectory(prefix="os2org-payments-") as work:
        path = Path(work) / "upload"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return accounting.import_payments(path, actor=actor, name=Path(upload.name).name)


@require_safe
@cached_page(PAGE)
def organisation(request, slug):
    """One organisation's agreements and contributions: a member contact's own page."""
    viewer = request.viewer
    organisation = get_object_or_404(Organisation, slug=slug)
    if not viewer.reads_money_of(organisation.pk):
        raise Http404
    found = selectors.contributions(viewer=viewer, organisation=organisation)
    context = {
        "organisation": organisation,
        "agreements": selectors.agreements(viewer=viewer, organisation=organisation),
        "page": paginate(request, found.order_by("-year", "agreement__product__name", "kind", "pk")),
        "total": selectors.grand_total(found),
        "contacts": selectors.contacts_of(organisation, viewer=viewer),
    }
    return render(request, "members/organisation.html", context)
