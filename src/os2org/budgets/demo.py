"""The demo's budgets: a chart of accounts (src/os2org/demo/accounts.csv), this year's budgets for the
secretariat, a programme and a product community with the actuals of the first two quarters, and
next year's budget for the secretariat; each approved by the board's budget decision of the year
before it, where the demo's meetings have one. For `os2org demo --scale N`, a budget and actuals
for every programme and community of the units added. All through the loader and the services,
each with its audit entry."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from os2org.budgets.loading import load_accounts
from os2org.budgets.models import Account, Actual, Budget
from os2org.budgets.services import ActualRow, create_budget, import_actuals, save_approver, save_line
from os2org.governance.models import AgendaItem
from os2org.organisation.models import Body
from os2org.roles.models import RoleDescription

ACCOUNTS = Path(__file__).resolve().parent.parent / "demo" / "accounts.csv"
# Body → {account: (budget for the year, actual of the first quarter, of the second)}.
BUDGETS = {
    "Sekretariatet": {
        "1010": ("4150000", "2075000", "0"),
        "2010": ("3380000", "838500", "851250"),
        "2040": ("185000", "21400", "64800.50"),
        "2050": ("120000", "18900", "27350"),
    },
    "Borgerservice": {
        "2020": ("640000", "96000", "212500"),
        "2040": ("55000", "4100", "9800"),
    },
    "Fælleskode Booking": {
        "1020": ("880000", "440000", "0"),
        "2020": ("420000", "61250", "143900"),
        "2030": ("236000", "59000", "59000"),
    },
}
# A unit's programme or community: a smaller budget of the same shape.
UNIT_BUDGET = {"2020": ("300000", "52000", "81000"), "2030": ("96000", "24000", "24000")}
BUDGET_DECISION = "Budgetforslag for næste år"


@transaction.atomic
def build(today: date | None = None) -> bool:
    """The demo's chart of accounts, budgets, actuals and invoice approvers, once. Returns whether anything was added."""
    if Budget.objects.exists():
        return False
    year = (today or timezone.localdate()).year
    load_accounts(ACCOUNTS)
    bodies = {body.name: body for body in Body.objects.filter(name__in=BUDGETS)}
    _budgets({bodies[name]: lines for name, lines in BUDGETS.items()}, year, _budget_decision(year))
    _next_year(bodies["Sekretariatet"], year + 1)
    _approvers(bodies["Fælleskode Booking"], _budget_decision(year + 1) or _budget_decision(year))
    return True


def add_units(bodies, today: date | None = None) -> None:
    """A budget with two quarters' actuals for each of `bodies` (the programmes and communities of a larger demo)."""
    year = (today or timezone.localdate()).year
    _budgets(dict.fromkeys(bodies, UNIT_BUDGET), year, _budget_decision(year))


def _budget_decision(year):
    """The board's decision on the budgets of `year`: its newest budget decision of the year before; None without one."""
    decisions = AgendaItem.objects.decisions().filter(
        meeting__body__kind=Body.Kind.BOARD, meeting__starts__year=year - 1, title=BUDGET_DECISION
    )
    return decisions.order_by("-meeting__starts").first()


def _next_year(secretariat, year):
    """Next year's budget of the secretariat, a little above this year's; no actuals yet."""
    budget = create_budget(body=secretariat, year=year, decision=_budget_decision(year))
    accounts = {account.number: account for account in Account.objects.all()}
    for number, (amount, _first, _second) in BUDGETS["Sekretariatet"].items():
        # Three per cent more, in whole thousands.
        raised = (Decimal(amount) * Decimal("1.03") / 1000).quantize(Decimal(1)) * 1000
        save_line(budget=budget, account=accounts[number], amount=raised)


def _budgets(plans, year, decision):
    accounts = {account.number: account for account in Account.objects.all()}
    new = {1: [], 2: []}
    for body, lines in plans.items():
        budget = create_budget(body=body, year=year, decision=decision)
        for number, (amount, first, second) in lines.items():
            save_line(budget=budget, account=accounts[number], amount=Decimal(amount))
            new[1].append(ActualRow(body=body, account=accounts[number], amount=Decimal(first)))
            new[2].append(ActualRow(body=body, account=accounts[number], amount=Decimal(second)))
    for quarter, rows in new.items():
        # An import replaces its quarter: the quarter's stored actuals go in again with the new.
        stored = Actual.objects.filter(year=year, quarter=quarter).select_related("body", "account")
        kept = [ActualRow(body=actual.body, account=actual.account, amount=actual.amount) for actual in stored]
        import_actuals(kept + rows, year=year, quarter=quarter, source="demo")


def _approvers(community, decision):
    roles = {role.name: role for role in RoleDescription.objects.filter(name__in=("Produktkoordinator", "Sekretariatschef"))}
    hosting = Account.objects.get(number="2030")
    if decision is None or len(roles) < 2:
        return
    save_approver(body=community, account=None, role=roles["Produktkoordinator"], person=None, decision=decision)
    save_approver(body=None, account=hosting, role=roles["Sekretariatschef"], person=None, decision=decision)
