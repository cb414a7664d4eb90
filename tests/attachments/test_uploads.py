"""Django's upload handlers keep no more of a file than an attachment may be, and the form refuses it at its field."""

import pytest
from django import forms
from django.test import RequestFactory
from django.utils import translation

from os2org.attachments.forms import AttachmentField
from tests.attachments import files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class AgendaForm(forms.Form):
    bilag = AttachmentField()


def test_upload_keeps_no_more_than_one_byte_past_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 100_000
    data = files.pdf() + b"%" * 5_000_000
    request = RequestFactory().post("/", {"bilag": files.upload("stor.pdf", data)})

    kept = request.FILES["bilag"]

    assert (kept.size, kept.read(8)) == (100_001, b"%PDF-1.4")


def test_upload_over_the_limit_is_refused_at_its_field(settings):
    settings.ATTACHMENT_MAX_BYTES = 100_000
    data = files.pdf() + b"%" * 5_000_000
    request = RequestFactory().post("/", {"bilag": files.upload("stor.pdf", data)})

    form = AgendaForm(files=request.FILES)

    assert form.errors == {
        "bilag": ["“stor.pdf” is larger than 97.7 KB. Choose a PDF, Word, Excel or image file of at most 97.7 KB."]
    }


def test_upload_under_the_limit_is_kept_whole(settings):
    data = files.docx()
    request = RequestFactory().post("/", {"bilag": files.upload("referat.docx", data)})

    assert request.FILES["bilag"].read() == data
