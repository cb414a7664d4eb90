"""The portfolio: where each product or project community stands in its life, and how it is doing.

A community's Profile holds its stage (idea, project, product, being
retired, retired), goals, licence and repositories; its suppliers are the
directory's own (organisation.Body.suppliers). A programme has a Profile too,
for its goals. The roadmap is its Milestones. A Gate is the checklist from
a GateTemplate that stands between two stages; the board decision that
passes it (a governance agenda item) moves the community on. A StatusReport
is what the coordinator files for one period.

The rule for a late milestone, stated once: a milestone is *late* on a day
when it is not done and its due date is before that day
(MilestoneQuerySet.late, Milestone.is_late).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date

PROFILE_KINDS = ("product_community", "project_community", "programme")
COMMUNITY_KINDS = ("product_community", "project_community")
# Hours and kroner in a report: up to a trillion less an øre, as budgets keep them.
MONEY = {"max_digits": 14, "decimal_places": 2}
HOURS = {"max_digits": 8, "decimal_places": 2}
MAX_REPOSITORIES = 20
# An SPDX licence expression of the kind products use: ids such as
# "MPL-2.0" or "EUPL-1.2", optionally "-or-later"/"+", joined by AND/OR/WITH.
SPDX_ID = r"[A-Za-z0-9][A-Za-z0-9.+-]*"
SPDX_EXPRESSION = re.compile(rf"^{SPDX_ID}( (AND|OR|WITH) {SPDX_ID})*$")
# The licences the association's products are known to use; another is
# accepted if it is written as an SPDX id, and the page says it is unusual.
KNOWN_LICENCES = (
    "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "CC-BY-4.0", "CC0-1.0",
    "EUPL-1.2", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-or-later",
    "LGPL-3.0-or-later", "MIT", "MPL-2.0",
)  # fmt: skip


class Stage(models.TextChoices):
    IDEA = "idea", _("idea")
    PROJECT = "project", _("project")
    PRODUCT = "product", _("product")
    RETIRING = "retiring", _("being retired")
    RETIRED = "retired", _("retired")


# The order of the life: each stage's next one (a gate stands between them).
NEXT_STAGE = {
    Stage.IDEA: Stage.PROJECT,
    Stage.PROJECT: Stage.PRODUCT,
    Stage.PRODUCT: Stage.RETIRING,
    Stage.RETIRING: Stage.RETIRED,
}
# The stages in which a community reports each period.
REPORTING_STAGES = (Stage.PROJECT, Stage.PRODUCT, Stage.RETIRING)


def validate_licence(value):
    if value and not SPDX_EXPRESSION.match(value):
        raise ValidationError(
            _("Write the licence as an SPDX identifier, such as MPL-2.0 or EUPL-1.2."), code="licence"
        )


def validate_repositories(value):
    """A list of web addresses (https or http), at most MAX_REPOSITORIES."""
    if not isinstance(value, list) or len(value) > MAX_REPOSITORIES:
        raise ValidationError(
            _("Give at most %(count)d repository addresses.") % {"count": MAX_REPOSITORIES}, code="repositories"
        )
    check = URLValidator(schemes=["https", "http"])
    for number, address in enumerate(value, start=1):
        try:
            check(address if isinstance(address, str) else "")
        except ValidationError:
            raise ValidationError(
                _("Line %(line)d is not a web address: %(address)s") % {"line": number, "address": str(address)[:200]},
                code="repositories",
            ) from None


class Profile(models.Model):
    """What the portfolio knows of one product or project community, or of a programme."""

    body = models.OneToOneField(
        "organisation.Body",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="portfolio",
        limit_choices_to={"kind__in": PROFILE_KINDS},
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    goals = models.TextField(_("goals"), blank=True)
    goals_html = models.TextField(_("goals as HTML"), blank=True, editable=False)
    licence = models.CharField(_("licence"), max_length=100, blank=True, validators=[validate_licence])
    repositories = models.JSONField(
        _("repositories"), default=list, blank=True, validators=[validate_repositories]
    )

    MARKDOWN = {"goals": "goals_html"}

    class Meta:
        ordering = ["body__name"]
        verbose_name = _("portfolio profile")
        verbose_name_plural = _("portfolio profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[stage.value for stage in Stage]),
                name="portfolio_profile_stage_known",
                violation_error_message=_("Choose one of the stages."),
            ),
        ]

    def __str__(self):
        return str(self.body)

    def get_absolute_url(self):
        return reverse("portfolio:community", args=[self.body.slug])

    @property
    def next_stage(self):
        return NEXT_STAGE.get(self.stage)

    @property
    def licence_is_known(self):
        return not self.licence or self.licence in KNOWN_LICENCES


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Milestone.Status.DONE)

    def late(self, on: date | None = None):
        """Not done, and due before the day (today by default): the one rule for "late"."""
        return self.open().filter(due__lt=on or timezone.localdate())

    def upcoming(self, on: date | None = None):
        """Not done, and due on the day or later."""
        return self.open().filter(due__gte=on or timezone.localdate())


class Milestone(models.Model):
    """A point on a community's roadmap."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    profile = models.ForeignKey(Profile, verbose_name=_("community"), on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    due = models.DateField(_("due"), validators=[validate_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[validate_date])

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""), name="portfolio_milestone_title_not_empty",
                violation_error_message=_("Give the milestone a title."),
            ),
            # Done has a day; not done has none, so a reopened milestone forgets it.
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | (~Q(status="done") & Q(done_on__isnull=True)),
                name="portfolio_milestone_done_on_a_day",
                violation_error_message=_("A milestone that is done needs the day it was done, and only then."),
            ),
        ]

    def __str__(self):
        return self.title

    def is_late(self, on: date | None = None) -> bool:
        """As MilestoneQuerySet.late, for one milestone."""
        return self.status != self.Status.DONE and self.due < (on or timezone.localdate())


