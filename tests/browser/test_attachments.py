"""Attachments as people meet them on an item's pages: the list and the form field (with a refusal) pass
axe-core, and a link downloads."""

import pytest
from django import forms
from django.template.loader import render_to_string

from os2org.attachments.forms import AttachmentField
from os2org.attachments.services import attach
from os2org.common.visibility import Visibility
from tests.attachments import files, owners

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]


def axe_violations(page, axe_source):
    page.evaluate(axe_source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [(rule["id"], [node["target"] for node in rule["nodes"]]) for rule in violations]


def show_on_a_page(page, server, attachments):
    """A page of the app with the list where a page of an item would put it: at the end of its main content."""
    html = render_to_string("attachments/list.html", {"attachments": attachments})
    page.goto(f"{server}/")
    page.evaluate("(html) => document.querySelector('main').insertAdjacentHTML('beforeend', html)", html)


def public_attachments(workbook=None):
    body = owners.body(Visibility.PUBLIC)
    return [
        attach(body, files.upload("Budget 2026, udkast.xlsx", workbook or files.xlsx())),
        attach(body, files.upload("foto.jpg", files.jpeg(), content_type="image/jpeg")),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_attachment_list_has_no_accessibility_violations(page, demo_server, axe_source, width):
    page.set_viewport_size({"width": width, "height": 844})
    show_on_a_page(page, demo_server, public_attachments())

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_attachment_field_has_no_accessibility_violations(page, demo_server, axe_source, width):
    class AgendaForm(forms.Form):
        bilag = AttachmentField()

    form = AgendaForm(files={"bilag": files.upload("bilag.pdf", files.html())})
    form.is_valid()
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{demo_server}/")
    html = f'<form method="post" enctype="multipart/form-data">{form.render()}</form>'
    page.evaluate("(html) => document.querySelector('main').insertAdjacentHTML('beforeend', html)", html)

    assert axe_violations(page, axe_source) == []


def test_attachment_link_downloads_the_file_under_its_name(page, demo_server, tmp_path):
    workbook = files.xlsx()
    show_on_a_page(page, demo_server, public_attachments(workbook))

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Budget 2026, udkast.xlsx").click()
    download = waiting.value
    download.save_as(tmp_path / "saved")

    assert (download.suggested_filename, (tmp_path / "saved").read_bytes()) == ("Budget 2026, udkast.xlsx", workbook)
