"""The chart of accounts and a quarter's actuals, read from a CSV or XLSX file.

Both are read by os2org.common.tables (bounded in size and rows; errors at
`file:line` or `file:Sheet!C4`), checked here row by row against the stored
accounts and bodies, and only then stored by the services, all or nothing:
a file with one bad row changes nothing.

Chart of accounts: columns `number;name[;kind]`, kind `expense` (udgift,
the default) or `income` (indtægt).

Actuals: columns `account;body;amount`, one posting a row: the account's
number, the body's address (its slug, as in /organisation/organer/<address>/)
and the amount in kroner as people and accounting systems write it
("12500,50", "12.500,50", "12500.50"), at most two decimals, negative for a
credit. Rows of one body and account are added
up. The year and quarter are given with the file, not in it; importing a
quarter again replaces all of that quarter's actuals.
"""

import re

from django.utils.translation import gettext as _

from os2org.budgets.models import ACCOUNT_NUMBER, BUDGET_KINDS, Account
from os2org.budgets.services import AccountRow, ActualRow, import_actuals, save_accounts
from os2org.common.numbers import parse_kroner
from os2org.common.tables import read_table
from os2org.organisation.models import Body

ACCOUNT_COLUMNS = ("number", "name", "kind")
ACTUAL_COLUMNS = ("account", "body", "amount")
KINDS = {
    "expense": Account.Kind.EXPENSE,
    "udgift": Account.Kind.EXPENSE,
    "income": Account.Kind.INCOME,
    "indtægt": Account.Kind.INCOME,
}
NAME_LENGTH = Account._meta.get_field("name").max_length

def load_accounts(path, *, actor=None, name=None) -> tuple[int, int]:
    """Add and update the chart of accounts from a file, all or nothing; (added, changed).

    Side effects: those of services.save_accounts. Raises TableError, and
    changes nothing, for any problem in the file.
    """
    rows = read_table(path, columns=ACCOUNT_COLUMNS, required=("number", "name"), name=name)
    return save_accounts(_account_rows(rows), actor=actor)


def _account_rows(rows):
    found, seen = [], {}
    for row in rows:
        number = row.get("number")
        if not _is_account_number(number):
            row.fail("number", _("“%(value)s” is no account number: digits, with dots or hyphens between.") % {"value": number})
        if number in seen:
            row.fail("number", _("the account is given twice (first at %(place)s).") % {"place": seen[number]})
        seen[number] = row.at("number")
        name = row.get("name")
        if not name:
            row.fail("name", _("the account has no name."))
        if len(name) > NAME_LENGTH:
            row.fail("name", _("longer than %(length)d characters.") % {"length": NAME_LENGTH})
        kind = row.get("kind", "expense").lower()
        if kind not in KINDS:
            row.fail("kind", _("“%(value)s” is no kind of account: expense or income.") % {"value": kind})
        found.append(AccountRow(number=number, name=name, kind=KINDS[kind]))
    return found


def _is_account_number(text):
    return re.fullmatch(ACCOUNT_NUMBER, text) is not None


def load_actuals(path, *, year: int, quarter: int, actor=None, name=None) -> int:
    """Replace the actuals of one quarter with those of a file, all or nothing; how many are stored.

    Side effects: those of services.import_actuals. Raises TableError, and
    changes nothing, for an unknown account or body, or an amount that is
    none, at the place in the file.
    """
    rows = read_table(path, columns=ACTUAL_COLUMNS, required=ACTUAL_COLUMNS, name=name)
    accounts = {account.number: account for account in Account.objects.all()}
    bodies = {body.slug: body for body in Body.objects.filter(kind__in=BUDGET_KINDS)}
    found = []
    for row in rows:
        account = accounts.get(row.get("account"))
        if account is None:
            row.fail("account", _("no account “%(value)s” in the chart of accounts.") % {"value": row.get("account")})
        body = bodies.get(row.get("body"))
        if body is None:
            message = _("no secretariat, programme or product community has the address “%(value)s”.")
            row.fail("body", message % {"value": row.get("body")})
        amount = parse_kroner(row.get("amount"))
        if amount is None:
            message = _("“%(value)s” is no amount: kroner with at most two decimals, such as 1250,50.")
            row.fail("amount", message % {"value": row.get("amount")})
        found.append(ActualRow(body=body, account=account, amount=amount))
    return import_actuals(found, year=year, quarter=quarter, actor=actor, source=name or str(path))
