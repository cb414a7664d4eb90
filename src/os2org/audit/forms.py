from django import forms

from os2org.audit.selectors import revision


class RevisionField(forms.IntegerField):
    """The version an edit form was opened at, sent back with the form.

    Give the form `initial={"revision": revision(obj)}` and pass
    `cleaned_data["revision"]` to the service, which hands it to
    `audit.services.check_revision`.
    """

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, widget=forms.HiddenInput, **kwargs)


def revision_initial(obj):
    return {"revision": revision(obj)} if obj is not None and obj.pk else {}
