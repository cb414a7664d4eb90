"""Who has joined what, on which terms, and what is due: agreements and contributions.

An agreement (tilslutningsaftale) joins an organisation to a product, a
project or a programme (a Body of one of those kinds). The member
authorities a community lists are those with an agreement in force on the
day (members.services keeps Body.member_authorities in step with them).
A contribution is one line of an invoice: what an agreement makes due for
a year, its joining fee or its annual fee, and how far it has got.
"""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date

# What an organisation can join.
JOINABLE_KINDS = ("product_community", "project_community", "programme")
# As budgets.models.amount_field, and what common.numbers.parse_kroner reads.
MONEY = {"max_digits": 14, "decimal_places": 2}


def of_readable_money(queryset, viewer, organisation):
    """`queryset` cut to the organisations whose money `viewer` reads (common.visibility.Viewer.money_filter)."""
    found = viewer.money_filter(organisation)
    return queryset.none() if found is None else queryset.filter(found)


class AgreementQuerySet(models.QuerySet):
    def in_force(self, on: date | None = None):
        """Agreements that bind on a day (today by default): signed, begun and not yet ended.

        An agreement under notice is in force until the day it ends.
        """
        day = on or timezone.localdate()
        return self.filter(
            Q(ends__isnull=True) | Q(ends__gt=day),
            status__in=[Agreement.Status.ACTIVE, Agreement.Status.UNDER_NOTICE],
            starts__lte=day,
        )

    def readable_by(self, viewer):
        """What a viewer may read: the board and the secretariat everything, a member contact their own
        organisation's, anyone else nothing (Viewer.reads_money_of)."""
        return of_readable_money(self, viewer, "organisation_id")


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACTIVE = "active", _("active")
        UNDER_NOTICE = "under_notice", _("under notice")
        ENDED = "ended", _("ended")

    organisation = models.ForeignKey(
        "organisation.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="agreements"
    )
    product = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("product or programme"),
        on_delete=models.PROTECT,
        related_name="agreements",
        limit_choices_to={"kind__in": JOINABLE_KINDS},
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    signed = models.DateField(_("signed"), null=True, blank=True, validators=[validate_date])
    starts = models.DateField(_("from"), validators=[validate_date])
    # The first day it no longer binds; set when notice is given or the period is fixed.
    ends = models.DateField(_("until"), null=True, blank=True, validators=[validate_date])
    notice_months = models.PositiveSmallIntegerField(_("notice in months"), default=6)
    joining_fee = models.DecimalField(_("joining fee"), default=0, **MONEY)
    annual_fee = models.DecimalField(_("annual fee"), default=0, **MONEY)
    # The income account its contributions are booked to, from the chart of accounts.
    account = models.ForeignKey(
        "budgets.Account",
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    notes = models.TextField(_("notes"), blank=True)
    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "product__name", "starts", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(joining_fee__gte=0, annual_fee__gte=0),
                name="agreement_fees_not_negative",
                violation_error_message=_("A fee cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(notice_months__lte=60),
                name="agreement_notice_at_most_five_years",
                violation_error_message=_("A notice of more than 60 months is surely a typing error."),
            ),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gt=F("starts")),
                name="agreement_ends_after_start",
                violation_error_message=_("An agreement must end after it begins."),
            ),
            # Only a draft may lack the day it was signed.
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed__isnull=False),
                name="agreement_signed_unless_draft",
                violation_error_message=_("Give the day it was signed: only a draft may be without one."),
            ),
            # Notice given, or ended: the day it ends is known.
            models.CheckConstraint(
                condition=~Q(status__in=["under_notice", "ended"]) | Q(ends__isnull=False),
                name="agreement_end_known_once_notice_is_given",
                violation_error_message=_("An agreement under notice or ended needs the day it ends."),
            ),
            # One binding agreement per organisation and product; a renewal
            # is a new agreement once the old one has ended.
            models.UniqueConstraint(
                fields=["organisation", "product"],
                condition=Q(status__in=["active", "under_notice"]),
                name="agreement_one_binding_per_product",
                violation_error_message=_(
                    "This organisation already has an agreement in force for this product: end that one first."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.product}"

    def get_absolute_url(self):
        return reverse("members:agreement", args=[self.pk])

    def readable_by(self, viewer):
        """See AgreementQuerySet.readable_by; os2org.common.visibility.readable asks this."""
        return viewer.reads_money_of(self.organisation_id)


class ContributionQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        return of_readable_money(self, viewer, "agreement__organisation_id")


class Contribution(models.Model):
    """What one agreement makes due for one year: a line of an invoice."""

    class Kind(models.TextChoices):
        JOINING = "joining", _("joining fee")
        ANNUAL = "annual", _("annual fee")

    class Status(models.TextChoices):
        TO_INVOICE = "to_invoice", _("to invoice")
        INVOICED = "invoiced", _("invoiced")
        PAID = "paid", _("paid")
        WRITTEN_OFF = "written_off", _("written off")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="contributions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The days it pays for: [starts, ends), within the year.
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"))
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TO_INVOICE)
    # As the accounting system writes it.
    invoice_number = models.CharField(_("invoice number"), max_length=200, blank=True)
    invoiced_on = models.DateField(_("invoiced on"), null=True, blank=True, validators=[validate_date])
    paid_on = models.DateField(_("paid on"), null=True, blank=True, validators=[validate_date])

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["year", "agreement__organisation__name", "agreement__product__name", "kind", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "kind"],
                name="contribution_once_a_year",
                violation_error_message=_("This agreement already has a contribution of this kind for this year."),
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="contribution_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")),
                name="contribution_ends_after_start",
                violation_error_message=_("A contribution must end after it begins."),
            ),
            models.CheckConstraint(condition=Q(year__gte=1900, year__lte=2999), name="contribution_year_in_range"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="contribution_paid_on_a_day",
                violation_error_message=_("Give the day it was paid."),
            ),
        ]

    def __str__(self):
        return f"{self.agreement} – {self.get_kind_display()} {self.year}"

    def readable_by(self, viewer):
        return self.agreement.readable_by(viewer)


class ContactRelation(models.Model):
    """A person at an organisation and how they relate to one product.

    The person is the directory's own record (organisation.Person, with its
    employer), so a contact who also holds a seat in the product's steering
    group is one person, not two.
    """

    class Kind(models.TextChoices):
        USER = "user", _("user")
        CONTACT = "contact", _("contact person")
        STEERING_GROUP = "steering_group", _("steering group")
        COORDINATION_GROUP = "coordination_group", _("coordination group")
        WORKING_GROUP = "working_group", _("working group")

    person = models.ForeignKey(
        "organisation.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="product_relations"
    )
    product = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("product or programme"),
        on_delete=models.CASCADE,
        related_name="contact_relations",
        limit_choices_to={"kind__in": JOINABLE_KINDS},
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["product__name", "kind", "person__name"]
        verbose_name = _("relation to a product")
        verbose_name_plural = _("relations to products")
        constraints = [
            models.UniqueConstraint(fields=["person", "product", "kind"], name="contact_relation_once"),
        ]

    def __str__(self):
        return f"{self.person} – {self.product} ({self.get_kind_display()})"
