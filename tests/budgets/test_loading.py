"""The chart of accounts and a quarter's actuals read from CSV and XLSX files: all or nothing, errors where they are."""

from decimal import Decimal

import pytest

from os2org.audit.models import Entry
from os2org.budgets.loading import load_accounts, load_actuals
from os2org.budgets.models import Account, Actual
from os2org.common.tables import TableError
from tests.budgets.builders import association, chart_of_accounts, write_csv, write_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _accounts():
    return list(Account.objects.values_list("number", "name", "kind"))


def _actuals():
    return list(Actual.objects.values_list("body__slug", "account__number", "year", "quarter", "amount"))


def test_accounts_load_from_csv_with_semicolons(tmp_path):
    path = write_csv(tmp_path, "number;name;kind\n1000;Kontingenter;indtægt\n2100;Løn;\n")

    result = load_accounts(path)

    assert (result, _accounts()) == ((2, 0), [("1000", "Kontingenter", "income"), ("2100", "Løn", "expense")])


def test_accounts_load_from_xlsx(tmp_path):
    path = write_xlsx(tmp_path, [["number", "name", "kind"], [1000, "Kontingenter", "income"], ["2100", "Løn", None]])

    load_accounts(path)

    assert _accounts() == [("1000", "Kontingenter", "income"), ("2100", "Løn", "expense")]


def test_accounts_load_again_renames_and_keeps_the_rest(tmp_path):
    load_accounts(write_csv(tmp_path, "number;name\n1000;Kontingenter\n2100;Løn\n"))

    result = load_accounts(write_csv(tmp_path, "number;name\n2100;Løn og pension\n", name="ny.csv"))

    assert (result, _accounts()) == ((0, 1), [("1000", "Kontingenter", "expense"), ("2100", "Løn og pension", "expense")])


def test_accounts_load_writes_an_audit_entry_per_account(tmp_path):
    load_accounts(write_csv(tmp_path, "number;name\n1000;Kontingenter\n2100;Løn\n"))

    assert list(Entry.objects.order_by("id").values_list("action", "summary")) == [
        ("budgets.account", "1000 Kontingenter"),
        ("budgets.account", "2100 Løn"),
    ]


def test_accounts_with_a_bad_number_fail_at_its_line_and_change_nothing(tmp_path):
    load_accounts(write_csv(tmp_path, "number;name\n1000;Kontingenter\n", name="før.csv"))
    path = write_csv(tmp_path, "number;name\n2100;Løn\nkonto;Hosting\n")

    with pytest.raises(TableError) as error:
        load_accounts(path)

    assert (str(error.value), _accounts()) == (
        f"{path}:3: number: “konto” is no account number: digits, with dots or hyphens between.",
        [("1000", "Kontingenter", "expense")],
    )


def test_accounts_given_twice_fail_at_the_second(tmp_path):
    path = write_csv(tmp_path, "number;name\n2100;Løn\n2100;Løn igen\n")

    with pytest.raises(TableError) as error:
        load_accounts(path)

    assert str(error.value) == f"{path}:3: number: the account is given twice (first at {path}:2)."


def test_accounts_with_a_bad_kind_fail_at_its_cell_in_xlsx(tmp_path):
    path = write_xlsx(tmp_path, [["number", "name", "kind"], ["1000", "Kontingenter", "indtægt"], ["2100", "Løn", "gave"]])

    with pytest.raises(TableError) as error:
        load_accounts(path)

    assert (str(error.value), _accounts()) == (f"{path}:Ark1!C3: kind: “gave” is no kind of account: expense or income.", [])


def test_accounts_without_a_name_column_fail_at_the_header(tmp_path):
    path = write_csv(tmp_path, "number;kind\n1000;income\n")

    with pytest.raises(TableError) as error:
        load_accounts(path)

    assert str(error.value) == f"{path}:1: the header has no “name” column."


@pytest.fixture
def books(db):
    organisation = association()
    chart_of_accounts()
    return organisation


