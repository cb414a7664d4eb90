"""`os2org budgets accounts FILE` and `os2org budgets actuals FILE --year Y --quarter Q`."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from os2org.budgets.models import Account, Actual
from tests.budgets.builders import association, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _run(*arguments):
    out = StringIO()
    call_command("budgets", *arguments, stdout=out)
    return out.getvalue()


def test_accounts_command_loads_the_chart(tmp_path):
    path = write_csv(tmp_path, "number;name;kind\n1000;Kontingenter;income\n2100;Løn;expense\n")

    printed = _run("accounts", str(path))

    assert (printed, Account.objects.count()) == ("Chart of accounts loaded: 2 added, 0 changed.\n", 2)


def test_accounts_command_names_the_line_of_an_error(tmp_path):
    path = write_csv(tmp_path, "number;name\n1000;\n")

    with pytest.raises(CommandError) as error:
        _run("accounts", str(path))

    assert str(error.value) == f"{path}:2: name: the account has no name."


def test_actuals_command_imports_a_quarter_and_says_it_replaces_it(tmp_path):
    association()
    _run("accounts", str(write_csv(tmp_path, "number;name\n2100;Løn\n", name="konti.csv")))
    path = write_csv(tmp_path, "account;body;amount\n2100;sekretariatet;1200,75\n")

    printed = _run("actuals", str(path), "--year", "2026", "--quarter", "3")

    assert (printed, list(Actual.objects.values_list("quarter", "amount"))) == (
        "Imported 1 actuals for quarter 3 of 2026; the quarter's earlier actuals are replaced.\n",
        [(3, Decimal("1200.75"))],
    )


def test_actuals_command_refuses_a_fifth_quarter(tmp_path):
    path = write_csv(tmp_path, "account;body;amount\n")

    with pytest.raises(CommandError):
        _run("actuals", str(path), "--year", "2026", "--quarter", "5")
