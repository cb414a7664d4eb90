from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.models import Asset, Page, PageVersion, Site
from os2org.handbook.services import save_page
from os2org.sync.git import SyncError
from os2org.sync.models import Repository
from os2org.sync.services import pull
from tests.accounts import make_user
from tests.sync.repos import page

pytestmark = pytest.mark.django_db


def stored():
    return dict(Page.objects.values_list("path", "source"))


def imported_commit():
    return Repository.objects.values_list("imported_commit", flat=True).get()


def handbook(*args):
    """`os2org handbook …` in English; its output."""
    out = StringIO()
    with translation.override("en"):
        call_command("handbook", *args, stdout=out)
    return out.getvalue()


def test_first_pull_imports_every_page(remote):
    pull()

    assert stored() == {"index.md": page("Velkommen"), "roller/chef.md": page("Chef")}


def test_first_pull_records_the_commit(remote):
    pull()

    assert Repository.objects.values_list("url", "branch", "imported_commit").get() == (
        str(remote.path),
        "main",
        remote.head().hexsha,
    )


def test_first_pull_removes_the_pages_git_does_not_hold(remote, tmp_path):
    from os2org.handbook.services import import_handbook

    (tmp_path / "gammel.md").write_text(page("Gammel"), encoding="utf-8")
    import_handbook([tmp_path / "gammel.md"])

    pull()

    assert sorted(stored()) == ["index.md", "roller/chef.md"]


def test_pull_imports_a_changed_page(remote):
    pull()
    remote.commit({"roller/chef.md": page("Chef", "Chefen leder.")})

    pull()

    assert stored()["roller/chef.md"] == page("Chef", "Chefen leder.")


def test_pull_imports_an_added_page(remote):
    pull()
    remote.commit({"roller/koordinator.md": page("Koordinator")})

    pull()

    assert sorted(stored()) == ["index.md", "roller/chef.md", "roller/koordinator.md"]


def test_pull_brings_a_changed_site_config_and_a_new_file(remote):
    pull()
    remote.commit({"_config.yml": "title: Ny titel\n", "billeder/kort.svg": "<svg></svg>"})

    pull()

    assert (Site.objects.values_list("source", flat=True).get(), list(Asset.objects.values_list("path", flat=True))) == (
        "title: Ny titel\n",
        ["billeder/kort.svg"],
    )


def test_pull_removes_a_file_git_removed(remote):
    remote.commit({"billeder/kort.svg": "<svg></svg>"})
    pull()
    remote.commit({"billeder/kort.svg": None})

    pull()

    assert Asset.objects.count() == 0


def test_pull_removes_a_removed_page(remote):
    pull()
    remote.commit({"roller/chef.md": None})

    pull()

    assert sorted(stored()) == ["index.md"]


def test_pull_records_the_newest_commit(remote):
    pull()
    newest = remote.commit({"index.md": page("Velkommen", "Velkommen til.")})

    pull()

    assert imported_commit() == newest


def test_pull_imports_only_the_pages_that_changed(remote):
    pull()
    remote.commit({"index.md": page("Velkommen", "Velkommen til.")})

    pull()

    versions = PageVersion.objects.order_by("id").values_list("page__path", "number")
    assert list(versions) == [("index.md", 1), ("roller/chef.md", 1), ("index.md", 2)]


def test_pull_leaves_out_what_jekyll_leaves_out(remote):
    pull()
    remote.commit({"_includes/hoved.md": page("Hoved"), ".github/skabelon.md": page("Skabelon"), "logo.svg": "<svg/>"})

    pull()

    assert sorted(stored()) == ["index.md", "roller/chef.md"]


def test_pull_with_nothing_new_writes_nothing(remote):
    pull()
    written = Entry.objects.count()

    result = pull()

    assert (result.imported, Entry.objects.count()) == (None, written)


def test_pull_keeps_an_edit_to_a_page_git_did_not_change(remote):
    pull()
    chef = Page.objects.get(path="roller/chef.md")
    save_page(chef, source=page("Chef", "Rettet her."), visibility=chef.visibility, actor=make_user("ane"))
    remote.commit({"index.md": page("Velkommen", "Velkommen til.")})

    pull()

    assert stored()["roller/chef.md"] == page("Chef", "Rettet her.")


def test_pull_of_a_broken_page_stores_nothing(remote):
    pull()
    before = (stored(), imported_commit(), Entry.objects.count())
    remote.commit({"index.md": page("Velkommen", "Ny tekst."), "roller/chef.md": "---\ntitle: [\n---\n"})

    with pytest.raises(SyncError):
        pull()

    assert (stored(), imported_commit(), Entry.objects.count()) == before


def test_pull_of_a_broken_page_names_the_file_and_says_what_to_do(remote):
    pull()
    broken = remote.commit({"roller/chef.md": "---\ntitle: Chef\n---\n\nChef\x00\n"})

    with pytest.raises(SyncError) as raised, translation.override("en"):
        pull()

    assert str(raised.value) == (
        f"roller/chef.md:5: contains a NUL byte (in commit {broken[:7]}). Nothing was imported. "
        "Fix the file in Git, then pull again."
    )


def test_command_pull_says_what_it_imported(remote):
    handbook("pull")
    newest = remote.commit({"roller/koordinator.md": page("Koordinator"), "index.md": None})

    assert handbook("pull") == f"Imported commit {newest[:7]}: 0 pages changed, 1 new, 1 removed.\n"


def test_command_pull_with_nothing_new_says_so(remote):
    handbook("pull")

    assert handbook("pull") == (
        f"The handbook is in step with Git's commit {remote.head().hexsha[:7]}: nothing new to import.\n"
    )


def test_command_pull_without_a_repository_says_what_to_set(db, settings):
    settings.HANDBOOK_GIT_URL = ""

    with pytest.raises(CommandError) as raised:
        handbook("pull")

    assert str(raised.value) == (
        "HANDBOOK_GIT_URL is not set, so the handbook is kept in no Git repository. Set it to the repository's "
        "address (a path or an https address) and try again."
    )


def test_pull_of_a_repository_without_its_site_config_at_the_root_is_refused(remote):
    pull()
    moved = remote.commit({"_config.yml": None, "docs/_config.yml": "title: Håndbogen\n"})

    with pytest.raises(SyncError) as raised, translation.override("en"):
        pull()

    assert str(raised.value) == (
        f"The repository has no _config.yml at its root (commit {moved[:7]}), so os2org cannot tell where the "
        "handbook's pages are named from. Nothing was imported. Keep the Jekyll site at the repository's root, "
        "with its _config.yml, then pull again."
    )