def test_actuals_load_from_csv_adding_up_rows_of_one_account(books, tmp_path):
    path = write_csv(
        tmp_path,
        f"account;body;amount\n2100;{books.secretariat.slug};1000,50\n2100;{books.secretariat.slug};-200\n"
        f"2200;{books.north.slug};300.25\n",
    )

    stored = load_actuals(path, year=2026, quarter=1)

    assert (stored, _actuals()) == (
        2,
        [
            ("fællesskab-nord", "2200", 2026, 1, Decimal("300.25")),
            ("sekretariatet", "2100", 2026, 1, Decimal("800.50")),
        ],
    )


def test_actuals_load_from_xlsx_with_numbers(books, tmp_path):
    path = write_xlsx(tmp_path, [["account", "body", "amount"], [2200, books.programme.slug, 1234.5]])

    load_actuals(path, year=2026, quarter=2)

    assert _actuals() == [("programmet-for-borgere", "2200", 2026, 2, Decimal("1234.50"))]


def test_actuals_import_again_replaces_the_quarter_only(books, tmp_path):
    slug = books.secretariat.slug
    load_actuals(write_csv(tmp_path, f"account;body;amount\n2100;{slug};100\n", name="q1.csv"), year=2026, quarter=1)
    load_actuals(write_csv(tmp_path, f"account;body;amount\n2200;{slug};50\n", name="q2.csv"), year=2026, quarter=2)

    load_actuals(write_csv(tmp_path, f"account;body;amount\n2300;{slug};75\n", name="q1-igen.csv"), year=2026, quarter=1)

    assert _actuals() == [
        ("sekretariatet", "2300", 2026, 1, Decimal("75.00")),
        ("sekretariatet", "2200", 2026, 2, Decimal("50.00")),
    ]


def test_actuals_import_again_replaces_the_same_account_of_the_quarter(books, tmp_path):
    slug = books.secretariat.slug
    load_actuals(write_csv(tmp_path, f"account;body;amount\n2100;{slug};100\n", name="q1.csv"), year=2026, quarter=1)

    load_actuals(write_csv(tmp_path, f"account;body;amount\n2100;{slug};120\n", name="q1-rettet.csv"), year=2026, quarter=1)

    assert _actuals() == [("sekretariatet", "2100", 2026, 1, Decimal("120.00"))]


def test_actuals_import_writes_one_audit_entry_naming_the_file(books, tmp_path):
    path = write_csv(tmp_path, f"account;body;amount\n2100;{books.secretariat.slug};100\n")

    load_actuals(path, year=2026, quarter=3, name="regnskab.csv")

    assert list(Entry.objects.filter(action="budgets.actuals").values_list("summary", "data")) == [
        ("2026 Q3: 1", {"year": 2026, "quarter": 3, "rows": 1, "replaced": 0, "total": "100.00", "source": "regnskab.csv"})
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("9999;sekretariatet;100", "account: no account “9999” in the chart of accounts."),
        ("2100;styregruppen-for-nord;100", "body: no secretariat, programme or product community has the address “styregruppen-for-nord”."),
        ("2100;sekretariatet;12,345", "amount: “12,345” is no amount: kroner with at most two decimals, such as 1250,50."),
        ("2100;sekretariatet;12,5,0", "amount: “12,5,0” is no amount: kroner with at most two decimals, such as 1250,50."),
    ],
)
def test_actuals_with_a_bad_row_fail_at_its_line_and_change_nothing(books, tmp_path, row, message):
    load_actuals(write_csv(tmp_path, "account;body;amount\n2100;sekretariatet;10\n", name="før.csv"), year=2026, quarter=1)
    before, written = _actuals(), Entry.objects.count()
    path = write_csv(tmp_path, f"account;body;amount\n2200;sekretariatet;5\n{row}\n")

    with pytest.raises(TableError) as error:
        load_actuals(path, year=2026, quarter=1)

    assert (str(error.value), _actuals(), Entry.objects.count()) == (f"{path}:3: {message}", before, written)


def test_actuals_with_an_unknown_body_fail_at_its_cell_in_xlsx(books, tmp_path):
    path = write_xlsx(tmp_path, [["account", "body", "amount"], ["2100", "ingen", 5]], title="Poster")

    with pytest.raises(TableError) as error:
        load_actuals(path, year=2026, quarter=1)

    assert str(error.value) == f"{path}:Poster!B2: body: no secretariat, programme or product community has the address “ingen”."
