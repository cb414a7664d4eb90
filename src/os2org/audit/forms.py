from django import forms
from django.utils.translation import gettext_lazy as _

from os2org.audit.selectors import revision


class RevisionField(forms.IntegerField):
    """The version an edit form was opened at, sent back with the form.

    Give the form `initial={"revision": revision(obj)}` and pass
    `cleaned_data["revision"]` to the service, which hands it to
    `audit.services.check_revision`. A form whose initial names a revision
    (it edits an item that exists) requires one back: a post without it
    would skip the check and overwrite whatever was saved in between.
    """

    default_error_messages = {
        "required": _("This form is missing the version it was opened at. Open the page again, then make your change."),
        "invalid": _("This form is missing the version it was opened at. Open the page again, then make your change."),
    }

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, widget=forms.HiddenInput, **kwargs)

    def get_bound_field(self, form, field_name):
        # Each form has its own copy of the field, so this is the form's own.
        self.required = form.initial.get(field_name) is not None
        return super().get_bound_field(form, field_name)


def revision_initial(obj):
    return {"revision": revision(obj)} if obj is not None and obj.pk else {}
