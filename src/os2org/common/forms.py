"""What every app's forms share: fields that offer a viewer only what they may read,
a service's refusal shown next to the fields it names, and the search field of a list.

A choice lists the objects the viewer may read, and the one already
chosen even if they may not (named by a placeholder), so that saving a
form keeps a value its editor cannot see. The API chooses from the same
objects (os2org.common.visibility.choosable).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from os2org.common.numbers import parse_kroner
from os2org.common.search import MAX_QUERY
from os2org.common.visibility import Visibility, choosable, name_for


class VisibilityField(forms.ChoiceField):
    """Who may read an item: public, members or internal, explained where it is chosen."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Visible to"))
        kwargs.setdefault(
            "help_text",
            _(
                "Public: anyone, without logging in. Members: anyone with a log-in. Internal: the secretariat, "
                "the board, and the community the body belongs to."
            ),
        )
        super().__init__(choices=[(value, capfirst(label)) for value, label in Visibility.choices], **kwargs)


def add_service_errors(form, error):
    """Show a service's ValidationError next to the fields it names."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class _Readable:
    viewer = None

    def limit(self, viewer, chosen=()):
        """Offer `viewer` only what they may choose, keeping `chosen`."""
        self.viewer = viewer
        self.queryset = choosable(viewer, self.queryset, chosen)

    def label_from_instance(self, obj):
        return str(name_for(self.viewer, obj)) if self.viewer is not None else str(obj)


class ReadableChoiceField(_Readable, forms.ModelChoiceField):
    pass


class ReadableMultipleChoiceField(_Readable, forms.ModelMultipleChoiceField):
    # The largest id a database keeps (a 64-bit integer). Django looks up a
    # list of ids with one IN query, which SQLite answers with an
    # OverflowError for a larger number; one is no id of ours anyway.
    LARGEST_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not (text.isascii() and text.isdigit()) or int(text) > self.LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class SearchForm(forms.Form):
    """The words to look for in a long list (`?q=`), matched in the database (os2org.common.search).

    `label` says what the words are looked for in; it is shown, and it
    names the form for screen readers (the site's own search is another).
    A query longer than MAX_QUERY is searched by its start.
    """

    q = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY}))

    def __init__(self, data, *, label):
        # Its own ids: the site's search field in the header is "search-q".
        super().__init__(data, auto_id="list-%s")
        self.fields["q"].label = label

    @property
    def words(self):
        return self.cleaned_data["q"] if self.is_valid() else ""


# Longer than any amount written with spaces and points: "kr. 999.999.999.999,99".
LONGEST_AMOUNT = 30


class KronerField(forms.CharField):
    """An amount in kroner as people write it ("12500", "12.500,50": common.numbers.parse_kroner).

    Left empty it is `empty_value` (None unless given); `minimum` refuses less.
    """

    default_error_messages = {
        "amount": _("Give an amount in kroner with at most two decimals, such as 12500,50."),
        "minimum": _("Give an amount of at least %(minimum)s kroner."),
    }

    def __init__(self, *, minimum=None, **kwargs):
        self.minimum = minimum
        kwargs.setdefault("empty_value", None)
        # Not max_length: its validator would measure the Decimal this field gives, not the text.
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": LONGEST_AMOUNT}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text == self.empty_value:
            return text
        amount = parse_kroner(text) if len(text) <= LONGEST_AMOUNT else None
        if amount is None:
            raise ValidationError(self.error_messages["amount"], code="amount")
        if self.minimum is not None and amount < self.minimum:
            raise ValidationError(self.error_messages["minimum"], code="minimum", params={"minimum": self.minimum})
        return amount
