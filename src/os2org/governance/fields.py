"""Form fields and choices that both of the governance's domains use: the annual cycle's forms and the meetings'."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField
from os2org.common.visibility import Visibility


def editable(bodies, viewer):
    """Those of `bodies` whose items the viewer may change: all of them for the secretariat."""
    return bodies if viewer.secretariat else bodies.filter(pk__in=viewer.edits_bodies)


class VisibilityField(forms.ChoiceField):
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


def hidden_revision():
    # No label: it is never shown (see audit.forms.RevisionField).
    return RevisionField(label="")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")
