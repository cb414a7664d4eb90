"""What the page editor's edits are told apart by: their origin, and the signal that tells the apps above."""

import pytest

from os2org.handbook.models import Page, PageVersion
from os2org.handbook.services import import_handbook, save_page
from os2org.handbook.signals import page_edited
from tests.accounts import make_user
from tests.handbooks import write_pages

pytestmark = pytest.mark.django_db

PAGE = "---\ntitle: Forside\n---\n\n# Forside\n"


@pytest.fixture
def front(tmp_path):
    import_handbook([write_pages(tmp_path, {"index.md": PAGE})])
    return Page.objects.get()


def test_imported_version_is_an_imports(front):
    assert list(PageVersion.objects.values_list("origin", flat=True)) == ["import"]


def test_edited_version_is_the_editors(front):
    save_page(front, source=PAGE + "\nRettet.\n", visibility=front.visibility, actor=make_user("ane"))

    assert list(PageVersion.objects.order_by("number").values_list("origin", flat=True)) == ["import", "editor"]


def test_edit_is_told_with_its_version(front):
    told = []

    def listener(sender, *, page, version, **kwargs):
        told.append((page.path, version.number))

    page_edited.connect(listener)
    try:
        save_page(front, source=PAGE + "\nRettet.\n", visibility=front.visibility)
    finally:
        page_edited.disconnect(listener)

    assert told == [("index.md", 2)]


def test_save_that_changes_only_who_may_read_tells_of_no_edit(front):
    told = []
    page_edited.connect(told.append)
    try:
        save_page(front, source=PAGE, visibility="internal")
    finally:
        page_edited.disconnect(told.append)

    assert told == []


def test_audit_data_goes_into_the_edits_audit_entry(front):
    edited = save_page(front, source=PAGE + "\nRettet.\n", visibility=front.visibility, audit_data={"conflict": 7})

    from os2org.audit.services import history

    assert history(edited).first().data["conflict"] == 7
