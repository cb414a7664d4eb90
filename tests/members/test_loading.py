from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from os2org.budgets.models import Account
from os2org.common.tables import TableError
from os2org.members import loading
from os2org.members.models import Agreement, ContactRelation
from os2org.organisation.models import Organisation, Person
from os2org.organisation.services import save_body

pytestmark = pytest.mark.django_db

REGISTER = """\
organisations:
  - name: Egeby Kommune
    kind: municipality
    cvr: "38990608"
    ean: "5798000410015"
    address: Torvet 1, 7100 Egeby
    member_since: 2019-01-01
agreements:
  - organisation: Egeby Kommune
    product: Booking
    status: active
    signed: 2024-11-20
    from: 2025-01-01
    joining_fee: 15.000
    annual_fee: 42000,50
    account: "3110"
contacts:
  - person: Ane Holm
    organisation: Egeby Kommune
    product: Booking
    relation: contact
"""


@pytest.fixture(autouse=True)
def world():
    save_body(name="Booking", kind="product_community")
    Account.objects.create(number="3110", name="Bidrag til Booking", kind="income")
    with translation.override("en"):
        yield


def write(tmp_path, text, name="register.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts():
    return (
        Organisation.objects.count(),
        Agreement.objects.count(),
        ContactRelation.objects.count(),
        Person.objects.count(),
    )


def refused(path):
    """The message of the refusal; nothing may have changed."""
    before = counts()
    with pytest.raises(TableError) as raised:
        loading.load(path)
    assert counts() == before
    return str(raised.value)


def test_load_yaml_stores_the_register(tmp_path):
    loaded = loading.load(write(tmp_path, REGISTER))

    egeby = Organisation.objects.get()
    agreement = Agreement.objects.get()
    assert (loaded.organisations, loaded.agreements, loaded.contacts, loaded.created) == (1, 1, 1, 3)
    assert (egeby.cvr, egeby.ean, egeby.address, egeby.member_since) == (
        "38990608",
        "5798000410015",
        "Torvet 1, 7100 Egeby",
        date(2019, 1, 1),
    )
    assert (agreement.starts, agreement.joining_fee, agreement.annual_fee, agreement.account.number) == (
        date(2025, 1, 1),
        Decimal("15000"),
        Decimal("42000.50"),
        "3110",
    )
    assert [(str(r.person), r.person.employer.name, r.kind) for r in ContactRelation.objects.all()] == [
        ("Ane Holm", "Egeby Kommune", "contact")
    ]


def test_load_twice_changes_nothing(tmp_path):
    path = write(tmp_path, REGISTER)
    loading.load(path)
    loaded = loading.load(path)
    assert (loaded.created, loaded.changed, loaded.unchanged) == (0, 0, 3)


def test_dump_loads_back_as_it_was(tmp_path):
    loading.load(write(tmp_path, REGISTER))
    dumped = loading.dump_yaml()
    Agreement.objects.all().delete()

    loading.load(write(tmp_path, dumped, "again.yaml"))

    assert loading.dump_yaml() == dumped


def test_load_refuses_a_cvr_number_with_a_wrong_check_digit(tmp_path):
    path = write(tmp_path, REGISTER.replace('"38990608"', '"38990609"'))
    assert refused(path) == (
        f"{path}:4: cvr: 38990609 is not a CVR number: its check digit does not add up. "
        "Check it against the CVR register."
    )


def test_load_refuses_an_ean_number_with_a_wrong_check_digit(tmp_path):
    path = write(tmp_path, REGISTER.replace('"5798000410015"', '"5798000410016"'))
    assert refused(path).startswith(f"{path}:5: ean: 5798000410016 is not an EAN number")


def test_load_refuses_an_unknown_account(tmp_path):
    path = write(tmp_path, REGISTER.replace('account: "3110"', 'account: "9999"'))
    assert refused(path) == f"{path}:16: account: there is no account 9999 in the chart of accounts."


def test_load_refuses_a_duplicate_agreement(tmp_path):
    second = REGISTER[REGISTER.index("  - organisation: Egeby Kommune") : REGISTER.index("contacts:")]
    path = write(tmp_path, REGISTER.replace("contacts:", second.replace("2025-01-01", "2025-06-01") + "contacts:"))
    assert refused(path) == (
        f"{path}:17: This organisation already has an agreement in force for this product: end that one first."
    )


def test_load_refuses_an_unknown_product(tmp_path):
    path = write(tmp_path, REGISTER.replace("product: Booking\n    status", "product: Bookning\n    status"))
    assert refused(path) == f"{path}:10: product: there is no product or programme named “Bookning”."


def test_load_refuses_an_unknown_section(tmp_path):
    path = write(tmp_path, REGISTER + "budgets: []\n")
    assert refused(path) == (
        f"{path}:22: unknown section “budgets” (expected one of: organisations, agreements, contacts)."
    )


def test_load_refuses_a_wrong_date(tmp_path):
    path = write(tmp_path, REGISTER.replace("from: 2025-01-01", "from: 2025-02-30"))
    assert refused(path) == f"{path}:13: from: “2025-02-30” is not a date (YYYY-MM-DD)."


def test_load_csv_of_agreements(tmp_path):
    loading.load(write(tmp_path, REGISTER.split("agreements:")[0]))
    path = write(
        tmp_path,
        "organisation;product;status;signed;from;annual_fee\nEgeby Kommune;Booking;active;2024-12-01;2025-01-01;1.200,00\n",
        "aftaler.csv",
    )

    loaded = loading.load(path)

    assert (loaded.agreements, Agreement.objects.get().annual_fee) == (1, Decimal("1200.00"))


def test_load_csv_refuses_a_header_of_no_known_section(tmp_path):
    path = write(tmp_path, "navn;beløb\nEgeby;12\n", "fejl.csv")
    assert refused(path) == (
        f"{path}:1: the header has none of the column sets expected: name; organisation, product, from; "
        "person, product, relation."
    )


def test_load_csv_refuses_wrong_columns(tmp_path):
    path = write(tmp_path, "organisation;product;from;colour\nEgeby Kommune;Booking;2025-01-01;blue\n", "x.csv")
    assert refused(path).startswith(f"{path}:1: unknown column “colour” (expected: organisation, product,")


def xlsx(tmp_path, sheets):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    return path


def test_load_xlsx_names_the_cell_of_an_error(tmp_path):
    path = xlsx(tmp_path, {"organisations": [["name", "cvr"], ["Egeby Kommune", "12345678"]]})
    assert refused(path) == (
        f"{path}:organisations!B2: cvr: 12345678 is not a CVR number: its check digit does not add up. "
        "Check it against the CVR register."
    )


def test_load_xlsx_reads_each_sheet_as_its_section(tmp_path):
    path = xlsx(
        tmp_path,
        {
            "organisations": [["name", "cvr"], ["Egeby Kommune", "38990608"]],
            "agreements": [
                ["organisation", "product", "signed", "from", "annual_fee"],
                ["Egeby Kommune", "Booking", date(2024, 12, 1), date(2025, 1, 1), 1200.5],
            ],
        },
    )

    loading.load(path)

    agreement = Agreement.objects.get()
    assert (agreement.organisation.cvr, agreement.starts, agreement.annual_fee) == (
        "38990608",
        date(2025, 1, 1),
        Decimal("1200.50"),
    )


def test_dump_xlsx_loads_back(tmp_path):
    loading.load(write(tmp_path, REGISTER))
    dumped = loading.dump_yaml()
    path = tmp_path / "dump.xlsx"
    path.write_bytes(loading.dump_xlsx())
    Agreement.objects.all().delete()

    loading.load(path)

    assert loading.dump_yaml() == dumped


def test_load_refuses_a_link(tmp_path):
    target = write(tmp_path, REGISTER)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert refused(link) == f"{link}: not a file (a link or a folder is not read)."
