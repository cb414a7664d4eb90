"""Form fields and choices that both of the governance's domains use: the annual cycle's forms and the meetings'."""

from django import forms

from os2org.audit.forms import RevisionField


def editable(bodies, viewer):
    """Those of `bodies` whose items the viewer may change: all of them for the secretariat."""
    return bodies if viewer.secretariat else bodies.filter(pk__in=viewer.edits_bodies)


def hidden_revision():
    # No label: it is never shown (see audit.forms.RevisionField).
    return RevisionField(label="")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")
