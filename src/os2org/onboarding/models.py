"""Onboarding checklists: templates the secretariat keeps, and the checklists started from them.

A template lists the steps of taking in someone or something new (an
employee, a member organisation, a product, a coordinator); each step is
owned by a role and falls due some days from the start. Starting a
checklist copies the steps into tasks with dates and the person who holds
the owning role that day, so a template changed later leaves the running
checklists as they were started.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date

# A step falls due at most this many days before or after the start.
MAX_OFFSET = 366


class Kind(models.TextChoices):
    EMPLOYEE = "employee", _("new employee")
    MEMBER = "member", _("new member organisation")
    PRODUCT = "product", _("new product")
    COORDINATOR = "coordinator", _("new coordinator")


class ChecklistTemplate(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="onboarding_template_name_not_empty"),
            models.UniqueConstraint(
                fields=["name"],
                name="onboarding_template_name_unique",
                violation_error_message=_("A checklist template of this name exists already."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("onboarding:template-edit", args=[self.pk])


class Step(models.Model):
    """One step of a template: what is to be done, by which role, how many days from the start."""

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    owner_role = models.ForeignKey(
        "roles.RoleDescription", verbose_name=_("owner role"), on_delete=models.PROTECT, related_name="onboarding_steps"
    )
    # Negative: before the start (an account made ready before the first day).
    offset_days = models.SmallIntegerField(_("days from the start"), default=0)
    page = models.ForeignKey(
        "handbook.Page",
        verbose_name=_("handbook page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_steps",
    )

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="onboarding_step_position_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="onboarding_step_title_not_empty"),
            models.CheckConstraint(
                condition=Q(offset_days__gte=-MAX_OFFSET, offset_days__lte=MAX_OFFSET),
                name="onboarding_step_offset_within_a_year",
                violation_error_message=_("A step falls due at most a year before or after the start."),
            ),
        ]

    def __str__(self):
        return self.title


class ChecklistQuerySet(models.QuerySet):
    def with_progress(self):
        """Each with `total` and `done`: how many tasks it has, and how many are ticked."""
        return self.annotate(
            total=Count("tasks", distinct=True),
            done=Count("tasks", filter=Q(tasks__done_on__isnull=False), distinct=True),
        )


class Checklist(models.Model):
    """A template started for one person, organisation or product on a day."""

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="checklists"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="onboarding_checklists",
    )
    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="onboarding_checklists",
    )
    product = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="onboarding_checklists",
    )
    starts = models.DateField(_("start"), validators=[validate_date])
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        ordering = ["-starts", "-id"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        constraints = [
            # A checklist is about exactly one person, organisation or product.
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organisation__isnull=True, product__isnull=True)
                    | Q(person__isnull=True, organisation__isnull=False, product__isnull=True)
                    | Q(person__isnull=True, organisation__isnull=True, product__isnull=False)
                ),
                name="onboarding_checklist_one_subject",
                violation_error_message=_("Choose exactly one: a person, an organisation or a product."),
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.subject}"

    @property
    def subject(self):
        return self.person or self.organisation or self.product

    def get_absolute_url(self):
        return reverse("onboarding:checklist", args=[self.pk])


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class Task(models.Model):
    """A step of a started checklist, with its date and the person who held the owning role at the start."""

    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    owner_role = models.ForeignKey(
        "roles.RoleDescription", verbose_name=_("owner role"), on_delete=models.PROTECT, related_name="onboarding_tasks"
    )
    # Who held the role on the start day; None when it was vacant (the role's holder then answers for it).
    assignee = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_tasks",
    )
    due = models.DateField(_("due"))
    page = models.ForeignKey(
        "handbook.Page",
        verbose_name=_("handbook page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["checklist", "position"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(fields=["checklist", "position"], name="onboarding_task_position_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # By the checklist's id, not the checklist: a list of tasks needs no query per task for it.
        return reverse("onboarding:checklist", args=[self.checklist_id]) + f"#task-{self.pk}"
