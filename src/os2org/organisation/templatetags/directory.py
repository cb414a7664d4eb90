"""How the directory shows hours, shares of a full year and periods."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from os2org.common.numbers import format_hours
from os2org.organisation.coverage import percent

register = template.Library()

@register.filter
def hours(value):
    """37.00 → “37”, 12.50 → “12.5” (“12,5” in Danish)."""
    return "—" if value is None else format_hours(value)


@register.filter
def plural_count(value):
    """The count a plural form is chosen by: 1 for exactly one, else 2 (“1 time”, “0,5 timer”, “2,5 timer”).

    gettext's plural rules take whole numbers only; hours are decimals.
    """
    return 1 if value == 1 else 2


@register.filter
def share(value):
    """0.3333 → “33 %”: a share of a full year is written one way everywhere, as whole percent."""
    return "—" if value is None else f"{percent(value, 1)} %"


@register.simple_tag
def period(assignment):
    starts = date_format(assignment.starts, "DATE_FORMAT")
    if assignment.ends is None:
        return _("from %(starts)s") % {"starts": starts}
    return _("%(starts)s until %(ends)s") % {"starts": starts, "ends": date_format(assignment.ends, "DATE_FORMAT")}
