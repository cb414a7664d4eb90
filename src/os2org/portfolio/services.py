"""Changing the portfolio. Every function writes its audit entry in the same transaction.

A function that changes a stored object takes the `revision` its edit form
was opened at and refuses the save if someone saved the object since
(audit.services.check_revision); None, as commands and loaders pass, skips
the check. Bad input raises ValidationError naming the field; nothing is
saved then.

A community's stage changes only when a board decision passes its open
gate (pass_gate); the stage a profile is created with is where it starts.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import check_revision, record, snapshot
from os2org.budgets.models import Budget
from os2org.budgets.selectors import follow_up
from os2org.common.numbers import format_hours
from os2org.common.validation import full_clean
from os2org.governance.meetings.services import add_agenda_item, save_agenda_item
from os2org.governance.models import AgendaItem, Meeting
from os2org.organisation.models import Body
from os2org.portfolio.models import (
    NEXT_STAGE,
    PROFILE_KINDS,
    Gate,
    GateCheck,
    GateItem,
    GateTemplate,
    Milestone,
    MilestoneProgress,
    PortfolioItem,
    Profile,
    StatusReport,
)
from os2org.portfolio.periods import period_of
from os2org.portfolio.selectors import latest_reports, next_board_meeting


def _saved(obj, action, *, actor, before, summary):
    full_clean(obj)
    obj.save()
    record(action, summary=summary, actor=actor, obj=obj, before=before, after=snapshot(obj))
    return obj


@transaction.atomic
def save_profile(
    profile: Profile | None = None,
    *,
    body: Body | None = None,
    goals: str = "",
    licence: str = "",
    repositories: list | None = None,
    stage: str | None = None,
    actor=None,
    revision=None,
) -> Profile:
    """Create a community's profile (in `stage`, an idea unless told), or change its goals, licence and repositories.

    The stage of a stored profile is moved by pass_gate alone. Side effects:
    one Profile row (its goals rendered), one audit entry.
    """
    if profile is None:
        if body is None or body.kind not in PROFILE_KINDS:
            raise ValidationError({"body": _("A portfolio holds product and project communities and programmes.")})
        profile = Profile(body=body, stage=stage or Profile._meta.get_field("stage").default)
    elif stage is not None and stage != profile.stage:
        raise ValidationError({"stage": _("A community moves to its next stage by a board decision on its gate.")})
    check_revision(profile, revision)
    before = snapshot(profile)
    profile.goals, profile.licence = goals, licence.strip()
    profile.repositories = [address.strip() for address in (repositories or []) if address.strip()]
    markup.render_fields(profile)
    return _saved(profile, "portfolio.profile", actor=actor, before=before, summary=_("portfolio: %(name)s") % {"name": profile})


@transaction.atomic
def save_milestone(
    milestone: Milestone | None = None,
    *,
    profile: Profile,
    title: str,
    due: date,
    status: str = Milestone.Status.PLANNED,
    done_on: date | None = None,
    actor=None,
    revision=None,
) -> Milestone:
    """Plan a milestone on a community's roadmap, or change one. A milestone set to done without a
    day is done today; one reopened forgets its day.

    Side effects: one Milestone row, one audit entry.
    """
    milestone = milestone or Milestone(profile=profile)
    check_revision(milestone, revision)
    before = snapshot(milestone)
    milestone.title, milestone.due, milestone.status = title.strip(), due, status
    if status == Milestone.Status.DONE:
        milestone.done_on = done_on or milestone.done_on or timezone.localdate()
    else:
        milestone.done_on = None
    summary = _("milestone: %(name)s") % {"name": milestone}
    return _saved(milestone, "portfolio.milestone", actor=actor, before=before, summary=summary)


@transaction.atomic
def remove_milestone(milestone: Milestone, *, actor=None, revision=None) -> None:
    """Side effects: the Milestone row (and what reports said of it) deleted, one audit entry."""
    check_revision(milestone, revision)
    record(
        "portfolio.milestone-removed",
        summary=_("milestone: %(name)s") % {"name": milestone},
        actor=actor,
        obj=milestone,
        before=snapshot(milestone),
    )
    milestone.delete()


@transaction.atomic
def save_gate_template(
    template: GateTemplate | None = None, *, from_stage: str, items: list[str], actor=None, revision=None
) -> GateTemplate:
    """Keep the checklist for the step from `from_stage` to its next stage: its points, in order.

    Gates already opened keep the points they were opened with. Side
    effects: the GateTemplate row and its GateItem rows replaced, one audit entry.
    """
    if from_stage not in NEXT_STAGE:
        raise ValidationError({"from_stage": _("A retired community has no further stage.")})
    points = [text.strip() for text in items if text.strip()]
    if not points:
        raise ValidationError({"items": _("Give the checklist at least one point.")})
    template = template or GateTemplate.objects.filter(from_stage=from_stage).first() or GateTemplate()
    check_revision(template, revision)
    before = _with_items(template)
    template.from_stage, template.to_stage = from_stage, NEXT_STAGE[from_stage]
    full_clean(template)
    template.save()
    template.items.all().delete()
    GateItem.objects.bulk_create(
        [GateItem(template=template, position=number, text=text) for number, text in enumerate(points, start=1)]
    )
    record(
        "portfolio.gate-template",
        summary=_("gate template: %(name)s") % {"name": template},
        actor=actor,
        obj=template,
        before=before,
        after=_with_items(template),
    )
    return template


def _with_items(template):
    if template.pk is None:
        return None
    return {**snapshot(template), "items": list(template.items.order_by("position").values_list("text", flat=True))}


@transaction.atomic
def open_gate(profile: Profile, *, on: date | None = None, actor=None) -> Gate:
    """Open the gate from the community's stage to the next, with the points of its template unchecked.

    Side effects: one Gate row and a GateCheck row per point, one audit entry.
    """
    template = GateTemplate.objects.filter(from_stage=profile.stage).first()
    if profile.stage not in NEXT_STAGE:
        raise ValidationError({"stage": _("A retired community has no further stage.")})
    if template is None:
        raise ValidationError(
            {"stage": _("There is no checklist for the step from %(stage)s yet: the secretariat keeps them.")
             % {"stage": profile.get_stage_display()}}
        )
    if profile.gates.filter(from_stage=profile.stage, passed_on__isnull=True).exists():
        raise ValidationError({"stage": _("This community already has an open gate for this step.")})
    gate = Gate(profile=profile, from_stage=template.from_stage, to_stage=template.to_stage, opened=on or timezone.localdate())
    full_clean(gate)
    gate.save()
    GateCheck.objects.bulk_create(
        [GateCheck(gate=gate, position=item.position, text=item.text) for item in template.items.order_by("position")]
    )
    record("portfolio.gate", summary=_("stage gate: %(name)s") % {"name": gate}, actor=actor, obj=gate, after=_with_checks(gate))
    return gate


def _with_checks(gate):
    checks = gate.checks.order_by("position").values_list("position", "checked", "comment")
    return {**snapshot(gate), "checks": [list(row) for row in checks]}


@transaction.atomic
def check_gate(gate: Gate, *, checks: dict[int, tuple[bool, str]], actor=None, revision=None) -> Gate:
    """Record each point of an open gate as checked or not, with a comment: {position: (checked, comment)}.

    Side effects: the gate's GateCheck rows, one audit entry on the gate.
    """
    check_revision(gate, revision)
    if gate.passed_on is not None:
        raise ValidationError({"__all__": _("This gate was passed by a board decision; its checklist is closed.")})
    before = _with_checks(gate)
    stored = {check.position: check for check in gate.checks.all()}
    unknown = set(checks) - set(stored)
    if unknown:
        raise ValidationError({"__all__": _("The checklist has no point %(position)d.") % {"position": min(unknown)}})
    for position, (checked, comment) in checks.items():
        stored[position].checked, stored[position].comment = checked, comment.strip()
    GateCheck.objects.bulk_update(stored.values(), ["checked", "comment"])
    record(
        "portfolio.gate", summary=_("stage gate: %(name)s") % {"name": gate}, actor=actor, obj=gate,
        before=before, after=_with_checks(gate),
    )
    return gate


@transaction.atomic
def pass_gate(gate: Gate, *, decision: AgendaItem, actor=None, revision=None) -> Gate:
    """A board decision passes the gate: the community moves to the gate's next stage.

    The decision must be a decision of a board meeting. The gate points at
    it, and the decision's page names the gate (selectors.gates_decided_by).
    Side effects: the Gate row and the Profile's stage, one audit entry on the profile.
    """
    check_revision(gate, revision)
    if gate.passed_on is not None:
        raise ValidationError({"decision": _("This gate was passed already.")})
    if decision.outcome != AgendaItem.Outcome.DECISION or decision.meeting.body.kind != Body.Kind.BOARD:
        raise ValidationError({"decision": _("A community changes stage by a decision of the board.")})
    profile = gate.profile
    if profile.stage != gate.from_stage:
        raise ValidationError({"decision": _("The community is no longer in the stage this gate starts from.")})
    gate_before, before = snapshot(gate), snapshot(profile)
    gate.decision, gate.passed_on = decision, decision.meeting.day
    profile.stage = gate.to_stage
    full_clean(gate)
    full_clean(profile)
    gate.save()
    profile.save()
    # One change, one entry: the profile's stage, with the gate it passed beside it.
    record(
        "portfolio.stage",
        summary=_("stage: %(name)s is now %(stage)s") % {"name": profile, "stage": profile.get_stage_display()},
        actor=actor,
        obj=profile,
        before=before,
        after=snapshot(profile),
        data={"gate": {"before": gate_before, "after": snapshot(gate)}},
    )
    return gate


@transaction.atomic
def file_report(
    report: StatusReport | None = None,
    *,
    profile: Profile,
    period_starts: date,
    hours_used: Decimal,
    hours_bought: Decimal,
    summary: str = "",
    risks: str = "",
    progress: dict[int, tuple[str, str]] | None = None,
    author=None,
    actor=None,
    revision=None,
) -> StatusReport:
    """File a community's status for the period that begins on `period_starts`, or change a filed one.

    `progress` is {milestone id: (status, comment)} for the community's own
    milestones. The budget figures are read from the community's budget for
    the period's year, if it has one (budgets.selectors.follow_up). Side
    effects: one StatusReport row (its texts rendered), its MilestoneProgress
    rows replaced, one audit entry.
    """
    starts, ends = period_of(period_starts)
    if starts != period_starts:
        raise ValidationError({"period_starts": _("A period begins on %(day)s.") % {"day": starts.isoformat()}})
    report = report or StatusReport(profile=profile)
    check_revision(report, revision)
    before = _with_progress(report)
    if report.pk is None and StatusReport.objects.filter(profile=profile, period_starts=starts).exists():
        raise ValidationError({"period_starts": _("This community has already filed a report for this period.")})
    report.period_starts, report.period_ends = starts, ends
    report.hours_used, report.hours_bought = hours_used, hours_bought
    report.summary, report.risks = summary, risks
    if report.pk is None:
        report.author, report.filed = author, timezone.now()
    report.budget_year, report.budget_to_date, report.actual_to_date = _budget_figures(profile, starts.year)
    markup.render_fields(report)
    full_clean(report)
    report.save()
    _set_progress(report, progress or {})
    record(
        "portfolio.report",
        summary=_("status report: %(name)s") % {"name": report},
        actor=actor,
        obj=report,
        before=before,
        after=_with_progress(report),
    )
    return report


def _budget_figures(profile, year):
    budget = Budget.objects.filter(body=profile.body_id, year=year).first()
    if budget is None:
        return None, None, None
    total = follow_up(budget).total
    return total.budget, total.budget_to_date, total.to_date


def _set_progress(report, progress):
    milestones = set(report.profile.milestones.values_list("pk", flat=True))
    unknown = set(progress) - milestones
    if unknown:
        raise ValidationError({"progress": _("Report only on the community's own milestones.")})
    statuses = set(Milestone.Status.values)
    if any(status not in statuses for status, _comment in progress.values()):
        raise ValidationError({"progress": _("Choose one of the statuses for each milestone.")})
    report.progress.all().delete()
    MilestoneProgress.objects.bulk_create(
        [
            MilestoneProgress(report=report, milestone_id=milestone_id, status=status, comment=comment.strip())
            for milestone_id, (status, comment) in sorted(progress.items())
        ]
    )


def _with_progress(report):
    if report.pk is None:
        return None
    rows = report.progress.order_by("milestone_id").values_list("milestone_id", "status", "comment")
    return {**snapshot(report), "progress": [list(row) for row in rows]}


@transaction.atomic
def refresh_board_pack(*, on: date | None = None, actor=None) -> AgendaItem | None:
    """Give the board's next meeting (from `on`, today) its portfolio status with each community's
    latest report; None when the board has no meeting ahead. See refresh_portfolio_item."""
    meeting = next_board_meeting(on=on)
    if meeting is None:
        return None
    return refresh_portfolio_item(meeting, reports=latest_reports(viewer=None), actor=actor)


@transaction.atomic
def refresh_portfolio_item(meeting: Meeting, *, reports: list[StatusReport], actor=None) -> AgendaItem:
    """Give a meeting its "Portfolio status" agenda item that lists `reports`, or bring it up to date.

    Idempotent: run twice with the same reports, the second run changes
    nothing and writes no entry. The item is made and changed through
    governance's services (which write their own audit entries); this app
    remembers which item is its own (PortfolioItem).
    """
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Portfolio status")
        text = portfolio_text(reports)
    kept = PortfolioItem.objects.filter(meeting=meeting).select_related("item").first()
    if kept is None:
        item = add_agenda_item(meeting, title=title, description=text, actor=actor)
        PortfolioItem.objects.create(meeting=meeting, item=item)
        return item
    item = kept.item
    if (item.title, item.description) != (title, text):
        item = save_agenda_item(item, title=title, description=text, actor=actor)
    return item


def portfolio_text(reports: list[StatusReport]) -> str:
    """The agenda item's text: a line per community whose report it gathers (Markdown)."""
    if not reports:
        return _("No status reports have been filed.")
    lines = [_("The latest status report of each community:"), ""]
    for report in reports:
        lines.append(
            _("- %(community)s (%(stage)s), %(starts)s–%(ends)s: %(used)s of %(bought)s hours used")
            % {
                "community": markup_safe(str(report.profile)),
                "stage": report.profile.get_stage_display(),
                "starts": report.period_starts.isoformat(),
                "ends": report.period_ends.isoformat(),
                "used": format_hours(report.hours_used),
                "bought": format_hours(report.hours_bought),
            }
        )
    return "\n".join(lines)


def markup_safe(text: str) -> str:
    """A name as literal Markdown text: its marks escaped, so a name cannot become a link or a heading."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!<>|~" else c for c in text)
