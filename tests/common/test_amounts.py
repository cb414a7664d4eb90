from decimal import Decimal

import pytest

from os2org.common.numbers import parse_amount


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("12500", "12500"),
        ("12500.50", "12500.50"),
        ("12500,50", "12500.50"),
        ("12.500,50", "12500.50"),
        ("12 500,50", "12500.50"),
        ("12,500.50", "12500.50"),
        ("1.500", "1500"),
        ("1.234.567", "1234567"),
        ("kr. 12.500", "12500"),
        ("-250,00", "-250.00"),
    ],
)
def test_parse_amount_reads_amounts_as_they_are_written(written, amount):
    assert parse_amount(written) == Decimal(amount)


@pytest.mark.parametrize("written", ["", "tolv", "12,5,0", "1e5", "NaN"])
def test_parse_amount_gives_none_for_what_is_no_amount(written):
    assert parse_amount(written) is None
