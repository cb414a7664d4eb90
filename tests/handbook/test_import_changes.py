"""Storing a set of changes (handbook.services.import_changes), as os2org.sync does for a Git commit."""

import pytest

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.pages import PageError, read_page
from os2org.handbook.services import import_changes, import_handbook
from tests.handbooks import write_pages

pytestmark = pytest.mark.django_db


def page(title, text="Tekst."):
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{text}\n"


@pytest.fixture
def stored(tmp_path):
    import_handbook([write_pages(tmp_path, {"a.md": page("A"), "b.md": page("B"), "c/d.md": page("D")})])


def sources():
    return dict(Page.objects.values_list("path", "source"))


def test_import_changes_stores_the_pages_and_removes_the_paths_given(stored):
    import_changes([read_page("a.md", page("A", "Ny.")), read_page("e.md", page("E"))], removed=["b.md"])

    assert sources() == {"a.md": page("A", "Ny."), "c/d.md": page("D"), "e.md": page("E")}


def test_import_changes_removes_nothing_it_is_not_given(stored):
    import_changes([read_page("a.md", page("A", "Ny."))])

    assert sorted(sources()) == ["a.md", "b.md", "c/d.md"]


def test_import_changes_counts_what_it_did(stored):
    result = import_changes([read_page("a.md", page("A", "Ny.")), read_page("e.md", page("E"))], removed=["b.md"])

    assert (result.created, result.updated, result.removed) == (1, 1, 1)


def test_import_changes_writes_one_audit_entry_naming_the_removed_paths(stored):
    written = Entry.objects.count()

    import_changes([read_page("a.md", page("A", "Ny."))], removed=["b.md", "x.md"])

    entry = Entry.objects.order_by("-id").first()
    assert (Entry.objects.count() - written, entry.data["paths"], entry.data["removed_paths"]) == (
        1,
        ["a.md"],
        ["b.md", "x.md"],
    )


def test_import_changes_is_all_or_nothing(stored):
    before = (sources(), Entry.objects.count())
    too_long = read_page("lang.md", page("L" * 501))

    with pytest.raises(PageError):
        import_changes([read_page("a.md", page("A", "Ny.")), too_long], removed=["b.md"])

    assert (sources(), Entry.objects.count()) == before


def test_import_changes_keeps_the_visibility_of_a_renamed_page(stored):
    Page.objects.filter(path="b.md").update(visibility="internal")

    import_changes([read_page("b2.md", page("B"))], removed=["b.md"])

    assert Page.objects.get(path="b2.md").visibility == "internal"
