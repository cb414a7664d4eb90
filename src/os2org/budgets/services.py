"""Changing budgets, their lines, the chart of accounts, the actuals and the invoice approvers.

Every function writes its audit entry in the same transaction. A function
that changes a stored object takes the `revision` its edit form was opened
at and refuses the save if someone saved the object since (see
audit.services.check_revision); None, as commands pass, skips the check.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, record_each, snapshot
from os2org.budgets.models import BUDGET_KINDS, QUARTERS, Account, Actual, Budget, BudgetLine, InvoiceApprover
from os2org.common.validation import full_clean
from os2org.governance.models import AgendaItem
from os2org.organisation.models import Body


@dataclass(frozen=True)
class AccountRow:
    number: str
    name: str
    kind: str = Account.Kind.EXPENSE


@dataclass(frozen=True)
class ActualRow:
    body: Body
    account: Account
    amount: Decimal


def _saved(obj, action, *, actor, before):
    full_clean(obj)
    obj.save()
    record(action, summary=str(obj), actor=actor, obj=obj, before=before, after=snapshot(obj))
    return obj


def check_budget_body(body: Body) -> None:
    """Only the secretariat, a programme and a product community have budgets of their own."""
    if body.kind not in BUDGET_KINDS:
        raise ValidationError({"body": _("Only the secretariat, a programme or a product community has a budget.")})


def check_board_decision(item: AgendaItem | None) -> None:
    """A budget or a mandate is given by a decision of the board: an agenda item of a board meeting decided on."""
    if item is None:
        return
    if item.outcome != AgendaItem.Outcome.DECISION or item.meeting.body.kind != Body.Kind.BOARD:
        raise ValidationError({"decision": _("Choose a decision the board has made.")})


@transaction.atomic
def create_budget(*, body: Body, year: int, decision: AgendaItem | None = None, actor=None) -> Budget:
    """A new budget for `body` and `year`, without lines. Side effects: one Budget row, one audit entry.

    Raises ValidationError for a body that has no budgets, a year outside
    1900–2999, a budget the body has for that year already, or a decision
    that is not the board's.
    """
    check_budget_body(body)
    check_board_decision(decision)
    return _saved(Budget(body=body, year=year, decision=decision), "budgets.budget", actor=actor, before=None)


@transaction.atomic
def approve_budget(budget: Budget, *, decision: AgendaItem | None, actor=None, revision=None) -> Budget:
    """Record the board decision that approved `budget` (None: not approved yet).

    Side effects: the budget's decision, one audit entry. Raises ValidationError
    for a decision that is not the board's, or a stale revision.
    """
    check_revision(budget, revision)
    check_board_decision(decision)
    before = snapshot(budget)
    budget.decision = decision
    return _saved(budget, "budgets.budget", actor=actor, before=before)


@transaction.atomic
def save_line(
    line: BudgetLine | None = None, *, budget: Budget, account: Account, amount: Decimal, actor=None, revision=None
) -> BudgetLine:
    """Set what `budget` sets aside on `account` (a new line, or a line's new account and amount).

    Side effects: one BudgetLine row, one audit entry. Raises ValidationError
    for an account the budget has a line for already, or a stale revision.
    """
    line = line or BudgetLine(budget=budget)
    check_revision(line, revision)
    before = snapshot(line)
    line.account, line.amount = account, amount
    return _saved(line, "budgets.line", actor=actor, before=before)


@transaction.atomic
def comment_line(line: BudgetLine, *, comment: str, actor=None, revision=None) -> BudgetLine:
    """Explain a line's variance (empty: no comment). Side effects: the line's comment, one audit entry."""
    check_revision(line, revision)
    before = snapshot(line)
    line.comment = comment.strip()
    return _saved(line, "budgets.line.comment", actor=actor, before=before)


@transaction.atomic
def save_accounts(rows: Iterable[AccountRow], *, actor=None) -> tuple[int, int]:
    """Store the chart of accounts: add the accounts new to it and rename or re-kind those that changed.

    Accounts missing from `rows` are kept: budget lines and actuals point
    to them. Side effects: Account rows, an audit entry per account added or
    changed. Returns (added, changed).
    """
    stored = {account.number: account for account in Account.objects.all()}
    added, changed = [], []
    for row in rows:
        account = stored.get(row.number)
        if account is None:
            account = stored[row.number] = Account(number=row.number)
            added.append((account, None))
        elif (account.name, account.kind) == (row.name, row.kind):
            continue
        else:
            changed.append((account, snapshot(account)))
        account.name, account.kind = row.name, row.kind
        full_clean(account, validate_unique=False)
    Account.objects.bulk_create([account for account, _before in added])
    Account.objects.bulk_update([account for account, _before in changed], ["name", "kind"])
    record_each("budgets.account", added + changed, summary=str, actor=actor)
    return len(added), len(changed)


@transaction.atomic
def import_actuals(rows: Iterable[ActualRow], *, year: int, quarter: int, actor=None, source: str = "") -> int:
    """Store a quarter's actuals from the accounts, replacing whatever that quarter held before.

    Rows for the same body and account are added up. Side effects: deletes
    the quarter's Actual rows and writes the new ones; one audit entry for
    the import (its year, quarter, rows, total and `source`, the file's
    name). Returns how many actuals are stored.
    """
    if quarter not in QUARTERS:
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    totals = {}
    for row in rows:
        key = (row.body, row.account)
        totals[key] = totals.get(key, Decimal(0)) + row.amount
    actuals = [
        Actual(body=body, account=account, year=year, quarter=quarter, amount=amount)
        for (body, account), amount in totals.items()
    ]
    for actual in actuals:
        # One row per body and account already, and the quarter is emptied below: no query per row
        # for the uniqueness of (body, account, year, quarter), which the database holds anyway.
        full_clean(actual, exclude={"body", "account"}, validate_unique=False)
    replaced, _counts = Actual.objects.filter(year=year, quarter=quarter).delete()
    Actual.objects.bulk_create(actuals)
    total = sum((actual.amount for actual in actuals), Decimal(0))
    data = {"year": year, "quarter": quarter, "rows": len(actuals), "replaced": replaced, "total": str(total), "source": source}
    record("budgets.actuals", summary=f"{year} Q{quarter}: {len(actuals)}", actor=actor, data=data)
    return len(actuals)


@transaction.atomic
def save_approver(
    approver: InvoiceApprover | None = None,
    *,
    body: Body | None = None,
    account: Account | None = None,
    role=None,
    person=None,
    decision: AgendaItem | None,
    actor=None,
    revision=None,
) -> InvoiceApprover:
    """Create or change who approves the invoices of a product (`body`) or an `account`: a `role`'s
    holder or a `person`, under the board's `decision`.

    Side effects: one InvoiceApprover row, one audit entry. Raises
    ValidationError for a decision that is not the board's, a body that has no
    budget, a missing or doubled choice, or a stale revision.
    """
    approver = approver or InvoiceApprover()
    check_revision(approver, revision)
    check_board_decision(decision)
    if (body is None) == (account is None):
        raise ValidationError({"body": _("Choose a product or an account: one of them.")})
    if body is not None:
        check_budget_body(body)
    if (role is None) == (person is None):
        raise ValidationError({"role": _("Choose a role or a person: one of them.")})
    before = snapshot(approver)
    approver.body, approver.account, approver.role, approver.person = body, account, role, person
    approver.decision = decision
    return _saved(approver, "budgets.approver", actor=actor, before=before)