class GateTemplate(models.Model):
    """The checklist the secretariat keeps for one step of the life, such as idea → project."""

    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices, unique=True)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("gate template")
        verbose_name_plural = _("gate templates")
        constraints = [
            # A gate leads to the next stage and nowhere else (NEXT_STAGE).
            models.CheckConstraint(
                condition=Q(from_stage="idea", to_stage="project")
                | Q(from_stage="project", to_stage="product")
                | Q(from_stage="product", to_stage="retiring")
                | Q(from_stage="retiring", to_stage="retired"),
                name="portfolio_gate_template_to_next_stage",
                violation_error_message=_("A gate leads to the stage after the one it starts from."),
            ),
        ]

    def __str__(self):
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class GateItem(models.Model):
    """One point of a gate template's checklist."""

    template = models.ForeignKey(GateTemplate, verbose_name=_("gate template"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    text = models.CharField(_("checklist point"), max_length=500)

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("checklist point")
        verbose_name_plural = _("checklist points")
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="portfolio_gate_item_position_unique"),
            models.CheckConstraint(
                condition=~Q(text=""), name="portfolio_gate_item_text_not_empty",
                violation_error_message=_("Write the checklist point."),
            ),
        ]

    def __str__(self):
        return self.text


class Gate(models.Model):
    """A community's passage from one stage to the next: its checklist and the board decision that passed it."""

    profile = models.ForeignKey(Profile, verbose_name=_("community"), on_delete=models.CASCADE, related_name="gates")
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    opened = models.DateField(_("opened"), validators=[validate_date])
    # Governance does not know the portfolio: the decision's page finds the gate
    # through portfolio.selectors.gates_decided_by (governance.meetings.links).
    decision = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("board decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portfolio_gates",
    )
    passed_on = models.DateField(_("passed on"), null=True, blank=True, validators=[validate_date])

    class Meta:
        ordering = ["profile", "opened", "id"]
        verbose_name = _("stage gate")
        verbose_name_plural = _("stage gates")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "from_stage"],
                condition=Q(passed_on__isnull=True),
                name="portfolio_gate_one_open_per_step",
                violation_error_message=_("This community already has an open gate for this step."),
            ),
            models.CheckConstraint(
                condition=Q(passed_on__isnull=True, decision__isnull=True)
                | Q(passed_on__isnull=False, decision__isnull=False),
                name="portfolio_gate_passed_by_a_decision",
                violation_error_message=_("A gate is passed by a board decision, and only then."),
            ),
        ]

    def __str__(self):
        return f"{self.profile}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"

    def get_absolute_url(self):
        return reverse("portfolio:gate", args=[self.pk])


