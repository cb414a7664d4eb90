import io

import pytest

from os2org.attachments.models import Kind
from os2org.attachments.sniffing import sniff
from tests.attachments import files


@pytest.mark.parametrize("kind", list(files.ALLOWED))
def test_sniff_finds_each_allowed_kind_from_its_bytes(kind):
    _name, make = files.ALLOWED[kind]

    assert sniff(io.BytesIO(make())) == kind


@pytest.mark.parametrize(
    "make", [files.html, files.plain_zip, files.word_lookalike, files.exe], ids=lambda f: f.__name__
)
def test_sniff_refuses_what_is_no_allowed_kind(make):
    assert sniff(io.BytesIO(make())) is None


def test_sniff_refuses_a_zip_that_starts_like_a_workbook_without_one():
    data = files._zip({"[Content_Types].xml": files.CONTENT_TYPES, "xl/styles.xml": "<styleSheet/>"})

    assert sniff(io.BytesIO(data)) is None


def test_sniff_leaves_the_file_at_its_start():
    file = io.BytesIO(files.docx())

    sniff(file)

    assert file.tell() == 0


def test_sniff_refuses_an_empty_file():
    assert sniff(io.BytesIO(b"")) is None


def test_sniff_reads_a_pdf_whatever_it_is_called():
    upload = files.upload("billede.png", files.pdf(), content_type="image/png")

    assert sniff(upload) == Kind.PDF
