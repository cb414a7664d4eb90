"""Reading budgets: who reads which, the overview's rows, and the follow-up of one budget.

The follow-up's rule, stated once (and shown on the budget's page):

- the quarters elapsed are those up to the last quarter of the budget's
  year whose actuals have been imported (for any body);
- the budget to date is the year's budget × quarters elapsed ÷ 4;
- the variance is actual to date − budget to date, and in per cent of the
  budget to date (none when that is 0);
- the forecast for the year is actual to date ÷ quarters elapsed × 4; with
  no quarter imported yet there is no forecast.

Amounts are rounded to the øre, percentages to one decimal, half up.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from os2org.budgets.models import QUARTERS, Account, Actual, Budget, BudgetLine, InvoiceApprover
from os2org.common.numbers import ØRE
from os2org.common.visibility import Viewer

TENTH = Decimal("0.1")
ZERO = Decimal("0.00")


def reads_budgets(viewer: Viewer) -> bool:
    """The board and the secretariat read every budget; a coordinator their own community's."""
    return viewer.reads_everything or bool(viewer.edits_bodies)


def readable_budgets(viewer: Viewer) -> QuerySet[Budget]:
    """The budgets `viewer` may read: all for the board and the secretariat, a coordinator's community's, else none."""
    if viewer.reads_everything:
        return Budget.objects.all()
    return Budget.objects.filter(body__in=viewer.edits_bodies)


def readable_actuals(viewer: Viewer) -> QuerySet[Actual]:
    """The actuals `viewer` may read: as the budgets they are compared with (readable_budgets)."""
    if viewer.reads_everything:
        return Actual.objects.all()
    return Actual.objects.filter(body__in=viewer.edits_bodies)


def budget_rows(viewer: Viewer, *, year: int | None = None, body=None) -> QuerySet[Budget]:
    """The overview: readable budgets, newest year first, each with its total and its actual to date, in one query."""
    budgets = readable_budgets(viewer).select_related("body", "decision__meeting")
    if year is not None:
        budgets = budgets.filter(year=year)
    if body is not None:
        budgets = budgets.filter(body=body)
    lines = BudgetLine.objects.filter(budget=OuterRef("pk")).order_by().values("budget")
    actuals = Actual.objects.filter(body=OuterRef("body"), year=OuterRef("year")).order_by().values("body")
    return budgets.annotate(
        total=Coalesce(Subquery(lines.annotate(total=Sum("amount")).values("total")[:1]), Value(ZERO)),
        actual=Coalesce(Subquery(actuals.annotate(total=Sum("amount")).values("total")[:1]), Value(ZERO)),
    ).order_by("-year", "body__name", "pk")


def quarters_elapsed(year: int) -> int:
    """The last quarter of `year` whose actuals have been imported; 0 if none has."""
    return Actual.objects.filter(year=year).aggregate(last=Max("quarter"))["last"] or 0


@dataclass
class Line:
    account: Account
    budget: Decimal
    quarters: list  # the actual of each quarter, None for one not imported yet
    to_date: Decimal
    budget_to_date: Decimal
    variance: Decimal
    percent: Decimal | None
    forecast: Decimal | None
    line: BudgetLine | None = None  # None: an account with actuals the budget has no line for


@dataclass
class FollowUp:
    budget: Budget
    elapsed: int
    lines: list = field(default_factory=list)
    total: Line | None = None


def follow_up(budget: Budget) -> FollowUp:
    """Budget against actual for each line of `budget`, per quarter and to date, by the rule above.

    Accounts that the body's actuals use and the budget has no line for come
    last, with a budget of 0. Four queries, however many lines.
    """
    elapsed = quarters_elapsed(budget.year)
    lines = list(budget.lines.select_related("account").order_by("account__number"))
    booked = {}
    for account_id, quarter, amount in Actual.objects.filter(body=budget.body_id, year=budget.year).values_list(
        "account_id", "quarter", "amount"
    ):
        booked.setdefault(account_id, {})[quarter] = amount
    budgeted = {line.account_id for line in lines}
    extra = Account.objects.filter(pk__in=set(booked) - budgeted).order_by("number")
    result = FollowUp(budget=budget, elapsed=elapsed)
    for line in lines:
        result.lines.append(_line(line.account, line.amount, booked.get(line.account_id, {}), elapsed, line))
    for account in extra:
        result.lines.append(_line(account, ZERO, booked[account.pk], elapsed, None))
    result.total = _total(result.lines, elapsed)
    return result


def _line(account, amount, booked, elapsed, line):
    quarters = [booked.get(quarter, ZERO) if quarter <= elapsed else None for quarter in QUARTERS]
    to_date = sum((value for value in quarters if value is not None), ZERO)
    return _figures(account, amount, quarters, to_date, elapsed, line)


def _figures(account, amount, quarters, to_date, elapsed, line):
    budget_to_date = (amount * elapsed / 4).quantize(ØRE, ROUND_HALF_UP)
    variance = to_date - budget_to_date
    percent = (variance * 100 / budget_to_date).quantize(TENTH, ROUND_HALF_UP) if budget_to_date else None
    forecast = (to_date * 4 / elapsed).quantize(ØRE, ROUND_HALF_UP) if elapsed else None
    return Line(account, amount, quarters, to_date, budget_to_date, variance, percent, forecast, line)


def _total(lines, elapsed):
    quarters = [
        sum((line.quarters[index] for line in lines), ZERO) if quarter <= elapsed else None
        for index, quarter in enumerate(QUARTERS)
    ]
    amount = sum((line.budget for line in lines), ZERO)
    to_date = sum((line.to_date for line in lines), ZERO)
    return _figures(None, amount, quarters, to_date, elapsed, None)


def imported_quarters() -> QuerySet:
    """Each imported year and quarter with its number of actuals and their total, newest first."""
    return (
        Actual.objects.order_by()
        .values("year", "quarter")
        .annotate(rows=Count("pk"), total=Sum("amount"))
        .order_by("-year", "-quarter")
    )


def accounts(words: str = "") -> QuerySet[Account]:
    """The chart of accounts in number order, those whose number starts with or name holds `words`."""
    found = Account.objects.order_by("number")
    if words:
        found = found.filter(number__startswith=words) | found.filter(name__icontains=words)
    return found


def approvers() -> QuerySet[InvoiceApprover]:
    """Every invoice approver with what it approves, who, and the mandate, in one query."""
    return InvoiceApprover.objects.select_related("body", "account", "role", "person", "decision__meeting")


def approved_by(viewer: Viewer, item_ids) -> dict:
    """{decision id: [(label, address)]}: the budgets each decision approved that `viewer` may read.

    For the decision's page in governance, which may not import this app
    (governance.meetings.links); one query.
    """
    if not reads_budgets(viewer) or not item_ids:
        return {}
    found = {}
    for budget in readable_budgets(viewer).filter(decision__in=item_ids).select_related("body").order_by("year", "pk"):
        label = _("Approves the budget of %(body)s for %(year)d") % {"body": budget.body.name, "year": budget.year}
        found.setdefault(budget.decision_id, []).append((label, budget.get_absolute_url()))
    return found
