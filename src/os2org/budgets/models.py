"""Budgets: the chart of accounts, a budget per body and year with a line per account,
the actuals of each quarter from the accounts, and who approves invoices under which mandate.

Amounts are Danish kroner with two decimals. A budget belongs to the
secretariat, a programme or a product community; its approval is a board
decision (a governance agenda item whose outcome is a decision).
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from os2org.organisation.models import Body

# The years a budget or an actual may be for: the supported range of dates (os2org.common.dates).
FIRST_YEAR, LAST_YEAR = 1900, 2999
# Up to a trillion kroner less an øre: more is a typing error.
AMOUNT_DIGITS, AMOUNT_PLACES = 14, 2
# Who has a budget of their own.
BUDGET_KINDS = (Body.Kind.SECRETARIAT, Body.Kind.PROGRAMME, Body.Kind.PRODUCT_COMMUNITY)
QUARTERS = (1, 2, 3, 4)
ACCOUNT_NUMBER = r"^[0-9][0-9.-]{0,19}$"


def year_field():
    return models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )


def amount_field(verbose_name):
    return models.DecimalField(verbose_name, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES)


def year_in_range(name):
    return models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name=name)


class Account(models.Model):
    """An account of the chart of accounts (kontoplan), known by its number."""

    class Kind(models.TextChoices):
        EXPENSE = "expense", _("expense")
        INCOME = "income", _("income")

    number = models.CharField(
        _("account number"),
        max_length=20,
        validators=[RegexValidator(ACCOUNT_NUMBER, _("An account number is digits, with dots or hyphens between."))],
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXPENSE)

    class Meta:
        ordering = ["number"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="budget_account_number_unique"),
            models.CheckConstraint(condition=Q(number__regex=ACCOUNT_NUMBER), name="budget_account_number_form"),
            models.CheckConstraint(condition=~Q(name=""), name="budget_account_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"


class Budget(models.Model):
    """One body's budget for one year; approved by the board decision it points to."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="budgets")
    year = year_field()
    # Governance does not know budgets: the decision's page finds them through this relation's name.
    decision = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("approved by decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_budgets",
    )

    class Meta:
        ordering = ["-year", "body__name"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="budget_one_per_body_and_year"),
            year_in_range("budget_year_in_range"),
        ]

    def __str__(self):
        return f"{self.body} {self.year}"

    def get_absolute_url(self):
        return reverse("budgets:budget", args=[self.pk])


class BudgetLine(models.Model):
    """What a budget sets aside on one account, and the comment on how the account is doing."""

    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="lines")
    amount = amount_field(_("amount in DKK"))
    comment = models.TextField(_("comment on the variance"), blank=True)

    class Meta:
        ordering = ["budget", "account__number"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [models.UniqueConstraint(fields=["budget", "account"], name="budget_line_one_per_account")]

    def __str__(self):
        return f"{self.budget}: {self.account}"

    def get_absolute_url(self):
        return f"{self.budget.get_absolute_url()}#line-{self.pk}"


class Actual(models.Model):
    """What the accounts booked on one account for one body in one quarter (summed from the export)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="actuals")
    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="actuals")
    year = year_field()
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(QUARTERS[0]), MaxValueValidator(QUARTERS[-1])]
    )
    amount = amount_field(_("amount in DKK"))

    class Meta:
        ordering = ["year", "quarter", "body__name", "account__number"]
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "account", "year", "quarter"], name="budget_actual_one_per_body_account_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="budget_actual_quarter_1_to_4"),
            year_in_range("budget_actual_year_in_range"),
        ]

    def __str__(self):
        return f"{self.body} {self.year} Q{self.quarter}: {self.account}"


class InvoiceApprover(models.Model):
    """Who approves the invoices of a product (a body) or of an account, and the decision giving the mandate.

    The approver is a role (whoever holds it) or a named person; exactly one
    of each pair is set, by database constraints.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("product"), null=True, blank=True, on_delete=models.CASCADE, related_name="invoice_approvers"
    )
    account = models.ForeignKey(
        Account, verbose_name=_("account"), null=True, blank=True, on_delete=models.CASCADE, related_name="invoice_approvers"
    )
    role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice_approvals",
    )
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice_approvals",
    )
    # Kept when the agenda item goes, so the list shows a mandate that lost its decision.
    decision = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("mandate by decision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="approver_mandates",
    )

    class Meta:
        ordering = ["body__name", "account__number", "id"]
        verbose_name = _("invoice approver")
        verbose_name_plural = _("invoice approvers")
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=False, account__isnull=True) | Q(body__isnull=True, account__isnull=False),
                name="budget_approver_body_or_account",
            ),
            models.CheckConstraint(
                condition=Q(role__isnull=False, person__isnull=True) | Q(role__isnull=True, person__isnull=False),
                name="budget_approver_role_or_person",
            ),
        ]

    def __str__(self):
        return f"{self.body or self.account}: {self.role or self.person}"
