from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def kroner(value):
    """An amount with two decimals and grouped thousands in the reader's language: “12.500,00”, under /en/ “12,500.00”."""
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
