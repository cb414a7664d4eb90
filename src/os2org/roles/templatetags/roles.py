from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from os2org.roles.models import Priority

register = template.Library()

EXPLANATIONS = {
    Priority.MUST: lambda: _("Core tasks: always solved, whatever the hours."),
    Priority.SHOULD: lambda: _("Important tasks, scaled to the hours available."),
    Priority.COULD: lambda: _("Done when there is time to spare."),
}


def _hours(value):
    return number_format(value.normalize() if value == value.to_integral() else value, use_l10n=True)


@register.simple_tag
def hours(role):
    """37 → “37”, 5–15 → “5–15”, unknown → the text as written, or a dash."""
    if role.hours_min is None:
        return role.hours_text or "—"
    if role.hours_min == role.hours_max:
        return _hours(role.hours_min)
    return f"{_hours(role.hours_min)}–{_hours(role.hours_max)}"


@register.simple_tag
def yes_no_unknown(value):
    if value is None:
        return _("unknown")
    return _("yes") if value else _("no")


@register.simple_tag
def priority_explanation(priority):
    return EXPLANATIONS[priority]()