class GateCheck(models.Model):
    """One point of a gate's checklist: checked or not, with a comment."""

    gate = models.ForeignKey(Gate, verbose_name=_("stage gate"), on_delete=models.CASCADE, related_name="checks")
    position = models.PositiveIntegerField(_("position"))
    # The point's text as it stood when the gate was opened: the template may change later.
    text = models.CharField(_("checklist point"), max_length=500)
    checked = models.BooleanField(_("checked"), default=False)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["gate", "position"]
        verbose_name = _("gate check")
        verbose_name_plural = _("gate checks")
        constraints = [
            models.UniqueConstraint(fields=["gate", "position"], name="portfolio_gate_check_position_unique"),
        ]

    def __str__(self):
        return self.text


class StatusReport(models.Model):
    """What a community's coordinator reports for one period: milestones, budget, risks and hours.

    The budget figures are those of the community's budget when the report
    was filed (budgets.selectors.follow_up), kept so the board reads what
    the coordinator saw; none when the community has no budget that year.
    """

    profile = models.ForeignKey(Profile, verbose_name=_("community"), on_delete=models.CASCADE, related_name="reports")
    period_starts = models.DateField(_("period from"), validators=[validate_date])
    period_ends = models.DateField(_("period until"), validators=[validate_date])
    author = models.ForeignKey(
        "organisation.Person", verbose_name=_("filed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="status_reports",
    )
    filed = models.DateTimeField(_("filed"), default=timezone.now)
    summary = models.TextField(_("progress"), blank=True)
    summary_html = models.TextField(_("progress as HTML"), blank=True, editable=False)
    risks = models.TextField(_("risks"), blank=True)
    risks_html = models.TextField(_("risks as HTML"), blank=True, editable=False)
    hours_used = models.DecimalField(_("hours used"), **HOURS)
    hours_bought = models.DecimalField(_("hours bought"), **HOURS)
    budget_year = models.DecimalField(_("budget for the year"), null=True, blank=True, **MONEY)
    budget_to_date = models.DecimalField(_("budget to date"), null=True, blank=True, **MONEY)
    actual_to_date = models.DecimalField(_("actual to date"), null=True, blank=True, **MONEY)

    MARKDOWN = {"summary": "summary_html", "risks": "risks_html"}

    class Meta:
        ordering = ["-period_starts", "profile__body__name", "id"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "period_starts"],
                name="portfolio_report_one_per_period",
                violation_error_message=_("This community has already filed a report for this period."),
            ),
            models.CheckConstraint(
                condition=Q(period_ends__gt=F("period_starts")),
                name="portfolio_report_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_used__gte=0, hours_bought__gte=0),
                name="portfolio_report_hours_not_negative",
                violation_error_message=_("Hours cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.profile} {self.period_starts:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("portfolio:report", args=[self.pk])

    @property
    def budget_variance(self):
        if self.actual_to_date is None or self.budget_to_date is None:
            return None
        return self.actual_to_date - self.budget_to_date


class MilestoneProgress(models.Model):
    """A report's word on one milestone: its status then, and a comment."""

    report = models.ForeignKey(StatusReport, verbose_name=_("status report"), on_delete=models.CASCADE, related_name="progress")
    milestone = models.ForeignKey(Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(_("status"), max_length=20, choices=Milestone.Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["milestone__due", "milestone_id"]
        verbose_name = _("progress on a milestone")
        verbose_name_plural = _("progress on milestones")
        constraints = [
            models.UniqueConstraint(fields=["report", "milestone"], name="portfolio_progress_once_per_milestone"),
        ]

    def __str__(self):
        return f"{self.milestone}: {self.get_status_display()}"


class PortfolioItem(models.Model):
    """The agenda item of a meeting that the portfolio generated ("Porteføljestatus"), so a refresh finds it."""

    meeting = models.OneToOneField(
        "governance.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="portfolio_item"
    )
    item = models.OneToOneField(
        "governance.AgendaItem", verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="portfolio_item"
    )

    class Meta:
        verbose_name = _("portfolio status item")
        verbose_name_plural = _("portfolio status items")

    def __str__(self):
        return str(self.item)
