from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date
from os2org.common.visibility import Visibility


class Priority(models.IntegerChoices):
    MUST = 1, "MUST"
    SHOULD = 2, "SHOULD"
    COULD = 3, "COULD"


class RoleDescriptionQuerySet(models.QuerySet):
    def in_handbook(self):
        """Roles whose page is stored: a detached role (see RoleDescription) is in no list of the handbook."""
        return self.filter(page__isnull=False)

    def with_page(self):
        """With the page's address and visibility, not its content: a role page links to its page but shows none of it."""
        return self.select_related("page").defer("page__source", "page__html", "page__text", "page__search_text")

    def readable_by(self, viewer):
        """Roles in the handbook whose page the viewer may read."""
        return self.in_handbook().filter(viewer.visible(prefix="page__"))

    def with_task_counts(self):
        return self.annotate(
            must_count=Count("tasks", filter=Q(tasks__priority=Priority.MUST)),
            should_count=Count("tasks", filter=Q(tasks__priority=Priority.SHOULD)),
            could_count=Count("tasks", filter=Q(tasks__priority=Priority.COULD)),
        )


class RoleDescription(models.Model):
    """A funktionsbeskrivelse, read from its handbook page on import.

    A role is known by its name. It is never deleted with its page: when
    the page is removed, or stops describing the role, the role is
    *detached* (`page` is None) and keeps its assignments, follow-ups and
    activities; a page that describes a role of the same name takes it
    back (roles.services.store_roles). A detached role is not in the
    handbook: no catalogue, search, page or API lists it.
    """

    page = models.OneToOneField(
        "handbook.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role",
    )
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("address"), max_length=300, unique=True, allow_unicode=True)
    purpose = models.TextField(_("purpose"), blank=True)
    responsibilities = models.JSONField(_("areas of responsibility"), default=list, blank=True)
    competencies = models.JSONField(_("professional competencies"), default=list, blank=True)
    qualities = models.JSONField(_("personal qualities"), default=list, blank=True)
    relationships = models.JSONField(_("working relationships"), default=list, blank=True)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    reports_to = models.CharField(_("reports to"), max_length=300, blank=True)
    hours_min = models.DecimalField(_("hours per week, at least"), max_digits=5, decimal_places=2, null=True, blank=True)
    hours_max = models.DecimalField(_("hours per week, at most"), max_digits=5, decimal_places=2, null=True, blank=True)
    hours_text = models.TextField(_("hours as written"), blank=True)
    staff_responsibility = models.BooleanField(_("staff responsibility"), null=True, blank=True)
    budget_responsibility = models.BooleanField(_("budget responsibility"), null=True, blank=True)
    review_rule = models.TextField(_("review rule"), blank=True)
    # From the page's front matter (`reviewed: 2026-03-01`); a yearly review
    # is due a year after it.
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True, validators=[validate_date])

    objects = RoleDescriptionQuerySet.as_manager()

    # Who reads it, as a query (common.visibility.readable_of): as visible as its page.
    READ_FILTER = {"prefix": "page__"}

    class Meta:
        ordering = ["name"]
        verbose_name = _("role description")
        verbose_name_plural = _("role descriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_min__isnull=True, hours_max__isnull=True)
                | Q(hours_min__gt=0, hours_max__gte=models.F("hours_min"), hours_max__lte=168),
                name="role_hours_range_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("roles:detail", args=[self.slug])

    @property
    def read_scope(self):
        """(visibility, body): a role is as visible as its page; a detached role only to those who read everything."""
        return (self.page.visibility if self.page_id else Visibility.INTERNAL), None

    def task_groups(self):
        """[(priority, [tasks])] for MUST, SHOULD and COULD, each in page order."""
        tasks = list(self.tasks.order_by("priority", "position"))
        return [(priority, [t for t in tasks if t.priority == priority]) for priority in Priority]

    @property
    def purpose_paragraphs(self):
        return [part for part in self.purpose.split("\n\n") if part]


class TaskQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        """Tasks of roles in the handbook whose page the viewer may read."""
        return self.filter(viewer.visible(prefix="role__page__"), role__page__isnull=False)


class Task(models.Model):
    role = models.ForeignKey(RoleDescription, verbose_name=_("role"), on_delete=models.CASCADE, related_name="tasks")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("task"))
    hours_per_week = models.DecimalField(
        _("estimated hours per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    search_text = models.TextField(_("search text"), blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        # role_id, not role: ordering by the relation would join the role table.
        ordering = ["role_id", "priority", "position"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(fields=["role", "priority", "position"], name="task_unique_position"),
            models.CheckConstraint(condition=~Q(text=""), name="task_text_not_empty"),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__gt=0), name="task_hours_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_priority_display()}: {self.text}"


class RoleSummary(models.Model):
    """A row of the roles table on the organisation page: a role, its main tasks, its description."""

    page = models.ForeignKey(
        "handbook.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="role_summaries"
    )
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=300)
    main_tasks = models.TextField(_("main tasks"), blank=True)
    role = models.ForeignKey(
        RoleDescription,
        verbose_name=_("role description"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summaries",
    )

    class Meta:
        ordering = ["page_id", "position"]
        verbose_name = _("role summary")
        verbose_name_plural = _("role summaries")
        constraints = [
            models.UniqueConstraint(fields=["page", "name"], name="role_summary_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="role_summary_name_not_empty"),
        ]

    def __str__(self):
        return self.name
