from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.sync.models import Repository
from os2org.sync.services import pull, push
from tests.accounts import make_user
from tests.sync import edits
from tests.sync.edits import ane, waiting
from tests.sync.repos import page

pytestmark = pytest.mark.django_db

EDITED = page("Chef", "Chefen leder sekretariatet.")


def edit(path="roller/chef.md", source=EDITED, *, user=None, note="Ny ansvarsfordeling"):
    return edits.edit(path, source, user=user, note=note)


@pytest.fixture
def pulled(remote):
    pull()
    return remote


def test_push_commits_an_edit_to_the_branch(pulled):
    edit(user=ane())

    push()

    assert pulled.text("roller/chef.md") == EDITED.rstrip("\n")


def test_push_commits_an_edit_by_the_person_who_made_it(pulled):
    edit(user=ane())

    push()

    author = pulled.head().author
    assert (author.name, author.email) == ("Ane Holm", "ane@example.org")


def test_push_commits_an_edit_with_the_page_and_the_change_note(pulled):
    edit(user=ane())

    push()

    assert pulled.head().message == "roller/chef.md: Ny ansvarsfordeling\n\nVersion 2 af siden i os2org."


def test_push_commits_an_edit_when_it_was_made(pulled):
    edit(user=ane())
    made = Page.objects.get(path="roller/chef.md").versions.first().created

    push()

    assert pulled.head().authored_datetime == made.replace(microsecond=0)


def test_push_commits_an_edit_by_someone_without_name_or_address_as_os2org(pulled):
    edit(user=make_user("anonym"))

    push()

    author = pulled.head().author
    assert (author.name, author.email) == ("os2org", "os2org@example.org")


def test_push_commits_each_edit_on_its_own(pulled):
    user = ane()
    edit(user=user, note="Første")
    edit("index.md", page("Velkommen", "Velkommen til."), user=user, note="")

    push()

    messages = [commit.summary for commit in pulled.bare.iter_commits("main", max_count=2)]
    assert messages == ["index.md: rettet i os2org", "roller/chef.md: Første"]


def test_push_leaves_no_edit_waiting(pulled):
    edit(user=ane())

    push()

    assert waiting() == []


def test_push_records_the_pushed_commit_as_imported(pulled):
    edit(user=ane())

    push()

    head = pulled.head().hexsha
    assert Repository.objects.values_list("pushed_commit", "imported_commit").get() == (head, head)


def test_push_does_not_commit_what_an_import_stored(pulled):
    pulled.commit({"index.md": page("Velkommen", "Fra Git.")})
    pull()
    before = pulled.head().hexsha

    push()

    assert pulled.head().hexsha == before


def test_push_with_nothing_to_push_writes_nothing(pulled):
    written = Entry.objects.count()

    result = push()

    assert (result.commit, Entry.objects.count()) == ("", written)


def test_push_brings_in_what_changed_in_git_first(pulled):
    pulled.commit({"index.md": page("Velkommen", "Fra Git.")})
    edit(user=ane())

    push()

    assert (pulled.text("index.md"), pulled.text("roller/chef.md")) == (
        page("Velkommen", "Fra Git.").rstrip("\n"),
        EDITED.rstrip("\n"),
    )


def test_push_to_a_review_branch_leaves_the_branch_as_it_was(pulled, settings):
    settings.HANDBOOK_GIT_REVIEW_BRANCH = "os2org/review"
    before = pulled.head().hexsha
    edit(user=ane())

    push()

    assert (pulled.head().hexsha, pulled.text("roller/chef.md", "os2org/review")) == (before, EDITED.rstrip("\n"))


def test_push_to_a_review_branch_builds_on_it(pulled, settings):
    settings.HANDBOOK_GIT_REVIEW_BRANCH = "os2org/review"
    user = ane()
    edit(user=user, note="Først")
    push()
    edit("index.md", page("Velkommen", "Velkommen til."), user=user, note="Så")

    push()

    messages = [commit.summary for commit in pulled.bare.iter_commits("os2org/review", max_count=2)]
    assert messages == ["index.md: Så", "roller/chef.md: Først"]


def test_edit_is_pushed_once_saved_when_set_to(pulled, settings, django_capture_on_commit_callbacks):
    settings.HANDBOOK_GIT_AUTO_PUSH = True

    with django_capture_on_commit_callbacks(execute=True):
        edit(user=ane())

    assert pulled.head().summary == "roller/chef.md: Ny ansvarsfordeling"


def test_edit_waits_for_push_when_not_set_to(pulled, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edit(user=ane())

    assert waiting() == [("roller/chef.md", 2)]


def test_command_push_says_what_it_pushed(pulled):
    edit(user=ane())
    out = StringIO()

    with translation.override("en"):
        call_command("handbook", "push", stdout=out)

    assert out.getvalue() == (
        f"The handbook is in step with Git's commit {pulled.head().parents[0].hexsha[:7]}: nothing new to import.\n"
        f"Pushed 1 edit to the branch main (commit {pulled.head().hexsha[:7]}).\n"
    )


@pytest.fixture
def organisation_page(pulled, seeds_dir):
    """The organisation page in Git, pulled, and the organisation imported from it."""
    from os2org.sync.organisation_page import import_organisation_page
    from tests.conftest import seed

    pulled.commit({"organisation.md": seed("001").read_text(encoding="utf-8")})
    pull()
    import_organisation_page(Page.objects.get(path="organisation.md"))
    return pulled


def test_push_refresh_commits_the_parts_generated_from_the_data(organisation_page):
    from os2org.handbook.services import refreshed_pages

    ((path, refreshed),) = refreshed_pages()

    push(refresh=True)

    assert (path, organisation_page.text(path), organisation_page.head().summary) == (
        "organisation.md",
        refreshed.rstrip("\n"),
        "organisation.md: de dele, der dannes ud fra data, lavet på ny",
    )


def test_push_refresh_commits_nothing_when_the_generated_parts_are_as_in_git(organisation_page):
    push(refresh=True)
    before = organisation_page.head().hexsha

    result = push(refresh=True)

    assert (result.commit, organisation_page.head().hexsha) == ("", before)
