"""A file's size in words a reader knows, in the active language's number format ("1,5 MB" in Danish)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KB = 1024
MB = KB * KB


def format_size(size: int) -> str:
    """5 → “5 bytes”, 1536 → “1,5 KB”, 20971520 → “20 MB” (one decimal, none when whole)."""
    if size < KB:
        return ngettext("%(size)s byte", "%(size)s bytes", size) % {
            "size": formats.number_format(size, use_l10n=True, force_grouping=True)
        }
    if size < MB:
        return _("%(size)s KB") % {"size": _one_decimal(Decimal(size) / KB)}
    return _("%(size)s MB") % {"size": _one_decimal(Decimal(size) / MB)}


def _one_decimal(value):
    value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return formats.number_format(value, use_l10n=True, force_grouping=True)
