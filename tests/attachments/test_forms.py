import pytest
from django import forms
from django.utils import translation

from os2org.attachments.forms import AttachmentField
from tests.attachments import files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


CHOOSE = "Choose a PDF, Word, Excel or image file of at most 20 MB."


class AgendaForm(forms.Form):
    """A form of another app, as it adds an attachment."""

    bilag = AttachmentField()


def test_attachment_field_puts_the_refusal_at_its_own_field():
    form = AgendaForm(files={"bilag": files.upload("bilag.pdf", files.html())})

    assert form.errors == {"bilag": ["“bilag.pdf” is not a PDF, Word, Excel or image file. " + CHOOSE]}


def test_attachment_field_takes_an_allowed_file():
    upload = files.upload("logo.png", files.png(), content_type="image/png")
    form = AgendaForm(files={"bilag": upload})

    assert (form.is_valid(), form.cleaned_data["bilag"].name) == (True, "logo.png")


def test_attachment_field_offers_the_allowed_suffixes_to_the_file_picker():
    html = str(AgendaForm()["bilag"])

    assert 'accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.gif,.webp"' in html


def test_attachment_field_says_what_to_choose_under_the_limit_of_the_day(settings):
    settings.ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

    assert str(AgendaForm()["bilag"].help_text) == "Choose a PDF, Word, Excel or image file of at most 5 MB."


def test_attachment_field_is_labelled_in_the_language_of_the_page():
    with translation.override("da"):
        label = str(AgendaForm()["bilag"].label)

    assert label == "Bilag"
