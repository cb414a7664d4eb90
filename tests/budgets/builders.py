"""A small association with budgets, made through the services, for the budget tests.

    Foreningen
    ├── Bestyrelsen (board) — one meeting with a decision
    ├── Sekretariatet (secretariat)
    ├── Programmet for borgere (programme)
    ├── Fællesskab Nord (product community) — with a steering group
    └── Fællesskab Syd (product community)
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from os2org.budgets.models import Account, Budget, BudgetLine
from os2org.budgets.services import AccountRow, create_budget, save_accounts, save_approver, save_line
from os2org.common.visibility import Visibility
from os2org.governance.models import AgendaItem
from os2org.organisation.models import Body
from os2org.organisation.services import save_body
from tests.governance.builders import board, decision, meeting

ACCOUNTS = [
    AccountRow("1000", "Kontingenter", "income"),
    AccountRow("2100", "Løn til sekretariatet"),
    AccountRow("2200", "Hosting og drift"),
    AccountRow("2300", "Rejser og møder"),
]


@dataclass
class Association:
    board: Body
    secretariat: Body
    programme: Body
    north: Body
    north_steering: Body
    south: Body
    decision: AgendaItem
    # A decision of the north's steering group: not the board's.
    steering_decision: AgendaItem


def association():
    root = save_body(name="Foreningen", kind=Body.Kind.ASSOCIATION)
    bestyrelsen = board()
    north = save_body(name="Fællesskab Nord", kind=Body.Kind.PRODUCT_COMMUNITY, parent=root)
    steering = save_body(name="Styregruppen for Nord", kind=Body.Kind.STEERING_GROUP, parent=north)
    return Association(
        board=bestyrelsen,
        secretariat=save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT, parent=root),
        programme=save_body(name="Programmet for borgere", kind=Body.Kind.PROGRAMME, parent=root),
        north=north,
        north_steering=steering,
        south=save_body(name="Fællesskab Syd", kind=Body.Kind.PRODUCT_COMMUNITY, parent=root),
        decision=decision(meeting(bestyrelsen, "2025-12-10 16:00"), "Budget 2026", "Budgettet for 2026 godkendes."),
        steering_decision=decision(meeting(steering, "2025-11-20 10:00"), "Forslag til budget", "Indstilles."),
    )


def chart_of_accounts():
    save_accounts(ACCOUNTS)
    return {account.number: account for account in Account.objects.all()}


def budget(body, lines, *, year=2026, decision=None) -> Budget:
    """A budget with {account number: amount} lines."""
    made = create_budget(body=body, year=year, decision=decision)
    for number, amount in lines.items():
        save_line(budget=made, account=Account.objects.get(number=number), amount=Decimal(amount))
    return made


def line(budget, number) -> BudgetLine:
    return budget.lines.get(account__number=number)


def write_csv(folder: Path, text: str, name="fil.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(folder: Path, rows, name="fil.xlsx", title="Ark1") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    path = folder / name
    book.save(path)
    return path


@dataclass
class Money:
    """The budget pages' part of the access tests' world (tests/access/world.py)."""

    budget: Budget  # community A's, approved by the board
    line: BudgetLine  # a line of A's budget
    approver: object  # an invoice approver of A by role


def money_of(association, body_a, body_b, role):
    """A board with one internal decision, a chart of accounts, budgets for A and B, and A's invoice approver.

    The decision's words are not searched for by the access tests ("budget", "frist", …).
    """
    bestyrelsen = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD, parent=association)
    board_meeting = meeting(bestyrelsen, "2025-12-10 16:00", visibility=Visibility.INTERNAL)
    ramme = decision(board_meeting, "Årets ramme", "Rammen vedtages.")
    chart_of_accounts()
    made = budget(body_a, {"2100": "40000", "2200": "10000"}, decision=ramme)
    budget(body_b, {"2200": "800"})
    approver = save_approver(body=body_a, account=None, role=role, person=None, decision=ramme)
    return Money(budget=made, line=line(made, "2200"), approver=approver)
