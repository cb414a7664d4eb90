"""Reads of the portfolio that need care: each only what the viewer may read, in a fixed number of queries.

Who reads what:
- a community's profile and roadmap are as visible as the community
  (its body's visibility; Viewer.visible);
- its gates and status reports hold hours and money: the board and the
  secretariat read all, a coordinator their own community's (as budgets
  are read: budgets.selectors.reads_budgets), nobody else.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.common.visibility import Viewer
from os2org.governance.models import AgendaItem, Meeting
from os2org.organisation.models import Body
from os2org.portfolio.models import (
    COMMUNITY_KINDS,
    REPORTING_STAGES,
    Gate,
    Milestone,
    MilestoneProgress,
    Profile,
    StatusReport,
)
from os2org.portfolio.periods import last_ended


def reads_reports(viewer: Viewer) -> bool:
    return viewer.reads_everything or bool(viewer.edits_bodies)


def reads_reports_of(viewer: Viewer, body_id: int) -> bool:
    return viewer.reads_everything or body_id in viewer.edits_bodies


def profiles(*, viewer: Viewer, stage: str | None = None, programme: Body | None = None) -> QuerySet[Profile]:
    """The community profiles the viewer may read, by name, each with its count of late and open milestones."""
    today = timezone.localdate()
    found = (
        Profile.objects.filter(body__kind__in=COMMUNITY_KINDS)
        .filter(viewer.visible(prefix="body__", body="body"))
        .select_related("body", "body__programme")
        .annotate(
            late=Count("milestones", filter=Q(milestones__due__lt=today) & ~Q(milestones__status=Milestone.Status.DONE)),
            next_due=Min("milestones__due", filter=Q(milestones__due__gte=today) & ~Q(milestones__status="done")),
        )
    )
    if stage:
        found = found.filter(stage=stage)
    if programme is not None:
        found = found.filter(body__programme=programme)
    return found.order_by("body__name", "pk")


def stage_counts(*, viewer: Viewer) -> dict[str, int]:
    """{stage: how many readable communities stand in it}; one query."""
    rows = profiles(viewer=viewer).order_by().values("stage").annotate(count=Count("pk", distinct=True))
    return {row["stage"]: row["count"] for row in rows}


def profile_for(viewer: Viewer, slug: str) -> Profile | None:
    """The profile of the body with `slug`, if the viewer may read the body."""
    found = Profile.objects.filter(body__slug=slug).filter(viewer.visible(prefix="body__", body="body"))
    return found.select_related("body", "body__programme").first()


def roadmap(profile: Profile) -> QuerySet[Milestone]:
    return profile.milestones.order_by("due", "pk")


def gates_of(profile: Profile) -> QuerySet[Gate]:
    return profile.gates.select_related("decision__meeting").prefetch_related("checks").order_by("-opened", "-pk")


def reports(*, viewer: Viewer | None, profile: Profile | None = None) -> QuerySet[StatusReport]:
    """The status reports the viewer may read (all, for None: a command or the board pack's service),
    newest period first."""
    found = StatusReport.objects.select_related("profile__body", "author")
    if viewer is not None and not viewer.reads_everything:
        found = found.filter(profile__body__in=viewer.edits_bodies)
    if profile is not None:
        found = found.filter(profile=profile)
    return found.order_by("-period_starts", "profile__body__name", "pk")


def report_detail(report_id: int) -> StatusReport | None:
    progress = MilestoneProgress.objects.select_related("milestone")
    return (
        StatusReport.objects.select_related("profile__body", "author")
        .prefetch_related(Prefetch("progress", queryset=progress))
        .filter(pk=report_id)
        .first()
    )


def latest_reports(*, viewer: Viewer | None) -> list[StatusReport]:
    """Each readable community's newest report, by community name, with its milestone progress; three queries."""
    newest = StatusReport.objects.filter(profile=OuterRef("profile")).order_by("-period_starts", "-pk").values("pk")[:1]
    found = reports(viewer=viewer).filter(pk=Subquery(newest))
    progress = MilestoneProgress.objects.select_related("milestone")
    return list(found.prefetch_related(Prefetch("progress", queryset=progress)).order_by("profile__body__name", "pk"))


@dataclass(frozen=True)
class ProgrammeRow:
    profile: Profile
    next_milestones: list
    late_milestones: list


def programme_rows(*, viewer: Viewer, programme: Body, on: date | None = None) -> list[ProgrammeRow]:
    """The programme's readable communities with their next (up to three) and late milestones; two queries."""
    day = on or timezone.localdate()
    communities = list(profiles(viewer=viewer, programme=programme).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.open().order_by("due", "pk"), to_attr="open_milestones")
    ))
    return [
        ProgrammeRow(
            profile,
            [m for m in profile.open_milestones if m.due >= day][:3],
            [m for m in profile.open_milestones if m.due < day],
        )
        for profile in communities
    ]


