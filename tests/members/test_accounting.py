import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from os2org.audit.models import Entry
from os2org.budgets.models import Account
from os2org.common.tables import TableError
from os2org.members.accounting import export_csv, export_xlsx, import_payments
from os2org.members.models import Contribution
from os2org.members.services import raise_contributions
from os2org.organisation.services import save_body, save_organisation
from tests.agreements import join

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """Egeby's part year and joining fee for 2025, on account 3110."""
    programme = save_body(name="Borgerservice", kind="programme")
    booking = save_body(name="Booking", kind="product_community", programme=programme)
    egeby = save_organisation(name="Egeby Kommune", cvr="38990608", ean="5798000410015")
    account = Account.objects.create(number="3110", name="Bidrag", kind="income")
    join(
        egeby,
        booking,
        starts=date(2025, 7, 1),
        joining_fee=Decimal(25000),
        annual_fee=Decimal(36500),
        account=account,
    )
    raise_contributions(2025)
    with translation.override("en"):
        yield list(Contribution.objects.order_by("pk"))


def test_export_csv_has_a_row_per_invoice_line(lines):
    joining, annual = lines
    assert export_csv(Contribution.objects.order_by("pk")) == (
        "line,year,organisation,cvr,ean,product,programme,kind,from,until,amount,account,status,"
        "invoice_number,invoiced_on,paid_on\r\n"
        f"{joining.pk},2025,Egeby Kommune,38990608,5798000410015,Booking,Borgerservice,joining,2025-07-01,2025-07-01,"
        "25000.00,3110,to_invoice,,,\r\n"
        f"{annual.pk},2025,Egeby Kommune,38990608,5798000410015,Booking,Borgerservice,annual,2025-07-01,2025-12-31,"
        "18400.00,3110,to_invoice,,,\r\n"
    )


def test_export_xlsx_holds_the_same_rows(lines):
    book = load_workbook(io.BytesIO(export_xlsx(Contribution.objects.order_by("pk"))))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert (len(rows), rows[1][2], rows[1][10], rows[2][7]) == (3, "Egeby Kommune", 25000, "annual")


def write(tmp_path, text):
    path = tmp_path / "betalinger.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_payments_sets_status_number_and_days(lines, tmp_path):
    joining, annual = lines
    path = write(
        tmp_path,
        "line;status;invoice_number;invoiced_on;paid_on\n"
        f"{joining.pk};paid;F-101;2025-08-01;2025-09-01\n"
        f"{annual.pk};invoiced;F-102;2025-08-01;\n",
    )

    assert import_payments(path) == (2, 0)
    assert list(Contribution.objects.order_by("pk").values_list("status", "invoice_number", "paid_on")) == [
        ("paid", "F-101", date(2025, 9, 1)),
        ("invoiced", "F-102", None),
    ]


def test_import_payments_writes_an_audit_entry_per_changed_line(lines, tmp_path):
    _joining, annual = lines
    before = Entry.objects.count()
    import_payments(write(tmp_path, f"line,status,paid_on\n{annual.pk},paid,2025-09-01\n"))
    assert Entry.objects.count() - before == 1


def unchanged_after(path):
    before = list(Contribution.objects.order_by("pk").values())
    with pytest.raises(TableError) as raised:
        import_payments(path)
    assert list(Contribution.objects.order_by("pk").values()) == before
    return str(raised.value)


def test_import_payments_refuses_an_unknown_line_and_changes_nothing(lines, tmp_path):
    _joining, annual = lines
    path = write(tmp_path, f"line;status;paid_on\n{annual.pk};paid;2025-09-01\n999999;paid;2025-09-01\n")
    assert unchanged_after(path) == f"{path}:3: line: there is no invoice line 999999."


def test_import_payments_refuses_paid_without_a_day(lines, tmp_path):
    _joining, annual = lines
    path = write(tmp_path, f"line;status\n{annual.pk};paid\n")
    assert unchanged_after(path) == f"{path}:2: Give the day it was paid."


def test_import_payments_refuses_an_unknown_status(lines, tmp_path):
    _joining, annual = lines
    path = write(tmp_path, f"line;status\n{annual.pk};betalt-ish\n")
    assert unchanged_after(path) == (
        f"{path}:2: status: “betalt-ish” is not one of: to_invoice, invoiced, paid, written_off."
    )


def test_import_payments_refuses_a_file_without_a_status_column(lines, tmp_path):
    path = write(tmp_path, "line;paid_on\n1;2025-09-01\n")
    assert unchanged_after(path) == f"{path}:1: the header has no “status” column."


def test_import_payments_refuses_a_line_given_twice(lines, tmp_path):
    _joining, annual = lines
    path = write(tmp_path, f"line;status\n{annual.pk};written_off\n{annual.pk};written_off\n")
    assert unchanged_after(path) == f"{path}:3: line: line {annual.pk} is given twice."


def test_import_payments_reads_the_export_back_unchanged(lines, tmp_path):
    path = write(tmp_path, export_csv(Contribution.objects.order_by("pk")))
    assert import_payments(path) == (0, 2)
