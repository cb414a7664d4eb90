"""Names of organisations, bodies and people: one way to write them, and one way to compare them.

Two names that look the same are the same name. A name is stored in
Unicode's composed form (NFC) with its spaces collapsed, and may not hold
control or format characters: a zero-width space or a right-to-left
override would make two names that look alike compare as different, or
make a name read backwards. Nor may a name start like a spreadsheet
formula (=, +, -, @): names end up in CSV exports and spreadsheets.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from os2org.common.search import folded

FORMULA_STARTS = ("=", "+", "-", "@")
# Categories of characters that have no place in a name: controls (Cc),
# format characters such as zero-width and bidi marks (Cf), unassigned and
# private-use code points and lone surrogates.
FORBIDDEN = {"Cc", "Cf", "Cn", "Co", "Cs"}


def clean_name(value):
    """The name as stored: composed (NFC), spaces collapsed and trimmed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def name_key(value):
    """What two names are compared by: the same letters, whatever their case or compatibility form."""
    return folded(clean_name(value))


def validate_name(value):
    for char in value:
        if unicodedata.category(char) in FORBIDDEN:
            raise ValidationError(
                _("The name holds an invisible or control character (U+%(code)04X); type it again without it.")
                % {"code": ord(char)},
                code="invisible_character",
            )
    if value.startswith(FORMULA_STARTS):
        raise ValidationError(
            _("A name cannot start with =, +, - or @ (a spreadsheet would read it as a formula)."),
            code="formula",
        )
