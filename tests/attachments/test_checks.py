import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.attachments.checks import check_upload
from os2org.attachments.models import Kind
from tests.attachments import files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


CHOOSE = "Choose a PDF, Word, Excel or image file of at most 20 MB."


def refusal(upload):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload)
    return (caught.value.code, caught.value.messages)


def test_check_upload_gives_the_kind_found_in_the_bytes():
    assert check_upload(files.upload("budget.xlsx", files.xlsx())) == Kind.XLSX


def test_check_upload_refuses_html_named_pdf():
    assert refusal(files.upload("bilag.pdf", files.html())) == (
        "kind",
        ["“bilag.pdf” is not a PDF, Word, Excel or image file. " + CHOOSE],
    )


def test_check_upload_refuses_a_zip_named_docx():
    assert refusal(files.upload("referat.docx", files.plain_zip()))[0] == "kind"


def test_check_upload_refuses_a_program_named_png():
    assert refusal(files.upload("logo.png", files.exe(), content_type="image/png"))[0] == "kind"


def test_check_upload_refuses_an_empty_file():
    assert refusal(files.upload("tom.pdf", b"")) == (
        "empty",
        ["“tom.pdf” is empty. Choose a PDF, Word, Excel or image file of at most 20 MB."],
    )


def test_check_upload_refuses_a_file_over_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    data = files.pdf() + b"%" * 2048

    assert refusal(files.upload("stor.pdf", data)) == (
        "too_large",
        ["“stor.pdf” is larger than 2 KB. Choose a PDF, Word, Excel or image file of at most 2 KB."],
    )


def test_check_upload_takes_a_file_of_exactly_the_limit(settings):
    data = files.pdf()
    settings.ATTACHMENT_MAX_BYTES = len(data)

    assert check_upload(files.upload("bilag.pdf", data)) == Kind.PDF


def test_check_upload_names_the_file_as_cleaned():
    message = refusal(files.upload("../../x\x00y.pdf", files.html()))[1][0]

    assert message.startswith("“xy.pdf” is not")


def test_check_upload_says_what_to_choose_in_danish():
    with translation.override("da"):
        message = refusal(files.upload("bilag.pdf", files.html()))[1][0]

    assert message == (
        "“bilag.pdf” er ikke en PDF-, Word-, Excel- eller billedfil. "
        "Vælg en PDF-, Word-, Excel- eller billedfil på højst 20 MB."
    )
