"""The page editor's form and the form that picks two versions to compare."""

from django import forms
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.forms import VisibilityField
from os2org.handbook.services import newest_version

# Characters, not bytes: about forty times the longest page of a real handbook.
MAX_SOURCE_CHARS = 200_000


class PageForm(forms.Form):
    source = forms.CharField(
        label=_("Page source (Markdown)"),
        # Kept exactly as typed: a page is written back byte for byte.
        strip=False,
        max_length=MAX_SOURCE_CHARS,
        error_messages={
            "max_length": _(
                "The page has %(show_value)d characters; at most %(limit_value)d fit. Split it into several pages."
            )
        },
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "page-source-input"}),
        help_text=_("Front matter between --- lines, then the page in Markdown, as in the handbook's files."),
    )
    visibility = VisibilityField(label=_("Who may read the page"), help_text="")
    note = forms.CharField(
        label=_("What changed, and why"),
        max_length=500,
        required=False,
        help_text=_("Shown in the page's version history."),
    )
    revision = RevisionField(label="")
    # The page's newest version when the form was opened: an import in
    # between changes it (see services.check_version).
    version = forms.IntegerField(label="", required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, page, **kwargs):
        self.page = page
        initial = {
            "source": page.source,
            "visibility": page.visibility,
            "version": newest_version(page),
            **revision_initial(page),
        }
        super().__init__(*args, initial=initial, **kwargs)
        # A browser would cut a longer paste short without a word; the form says why instead.
        self.fields["source"].widget.attrs.pop("maxlength")

    def clean_source(self):
        # Browsers send a text area's lines ended by CR LF; keep the page's own line ends.
        source = self.cleaned_data["source"].replace("\r\n", "\n")
        return source.replace("\n", "\r\n") if "\r\n" in self.page.source else source


class PreviewForm(forms.Form):
    """The page editor's text, for its live preview: checked as the editor checks it."""

    source = PageForm.base_fields["source"]

    def clean_source(self):
        return self.cleaned_data["source"].replace("\r\n", "\n")


NO_SUCH_VERSION = {"invalid_choice": _("This page has no version “%(value)s”.")}


class CompareForm(forms.Form):
    """Two of a page's versions, by number (`?fra=1&til=3`)."""

    fra = forms.TypedChoiceField(label=_("From version"), coerce=int, error_messages=NO_SUCH_VERSION)
    til = forms.TypedChoiceField(label=_("To version"), coerce=int, error_messages=NO_SUCH_VERSION)

    def __init__(self, query, *, numbers):
        """`numbers`: the page's version numbers, newest first. Without a
        choice, the newest version is compared with the one before it."""
        newest, before = numbers[0], numbers[min(1, len(numbers) - 1)]
        super().__init__({"fra": query.get("fra", before), "til": query.get("til", newest)})
        choices = [(number, _("version %(number)d") % {"number": number}) for number in numbers]
        self.fields["fra"].choices = self.fields["til"].choices = choices
