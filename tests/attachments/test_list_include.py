"""The include that lists an item's attachments on the item's page."""

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from os2org.attachments.models import Attachment, Kind
from tests.xss_corpus import INLINE


def listed(*attachments, **context):
    return render_to_string("attachments/list.html", {"attachments": attachments, **context})


def attachment(pk, name, kind, size):
    return Attachment(pk=pk, original_name=name, content_type=kind, size=size)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, [name for name, _value in attrs]))


def tags(html):
    parser = Tags()
    parser.feed(html)
    return parser.found


def test_list_names_each_file_with_its_type_and_size_in_danish():
    with translation.override("da"):
        html = listed(attachment(7, "budget.xlsx", Kind.XLSX, 5632), attachment(8, "foto.jpg", Kind.JPEG, 1_363_149))

    assert " ".join(html.split()) == (
        '<h2>Bilag</h2> <ul class="org-attachments"> '
        '<li><a href="/bilag/7/">budget.xlsx</a> (Excel, 5,5 KB)</li> '
        '<li><a href="/bilag/8/">foto.jpg</a> (JPEG-billede, 1,3 MB)</li> </ul>'
    )


def test_list_takes_the_level_of_its_heading():
    with translation.override("en"):
        html = listed(attachment(7, "a.pdf", Kind.PDF, 10), heading_level=3)

    assert html.split("\n")[1] == "<h3>Attachments</h3>"


def test_list_of_no_attachments_shows_nothing():
    assert listed().strip() == ""


@pytest.mark.parametrize("payload", INLINE, ids=lambda payload: payload.id)
def test_list_shows_a_name_as_text_never_as_markup(payload):
    html = listed(attachment(7, payload.text, Kind.PDF, 10))

    assert tags(html) == [("h2", []), ("ul", ["class"]), ("li", []), ("a", ["href"])]
