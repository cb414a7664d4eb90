"""The form that settles a conflict between os2org and Git."""

from django import forms
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.sync.models import Conflict

GIT, OS2ORG = Conflict.Resolution.GIT, Conflict.Resolution.OS2ORG


class ResolveForm(forms.Form):
    take = forms.ChoiceField(
        label=_("Which version the page keeps"),
        choices=[
            (GIT, _("Git's version, as the page is now")),
            (OS2ORG, _("os2org's version, saved as a new edit and pushed like any other")),
        ],
        widget=forms.RadioSelect,
    )
    revision = RevisionField(label="")

    def __init__(self, *args, conflict, **kwargs):
        # Keeping Git's version changes no page: the choice that cannot lose a word.
        super().__init__(*args, initial={"take": GIT, **revision_initial(conflict)}, **kwargs)
        if conflict.page is None:
            # Git removed the page; its os2org version lives on the side branch only.
            self.fields["take"].choices = self.fields["take"].choices[:1]
