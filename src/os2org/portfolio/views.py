"""The portfolio's pages. Who may open which is in portfolio/rules.py; each page shows only what
the viewer may read (portfolio.selectors, portfolio.pack). Changes go through portfolio.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.common.forms import add_service_errors
from os2org.common.pagination import paginate
from os2org.common.visibility import readable_of
from os2org.organisation.models import Body, Person
from os2org.portfolio import selectors
from os2org.portfolio.forms import (
    GateCheckForm,
    GatePassForm,
    GateTemplateForm,
    MilestoneForm,
    ProfileForm,
    ReportForm,
    StageFilter,
)
from os2org.portfolio.models import NEXT_STAGE, PROFILE_KINDS, Gate, GateTemplate, Milestone, Profile, Stage
from os2org.portfolio.pack import board_pack as make_pack
from os2org.portfolio.pack import pack_pdf, readable_next_meeting
from os2org.portfolio.services import (
    check_gate,
    file_report,
    open_gate,
    pass_gate,
    refresh_board_pack,
    save_gate_template,
    save_milestone,
    save_profile,
)

EDIT = ["GET", "HEAD", "POST"]


def _posted(request):
    return request.POST if request.method == "POST" else None


def _profile(viewer, slug):
    profile = selectors.profile_for(viewer, slug)
    if profile is None:
        raise Http404
    return profile


@require_safe
def overview(request):
    viewer = request.viewer
    form = StageFilter(request.GET)
    stage = form.cleaned_data["fase"] if form.is_valid() else ""
    counts = selectors.stage_counts(viewer=viewer)
    context = {
        "form": form,
        "stages": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
        "page": paginate(request, selectors.profiles(viewer=viewer, stage=stage or None)),
        "missing": selectors.missing_reports() if viewer.reads_everything else None,
        "programmes": selectors.programmes(viewer=viewer),
    }
    return render(request, "portfolio/overview.html", context)


@require_safe
def community(request, slug):
    viewer = request.viewer
    profile = _profile(viewer, slug)
    internal = selectors.reads_reports_of(viewer, profile.body_id)
    context = {
        "profile": profile,
        "suppliers": readable_of(viewer, profile.body.suppliers.order_by("name")),
        "milestones": selectors.roadmap(profile),
        "today": timezone.localdate(),
        "gates": selectors.gates_of(profile) if internal else None,
        "reports": paginate(request, selectors.reports(viewer=viewer, profile=profile)) if internal else None,
        "edits": viewer.edits(profile.body_id),
    }
    return render(request, "portfolio/community.html", context)


@require_http_methods(EDIT)
def community_edit(request, slug):
    body = get_object_or_404(Body, slug=slug, kind__in=PROFILE_KINDS)
    profile = Profile.objects.filter(body=body).first()
    form = ProfileForm(_posted(request), profile=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            profile = save_profile(profile, body=body, actor=request.user, revision=revision, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The portfolio page is saved."))
            return redirect(profile)
    return render(request, "portfolio/form.html", {"form": form, "title": _("Portfolio of %(name)s") % {"name": body}, "back": profile})


@require_http_methods(EDIT)
def milestone_create(request, slug):
    return _milestone_form(request, _profile(request.viewer, slug), None)


@require_http_methods(EDIT)
def milestone_edit(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("profile__body"), pk=pk)
    return _milestone_form(request, milestone.profile, milestone)


def _milestone_form(request, profile, milestone):
    form = MilestoneForm(_posted(request), milestone=milestone)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            save_milestone(milestone, profile=profile, actor=request.user, revision=revision, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect(profile)
    title = _("Edit milestone") if milestone else _("New milestone for %(name)s") % {"name": profile}
    return render(request, "portfolio/form.html", {"form": form, "title": title, "back": profile})


@require_http_methods(EDIT)
def report_create(request, slug):
    return _report_form(request, _profile(request.viewer, slug), None)


@require_http_methods(EDIT)
def report_edit(request, pk):
    report = _report(pk)
    return _report_form(request, report.profile, report)


def _report(pk):
    report = selectors.report_detail(pk)
    if report is None:
        raise Http404
    return report


def _report_form(request, profile, report):
    milestones = selectors.roadmap(profile)
    form = ReportForm(_posted(request), milestones=milestones, report=report, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            report = file_report(
                report,
                profile=profile,
                progress=form.progress(),
                author=_person(request),
                actor=request.user,
                revision=form.cleaned_data["revision"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status report is filed."))
            return redirect(report)
    title = _("Status report for %(name)s") % {"name": profile}
    return render(request, "portfolio/report_form.html", {"form": form, "title": title, "profile": profile})


def _person(request):
    """The person who files: the viewer's own record in the directory, if their log-in has one."""
    person_id = request.viewer.person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