def programmes(*, viewer: Viewer) -> QuerySet[Body]:
    return Body.objects.filter(kind=Body.Kind.PROGRAMME).filter(viewer.visible(body="pk")).order_by("name", "pk")


def missing_reports(*, on: date | None = None) -> list[Profile]:
    """The communities whose report for the last ended period is missing (periods), by name; one query.

    Only communities in a stage that reports (project, product, being
    retired) are asked for one.
    """
    day = on or timezone.localdate()
    starts, ends = last_ended(day)
    filed = StatusReport.objects.filter(profile=OuterRef("pk"), period_starts=starts)
    found = (
        Profile.objects.filter(body__kind__in=COMMUNITY_KINDS, stage__in=REPORTING_STAGES)
        .annotate(filed=Exists(filed))
        .filter(filed=False)
        .select_related("body")
        .order_by("body__name", "pk")
    )
    for profile in found:
        profile.period = (starts, ends)
    return list(found)


@dataclass(frozen=True)
class MissingReport:
    """A status report a coordinator has not filed: for the reminders, which name it like a follow-up."""

    profile: Profile
    starts: date
    due: date  # the period's last day

    @property
    def title(self):
        return _("Status report for %(community)s, %(starts)s–%(ends)s") % {
            "community": self.profile.body.name,
            "starts": self.starts.isoformat(),
            "ends": self.due.isoformat(),
        }

    def get_absolute_url(self):
        return reverse("portfolio:report-create", args=[self.profile.body.slug])


def missing_reports_of(viewer: Viewer, *, on: date) -> list[MissingReport]:
    """The missing reports of the communities `viewer` coordinates (edits_bodies); one query, none for others."""
    if not viewer.edits_bodies:
        return []
    return [
        MissingReport(profile, *profile.period)
        for profile in missing_reports(on=on)
        if profile.body_id in viewer.edits_bodies
    ]


def coverage_finding(day: date) -> dict:
    """The missing reports as a section of the coverage report (organisation.coverage.add_finding)."""
    return {
        "id": "missing_status_reports",
        "title": _("Missing status reports"),
        "explain": _("Communities in a project, product or retirement stage with no status report for the last period."),
        "columns": [_("Community"), _("Period")],
        "rows": [
            [profile.body.name, f"{profile.period[0].isoformat()} – {profile.period[1].isoformat()}"]
            for profile in missing_reports(on=day)
        ],
    }


def next_board_meeting(*, on: date | None = None) -> Meeting | None:
    """The board's next meeting from `on` (today), not cancelled."""
    day = on or timezone.localdate()
    return (
        Meeting.objects.filter(body__kind=Body.Kind.BOARD, cancelled=False, starts__date__gte=day)
        .select_related("body")
        .order_by("starts", "pk")
        .first()
    )


def gates_decided_by(viewer: Viewer, item_ids) -> dict:
    """{decision id: [(label, address)]}: the stage gates each decision passed, for the decision's page.

    Governance may not import the portfolio (governance.meetings.links); one query.
    """
    found = {}
    gates = Gate.objects.filter(decision__in=item_ids).select_related("profile__body").order_by("pk")
    for gate in gates:
        if not reads_reports_of(viewer, gate.profile.body_id):
            continue
        label = _("Stage gate: %(gate)s") % {"gate": gate}
        found.setdefault(gate.decision_id, []).append((label, gate.get_absolute_url()))
    return found


def board_decisions() -> QuerySet[AgendaItem]:
    """The board's decisions, newest first: what may pass a gate."""
    return (
        AgendaItem.objects.decisions()
        .filter(meeting__body__kind=Body.Kind.BOARD)
        .select_related("meeting")
        .order_by("-meeting__starts", "position")
    )
