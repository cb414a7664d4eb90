"""The one range of dates the organisation's records can have.

Outside it lie only typing errors (a meeting in 9999, an activity from year
1), and dates that Python and the calendar cannot do sums with: a
recurrence ten years on from the year 9995, or Copenhagen's local mean time
before 1894, whose offset has seconds in it. Forms, the API, the loaders
and the models all refuse a date outside it with the same message.
"""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
OUT_OF_RANGE = _("Give a date in the years 1900 to 2999.")


def in_range(value):
    """Whether a date (or the day of a datetime) lies in the supported range."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def validate_date(value):
    """A validator for model, form and API fields alike."""
    if value is not None and not in_range(value):
        raise ValidationError(OUT_OF_RANGE, code="date_range")


class DateInput(forms.DateInput):
    """The browser's date picker: it sends and expects ISO dates, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__({"min": EARLIEST.isoformat(), "max": LATEST.isoformat(), **(attrs or {})}, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date in the supported range, picked in the browser."""

    widget = DateInput
    default_validators = [validate_date]