@require_safe
def report(request, pk):
    report = _report(pk)
    context = {"report": report, "edits": request.viewer.edits(report.profile.body_id)}
    return render(request, "portfolio/report.html", context)


@require_safe
def programme(request, slug):
    viewer = request.viewer
    programme = get_object_or_404(selectors.programmes(viewer=viewer), slug=slug)
    profile = Profile.objects.filter(body=programme).first()
    context = {
        "programme": programme,
        "profile": profile,
        "rows": selectors.programme_rows(viewer=viewer, programme=programme),
    }
    return render(request, "portfolio/programme.html", context)


@require_POST
def gate_create(request, slug):
    profile = _profile(request.viewer, slug)
    try:
        gate = open_gate(profile, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(profile)
    return redirect(gate)


def _gate(pk):
    return get_object_or_404(Gate.objects.select_related("profile__body", "decision__meeting"), pk=pk)


@require_http_methods(EDIT)
def gate(request, pk):
    gate = _gate(pk)
    open_ = gate.passed_on is None and request.viewer.secretariat
    form = GateCheckForm(_posted(request), gate=gate) if open_ else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                check_gate(gate, checks=form.checks_data(), actor=request.user, revision=form.cleaned_data["revision"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The checklist is saved."))
                return redirect(gate)
    decisions = selectors.board_decisions()
    context = {
        "gate": gate,
        "checks": gate.checks.all(),
        "form": form,
        "pass_form": GatePassForm(gate=gate, decisions=decisions) if open_ else None,
    }
    return render(request, "portfolio/gate.html", context)


@require_POST
def gate_pass(request, pk):
    gate = _gate(pk)
    form = GatePassForm(request.POST, gate=gate, decisions=selectors.board_decisions())
    if form.is_valid():
        try:
            pass_gate(gate, decision=form.cleaned_data["decision"], actor=request.user, revision=form.cleaned_data["revision"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The gate is passed: the community is now in its next stage."))
            return redirect(gate)
    context = {"gate": gate, "checks": gate.checks.all(), "form": None, "pass_form": form}
    return render(request, "portfolio/gate.html", context, status=400)


@require_safe
def gate_templates(request):
    kept = {template.from_stage: template for template in GateTemplate.objects.prefetch_related("items")}
    steps = [(stage, Stage(stage).label, Stage(to).label, kept.get(stage)) for stage, to in NEXT_STAGE.items()]
    return render(request, "portfolio/gate_templates.html", {"steps": steps})


@require_http_methods(EDIT)
def gate_template(request, stage):
    if stage not in NEXT_STAGE:
        raise Http404
    template = GateTemplate.objects.filter(from_stage=stage).prefetch_related("items").first()
    form = GateTemplateForm(_posted(request), template=template)
    if request.method == "POST" and form.is_valid():
        try:
            save_gate_template(
                template, from_stage=stage, items=form.cleaned_data["items"], actor=request.user,
                revision=form.cleaned_data["revision"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The checklist is saved."))
            return redirect("portfolio:gate-templates")
    title = _("Checklist from %(from)s to %(to)s") % {"from": Stage(stage).label, "to": NEXT_STAGE[stage].label}
    return render(request, "portfolio/form.html", {"form": form, "title": title, "back": None})


@require_http_methods(EDIT)
def board_pack(request):
    if request.method == "POST":
        item = refresh_board_pack(actor=request.user)
        if item is None:
            messages.error(request, _("The board has no meeting ahead."))
        else:
            messages.success(request, _("The portfolio status on the agenda is up to date."))
        return redirect("portfolio:board-pack")
    meeting = readable_next_meeting(request.viewer)
    pack = make_pack(request.viewer, meeting) if meeting else None
    return render(request, "portfolio/board_pack.html", {"pack": pack})


@require_safe
def board_pack_pdf(request):
    meeting = readable_next_meeting(request.viewer)
    if meeting is None:
        raise Http404
    pdf = pack_pdf(make_pack(request.viewer, meeting), language=translation.get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bestyrelsespakke-{meeting.day.isoformat()}.pdf"'
    return response
