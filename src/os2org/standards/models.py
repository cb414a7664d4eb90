"""Reviews of products against the association's standards (not the yearly review of a role description).

A checklist is a template the secretariat keeps: ordered points, each a
standard with guidance on how to judge it (licence, code of conduct,
security…). A product review answers each point of one checklist for one
product community on a day: met, not met or not applicable, with a comment.
Completing the review makes every point not met a deviation: a follow-up
with an owner (a person or a role) and a due date, closed when it is put right.

A review and its deviations are as visible as the product they are about.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date
from os2org.common.owned import OwnedTask

# A review is of a product community (organisation.Body.Kind.PRODUCT_COMMUNITY).
PRODUCT_KIND = "product_community"
# The most points a checklist may hold: more is a list pasted by mistake.
MOST_POINTS = 100


class Checklist(models.Model):
    """A review template: the standards a product is reviewed against."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("review checklist")
        verbose_name_plural = _("review checklists")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="standards_checklist_name_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="standards_checklist_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("standards:checklist", args=[self.pk])


class ChecklistPoint(models.Model):
    """One standard of a checklist, in its place, and guidance (Markdown) on how to judge it."""

    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="points"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_html = models.TextField(_("guidance as HTML"), blank=True, editable=False)

    # Rendered once, when written (os2org.markup.render_fields); pages show the stored HTML.
    MARKDOWN = {"guidance": "guidance_html"}

    class Meta:
        ordering = ["checklist", "position"]
        verbose_name = _("checklist point")
        verbose_name_plural = _("checklist points")
        constraints = [
            models.UniqueConstraint(fields=["checklist", "position"], name="standards_point_one_per_position"),
            models.CheckConstraint(condition=~Q(title=""), name="standards_point_title_not_empty"),
        ]

    def __str__(self):
        return self.title


class ProductReview(models.Model):
    """A review of one product against one checklist, held on a day by a reviewer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being answered")
        COMPLETED = "completed", _("completed")

    product = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="standards_reviews",
        limit_choices_to={"kind": PRODUCT_KIND},
    )
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="reviews"
    )
    held_on = models.DateField(_("date of the review"), validators=[validate_date])
    reviewer = models.ForeignKey(
        "organisation.Person", verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="standards_reviews"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, validators=[validate_date])

    # As visible as its product (common.visibility.readable_of).
    READ_FILTER = {"prefix": "product__", "body": "product"}

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("product review")
        verbose_name_plural = _("product reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="completed", completed_on__isnull=False)
                | Q(status="draft", completed_on__isnull=True),
                name="standards_review_completed_on_when_completed",
            ),
        ]

    def __str__(self):
        return f"{self.product} {self.held_on.isoformat()}"

    def get_absolute_url(self):
        return reverse("standards:review", args=[self.pk])

    @property
    def read_scope(self):
        return self.product.read_scope

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED


class Answer(models.Model):
    """How a review judged one point. The point's title is copied, so a later edit of the checklist
    does not rewrite what was reviewed."""

    class Result(models.TextChoices):
        MET = "met", _("met")
        NOT_MET = "not_met", _("not met")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    review = models.ForeignKey(
        ProductReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="answers"
    )
    # Gone when its checklist loses the point; the answer keeps the title it was given.
    point = models.ForeignKey(
        ChecklistPoint,
        verbose_name=_("point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("point"), max_length=300)
    # Empty until answered; a review is completed only with every point answered.
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    comment_html = models.TextField(_("comment as HTML"), blank=True, editable=False)

    MARKDOWN = {"comment": "comment_html"}

    class Meta:
        ordering = ["review", "position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["review", "position"], name="standards_answer_one_per_position"),
            models.CheckConstraint(condition=~Q(title=""), name="standards_answer_title_not_empty"),
            models.CheckConstraint(
                condition=Q(result__in=["", "met", "not_met", "not_applicable"]), name="standards_answer_result_known"
            ),
        ]

    def __str__(self):
        return self.title


class DeviationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def overdue(self, on):
        return self.open().filter(due__lt=on)


class Deviation(OwnedTask, models.Model):
    """A point a review found not met: a follow-up with an owner (a person or a role) and a due date.

    The same shape as a decision's follow-up (governance.FollowUp), so the
    follow-up list, "Mit overblik" and the reminders show both alike.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    answer = models.OneToOneField(Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="deviation")
    # The review's product, kept here so the lists filter and check visibility without joining through the answer.
    product = models.ForeignKey(
        "organisation.Body", verbose_name=_("product"), on_delete=models.PROTECT, related_name="standards_deviations"
    )
    title = models.CharField(_("deviation"), max_length=300)
    owner_person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="standards_deviations",
    )
    # A role leaves with its handbook page; the deviation then has no owner until someone is named.
    owner_role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("owner (role)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standards_deviations",
    )
    due = models.DateField(_("due"), validators=[validate_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[validate_date])
    note = models.TextField(_("how it was put right"), blank=True)
    note_html = models.TextField(_("note as HTML"), blank=True, editable=False)

    MARKDOWN = {"note": "note_html"}
    READ_FILTER = {"prefix": "product__", "body": "product"}

    objects = DeviationQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="standards_deviation_title_not_empty"),
            models.CheckConstraint(
                condition=Q(owner_person__isnull=True) | Q(owner_role__isnull=True),
                name="standards_deviation_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(status="done", closed_on__isnull=False) | Q(status="open", closed_on__isnull=True),
                name="standards_deviation_closed_when_done",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("standards:deviation", args=[self.pk])

    @property
    def read_scope(self):
        return self.product.read_scope

    @property
    def origin(self):
        """Where it comes from, in words: the follow-up list and "Mit overblik" say it beside the title."""
        review = self.answer.review
        return gettext("Review of %(product)s, %(day)s") % {
            "product": self.product.name,
            "day": date_format(review.held_on, "DATE_FORMAT"),
        }
