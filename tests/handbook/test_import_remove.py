"""`import_handbook(…, remove=…)`: stored pages removed along with an import, as os2org.sync does for a commit."""

import pytest

from os2org.handbook.models import Page
from os2org.handbook.pages import PageError
from os2org.handbook.services import import_handbook
from tests.handbooks import write_pages

pytestmark = pytest.mark.django_db


def page(title, text="Tekst."):
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{text}\n"


@pytest.fixture
def site(tmp_path):
    """A handbook with three pages, stored."""
    folder = write_pages(tmp_path, {"a.md": page("A"), "b.md": page("B"), "c/d.md": page("D")})
    import_handbook([folder])
    return folder


def sources():
    return dict(Page.objects.values_list("path", "source"))


def test_import_removes_the_pages_it_is_told_to(site):
    (site / "a.md").write_text(page("A", "Ny."), encoding="utf-8")

    import_handbook([site / "a.md"], remove=["b.md", "c/d.md"])

    assert sources() == {"a.md": page("A", "Ny.")}


def test_import_without_files_only_removes(site):
    result = import_handbook([], remove=["b.md"])

    assert (sorted(sources()), result.removed) == (["a.md", "c/d.md"], 1)


def test_import_does_not_remove_a_page_it_stores(site):
    import_handbook([site / "a.md"], remove=["a.md"])

    assert sorted(sources()) == ["a.md", "b.md", "c/d.md"]


def test_import_that_fails_removes_nothing(site):
    (site / "a.md").write_text("---\ntitle: A\n---\n\nA\x00\n", encoding="utf-8")

    with pytest.raises(PageError):
        import_handbook([site / "a.md"], remove=["b.md"])

    assert sorted(sources()) == ["a.md", "b.md", "c/d.md"]


def test_import_keeps_the_visibility_of_a_page_renamed_from_one_it_removes(site):
    Page.objects.filter(path="b.md").update(visibility="internal")
    (site / "b.md").rename(site / "b2.md")

    import_handbook([site / "b2.md"], remove=["b.md"])

    assert Page.objects.get(path="b2.md").visibility == "internal"
