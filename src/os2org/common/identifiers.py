"""The numbers public bodies are identified and invoiced by: CVR and EAN/GLN.

Both carry a check digit, so a typing error (two digits swapped, one
mistyped) is caught where it is typed, not when an invoice bounces. Forms,
the API, the loaders and the models all use these validators, with the
same messages. People write "12 34 56 78" as often as "12345678":
`digits_only` takes the spaces out before anything is checked.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The Danish Business Authority's weights for the modulus-11 check of a CVR number.
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def digits_only(value):
    """A number as typed, its spaces (and the hyphens of "5798-0000-…") taken out."""
    return "".join(str(value or "").split()).replace("-", "")


def cvr_is_valid(value):
    """8 digits whose weighted sum (CVR_WEIGHTS) is divisible by 11."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    return sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS)) % 11 == 0


def gs1_check_digit(body):
    """The GS1 check digit of the digits before it: weights 3 and 1 alternate from the right."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def ean_is_valid(value):
    """13 digits (an EAN/GLN location number) whose last digit is the GS1 check digit of the others."""
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        return False
    return gs1_check_digit(value[:-1]) == int(value[-1])


def validate_cvr(value):
    if not value:
        return
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A CVR number has 8 digits."), code="cvr_digits")
    if not cvr_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a CVR number: its check digit does not add up. Check it against the CVR register.")
            % {"value": value},
            code="cvr_check",
        )


def validate_ean(value):
    if not value:
        return
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("An EAN number has 13 digits."), code="ean_digits")
    if not ean_is_valid(value):
        raise ValidationError(
            _(
                "%(value)s is not an EAN number: its check digit does not add up. Check it against the invoice address "
                "the authority gave."
            )
            % {"value": value},
            code="ean_check",
        )
