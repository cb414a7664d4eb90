from django import forms
from django.utils.translation import gettext_lazy as _

from os2org.audit.selectors import actors, kinds, revision
from os2org.common.dates import DateInput


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


class LogFilter(forms.Form):
    """The change log's filters: the kind of item, who, a period and words of the summary."""

    type = forms.ChoiceField(label=_("Kind of item"), required=False)
    hvem = forms.ChoiceField(label=_("Who"), required=False)
    fra = forms.DateField(label=_("From"), required=False, widget=DateInput)
    til = forms.DateField(label=_("To"), required=False, widget=DateInput)
    q = forms.CharField(label=_("Words"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        # Its own ids: the site's search field in the header is "search-q".
        super().__init__(*args, auto_id="log-%s", **kwargs)
        self.fields["type"].choices = [("", _("All")), *kinds()]
        self.fields["hvem"].choices = [("", _("Everyone")), *actors()]
        self.fields["type"].error_messages["invalid_choice"] = _("No change was made to that kind of item; choose one from the list.")
        self.fields["hvem"].error_messages["invalid_choice"] = _("That user has made no changes; choose one from the list.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fra") and cleaned.get("til") and cleaned["til"] < cleaned["fra"]:
            self.add_error("til", _("The period ends before it begins: give a last day on or after the first."))
        return cleaned
