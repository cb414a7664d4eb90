"""Which files an import reads and how it names them: inside the handbook's root, never through a link."""

import os

import pytest

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.pages import PageError
from os2org.handbook.services import import_handbook
from tests.handbooks import write_pages

pytestmark = pytest.mark.django_db

SECRET = "SECRET_KEY=hemmelig\n"


def stored():
    return dict(Page.objects.values_list("path", "source")), Entry.objects.count()


def import_error(*paths, replace=True):
    before = stored()
    with pytest.raises(PageError) as raised:
        import_handbook(list(paths), replace=replace)
    assert stored() == before
    return str(raised.value)


@pytest.fixture
def site(tmp_path):
    """A handbook (a Jekyll site) at tmp_path/site, imported, and a secret beside it."""
    (tmp_path / "hemmelig.env").write_text(SECRET, encoding="utf-8")
    pages = {"index.md": "# Forside\n", "roller/chef.md": "# Chef\n", "roller/leder.md": "# Leder\n"}
    import_handbook([write_pages(tmp_path / "site", pages)])
    return tmp_path / "site"


def test_import_refuses_a_page_that_is_a_link_to_a_file_outside(site):
    (site / "env.md").symlink_to(site.parent / "hemmelig.env")

    assert import_error(site) == "env.md: is a symbolic link; a handbook is read only from the files inside it"


def test_import_refuses_a_folder_that_is_a_link(site, tmp_path):
    write_pages(tmp_path / "andet", {"env.md": SECRET}, site=False)
    (site / "roller" / "mere").symlink_to(tmp_path / "andet", target_is_directory=True)

    assert import_error(site) == "roller/mere: is a symbolic link; a handbook is read only from the files inside it"


def test_import_refuses_a_link_given_by_itself(site):
    (site / "env.md").symlink_to(site.parent / "hemmelig.env")

    message = "is a symbolic link; a handbook is read only from the files inside it"
    assert import_error(site / "env.md") == f"env.md: {message}"


def test_import_refuses_a_path_that_climbs_out_of_its_handbook(site):
    (site.parent / "ude.md").write_text("# Ude\n", encoding="utf-8")
    climbing = site / "roller" / ".." / ".." / "ude.md"

    assert import_error(climbing) == f"{climbing}: lies outside the handbook it is named from ({site})"


def test_import_ignores_links_in_hidden_folders(site):
    (site / "_includes").mkdir()
    (site / "_includes" / "env.md").symlink_to(site.parent / "hemmelig.env")

    import_handbook([site])

    assert sorted(stored()[0]) == ["index.md", "roller/chef.md", "roller/leder.md"]


def test_import_names_a_folder_from_the_handbook_root(site):
    (site / "roller" / "ny.md").write_text("# Ny\n", encoding="utf-8")

    import_handbook([site / "roller"])

    assert sorted(stored()[0]) == ["index.md", "roller/chef.md", "roller/leder.md", "roller/ny.md"]


def test_import_names_a_file_from_the_handbook_root(site):
    (site / "roller" / "chef.md").write_text("# Chefen\n", encoding="utf-8")

    import_handbook([site / "roller" / "chef.md"])

    assert stored()[0] == {"index.md": "# Forside\n", "roller/chef.md": "# Chefen\n", "roller/leder.md": "# Leder\n"}


def test_import_of_a_relative_path_names_from_the_root(site, monkeypatch):
    monkeypatch.chdir(site / "roller")

    import_handbook([os.path.join("..", "roller", "chef.md")])

    assert sorted(stored()[0]) == ["index.md", "roller/chef.md", "roller/leder.md"]


def test_partial_replace_of_one_file_keeps_every_other_page(site):
    (site / "roller" / "chef.md").write_text("# Chefen\n", encoding="utf-8")

    result = import_handbook([site / "roller" / "chef.md"], replace=True)

    assert (result.removed, stored()[0]) == (
        0,
        {"index.md": "# Forside\n", "roller/chef.md": "# Chefen\n", "roller/leder.md": "# Leder\n"},
    )


def test_partial_replace_of_a_folder_removes_only_inside_it(site):
    write_pages(site, {"rollerne.md": "# Rollerne\n", "noter/note.md": "# Note\n"})
    import_handbook([site])
    (site / "roller" / "leder.md").unlink()
    (site / "noter" / "note.md").unlink()

    result = import_handbook([site / "roller"], replace=True)

    assert (result.removed, sorted(stored()[0])) == (1, ["index.md", "noter/note.md", "roller/chef.md", "rollerne.md"])


def test_replace_of_the_root_removes_every_page_it_does_not_hold(site):
    (site / "roller" / "leder.md").unlink()

    result = import_handbook([site], replace=True)

    assert (result.removed, sorted(stored()[0])) == (1, ["index.md", "roller/chef.md"])


def test_import_reads_a_page_given_by_itself_and_in_its_folder_once(site):
    result = import_handbook([site / "roller", site / "roller" / "chef.md"])

    assert (result.created, result.updated) == (0, 2)
