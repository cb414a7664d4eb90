from decimal import Decimal

import pytest

from os2org.common.numbers import parse_amount, parse_kroner


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


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1250,5", Decimal("1250.50")), ("-3.25", Decimal("-3.25")), (" 7 ", Decimal("7.00")), ("1.234,50", Decimal("1234.50"))],
)
def test_parse_kroner_reads_to_whole_oere(text, amount):
    assert parse_kroner(text) == amount


@pytest.mark.parametrize("text", ["", "abc", "1,005", "NaN", "1e3", "1000000000000", "0,001"])
def test_parse_kroner_refuses_more_decimals_or_more_than_a_column_holds(text):
    assert parse_kroner(text) is None
