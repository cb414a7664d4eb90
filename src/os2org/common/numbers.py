"""Hours and decimal numbers, read and written one way everywhere.

People type "37,5" as often as "37.5"; pages show "12,5" in Danish and
"12.5" in English, and whole hours without decimals.
"""

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
