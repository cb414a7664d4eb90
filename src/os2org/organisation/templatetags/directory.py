"""How the directory shows hours, shares of a full year and periods."""

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from os2org.common.numbers import format_hours

register = template.Library()

# Shares are agreed as simple fractions (1/5, 1/3, 1/2 …); stored with four
# decimals, a third reads back as 0.3333, so anything this close is shown
# as the fraction it was.
FRACTION_TOLERANCE = Decimal("0.0005")
LARGEST_DENOMINATOR = 10


@register.filter
def hours(value):
    """37.00 → “37”, 12.50 → “12.5” (“12,5” in Danish)."""
    return "—" if value is None else format_hours(value)


@register.filter
def share(value):
    """0.3333 → “1/3”; a share that is no simple fraction → “0.27” (“0,27” in Danish)."""
    if value is None:
        return "—"
    fraction = Fraction(Decimal(value)).limit_denominator(LARGEST_DENOMINATOR)
    if abs(Decimal(fraction.numerator) / fraction.denominator - Decimal(value)) <= FRACTION_TOLERANCE:
        return f"{fraction.numerator}/{fraction.denominator}"
    return number_format(Decimal(value).quantize(Decimal("0.01")), use_l10n=True)


@register.simple_tag
def period(assignment):
    starts = date_format(assignment.starts, "DATE_FORMAT")
    if assignment.ends is None:
        return _("from %(starts)s") % {"starts": starts}
    return _("%(starts)s until %(ends)s") % {"starts": starts, "ends": date_format(assignment.ends, "DATE_FORMAT")}
