"""CSV exports that are safe to open in a spreadsheet (OWASP's rule for CSV injection)."""

from decimal import Decimal

import pytest

from os2org.common.spreadsheets import csv_text, safe_cell
from os2org.organisation.coverage import coverage_csv, coverage_report
from tests.governance.cycle_data import make_role


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("https://example.org","x")', '\'=HYPERLINK("https://example.org","x")'),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("\x01Start", "'\x01Start"),
        ("Egeby Kommune", "Egeby Kommune"),
        ("", ""),
    ],
)
def test_safe_cell_neutralises_what_starts_a_formula(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(-3, "-3"), (Decimal("-1.5"), "-1.5"), (None, "")])
def test_safe_cell_leaves_numbers_as_numbers(value, expected):
    assert safe_cell(value) == expected


def test_csv_text_makes_every_cell_safe():
    assert csv_text([["name"], ["=1+1"]]) == "name\r\n'=1+1\r\n"


@pytest.mark.django_db
def test_coverage_csv_neutralises_a_role_named_like_a_formula():
    make_role('=HYPERLINK("https://example.org/?leak","Klik")', slug="formel")

    rows = coverage_csv(coverage_report()).splitlines()

    assert rows[1:] == [
        'vacant_roles,"\'=HYPERLINK(""https://example.org/?leak"",""Klik"")",,0',
        'never_reviewed,"\'=HYPERLINK(""https://example.org/?leak"",""Klik"")",,',
    ]
