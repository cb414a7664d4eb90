"""Reading one cell of a row of a member file (os2org.common.tables.Row): each failure names its place."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from os2org.common.numbers import parse_kroner

TRUE, FALSE = {"true", "yes", "ja", "1"}, {"false", "no", "nej", "0"}


def check(row, key, validator, value):
    try:
        validator(value)
    except ValidationError as error:
        row.fail(key, " ".join(error.messages))


def boolean(row, key):
    value = row.get(key).lower()
    if value not in TRUE | FALSE:
        row.fail(key, _("expected true or false."))
    return value in TRUE


def day(row, key):
    value = row.get(key)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        row.fail(key, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})


def whole(row, key, *, default):
    value = row.get(key)
    if not value:
        return default
    if not value.isascii() or not value.isdigit():
        row.fail(key, _("“%(value)s” is not a whole number.") % {"value": value})
    return int(value)


def money(row, key):
    value = row.get(key)
    if not value:
        return Decimal(0)
    amount = parse_kroner(value)
    if amount is None or amount < 0:
        row.fail(key, _("“%(value)s” is not an amount in kroner (e.g. 12500 or 12.500,50).") % {"value": value})
    return amount


def choice(row, key, choices, *, default=None):
    """A choice given by its stored value, or its label in the language the command or page runs in."""
    value = row.get(key)
    if not value:
        if default is None:
            row.fail(key, _("“%(key)s” is missing.") % {"key": key})
        return default
    wanted = value.strip().lower()
    for stored, label in choices.choices:
        if wanted in (stored, str(label).lower(), stored.replace("_", " ")):
            return stored
    expected = ", ".join(stored for stored, _label in choices.choices)
    row.fail(key, _("“%(value)s” is not one of: %(expected)s.") % {"value": value, "expected": expected})
