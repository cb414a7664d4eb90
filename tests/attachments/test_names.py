import pytest

from os2org.attachments.models import Attachment, Kind
from os2org.attachments.names import MAX_LENGTH, clean_file_name, download_name


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("budget.pdf", "budget.pdf"),
        ("C:\\Users\\ane\\Documents\\budget 2026.xlsx", "budget 2026.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("re\x00fe\x1brat\u202e.docx", "referat.docx"),
        ("line\nbreak\u2028.pdf", "linebreak.pdf"),
        ("  two\u00a0 spaces .pdf ", "two spaces .pdf"),
        ("...", "bilag"),
        ("", "bilag"),
        ("bilag til møde æøå.pdf", "bilag til møde æøå.pdf"),
    ],
)
def test_clean_file_name_keeps_only_the_files_own_printable_name(name, cleaned):
    assert clean_file_name(name) == cleaned


def test_clean_file_name_cuts_a_long_name_keeping_its_suffix():
    cleaned = clean_file_name("a" * 500 + ".pdf")

    assert (len(cleaned), cleaned[-4:]) == (MAX_LENGTH, ".pdf")


@pytest.mark.parametrize(
    ("name", "kind", "offered"),
    [
        ("budget.pdf", Kind.PDF, "budget.pdf"),
        ("budget", Kind.PDF, "budget.pdf"),
        ("budget.PDF", Kind.PDF, "budget.PDF"),
        ("side.html", Kind.PDF, "side.html.pdf"),
        ("foto.jpeg", Kind.JPEG, "foto.jpeg"),
        ("foto", Kind.JPEG, "foto.jpg"),
    ],
)
def test_download_name_ends_with_a_suffix_of_its_kind(name, kind, offered):
    assert download_name(Attachment(original_name=name, content_type=kind)) == offered
