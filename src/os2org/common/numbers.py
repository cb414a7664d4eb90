"""Hours and decimal numbers, read and written one way everywhere.

People type "37,5" as often as "37.5"; pages show "12,5" in Danish and
"12.5" in English, and whole hours without decimals.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats

# The most hours a week has; nobody works more in one.
HOURS_IN_A_WEEK = Decimal("168")
# A full-time week; a share of a full year is a share of this.
FULL_TIME_HOURS = Decimal("37")


def parse_decimal(value):
    """A number typed with a decimal comma or point, as a Decimal; None if it is no finite number."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_hours(value):
    """37.00 → “37”, 12.50 → “12.5” (“12,5” in Danish), in the active language."""
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True)


# "1.234.567" (Danish thousands), not a number with three decimals.
_DOTTED_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")


def parse_amount(value):
    """An amount of money as people and accounting systems write it, as a Decimal; None if it is none.

    "12500", "12500.50", "12.500,50", "12 500,50", "12,500.50" and "kr. 12.500" all
    read as they mean: with both a comma and a point, the later one is the
    decimal mark; a point alone is the decimal mark unless it groups
    thousands ("1.500" is 1500, as Danish writes it).
    """
    text = re.sub(r"(?i)\s|\u00a0|kr\.?|dkk", "", str(value))
    if "," in text and "." in text:
        decimal_mark = "," if text.rindex(",") > text.rindex(".") else "."
        text = text.replace("." if decimal_mark == "," else ",", "")
    elif _DOTTED_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    return parse_decimal(text) if re.fullmatch(r"-?\d+([.,]\d+)?", text) else None


# Up to a trillion kroner less an øre: more is a typing error, and more than a money column
# (14 digits, 2 of them decimals) holds.
LARGEST_KRONER = Decimal(10) ** 12
ØRE = Decimal("0.01")


def parse_kroner(value):
    """Kroner as written (parse_amount), with at most two decimals and less than LARGEST_KRONER either
    way, to whole øre; None for anything else."""
    number = parse_amount(value) if value not in (None, "") else None
    if number is None or number.as_tuple().exponent < -2 or abs(number) >= LARGEST_KRONER:
        return None
    return number.quantize(ØRE)
