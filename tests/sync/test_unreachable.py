"""A repository that cannot be reached, or refuses: nothing is lost or changed, and the message says what to do."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from git import Repo

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.services import save_page
from os2org.sync.git import Origin
from os2org.sync.models import Repository
from os2org.sync.selectors import current_repository, pending_versions
from os2org.sync.services import pull
from tests.accounts import make_user
from tests.sync.repos import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def gone(remote, tmp_path):
    """The handbook pulled and a page edited here; then the repository's server is gone."""
    pull()
    chef = Page.objects.get(path="roller/chef.md")
    save_page(chef, source=page("Chef", "Rettet her."), visibility=chef.visibility, actor=make_user("ane"))
    remote.path.rename(tmp_path / "elsewhere.git")
    return remote


def state():
    repository = Repository.objects.get()
    pages = dict(Page.objects.values_list("path", "source"))
    waiting = list(pending_versions(repository).values_list("page__path", "number"))
    return pages, repository.imported_commit, repository.pushed_commit, waiting, Entry.objects.count()


def handbook(*args):
    with translation.override("en"):
        call_command("handbook", *args)


@pytest.mark.parametrize("action", ["pull", "push"])
def test_unreachable_repository_changes_nothing(gone, action):
    before = state()

    with pytest.raises(CommandError):
        handbook(action)

    assert state() == before


@pytest.mark.parametrize("action", ["pull", "push"])
def test_unreachable_repository_exits_with_an_error(gone, action):
    with pytest.raises(CommandError) as raised:
        handbook(action)

    assert raised.value.returncode == 1


def test_unreachable_repository_is_named_with_what_to_do(gone):
    with pytest.raises(CommandError) as raised:
        handbook("pull")

    assert str(raised.value) == (
        f"Could not fetch the handbook from {gone.path}: '{gone.path}' does not appear to be a git repository. "
        "Nothing was changed. Check HANDBOOK_GIT_URL, that the server can be reached and that the token may read "
        "the repository, then try again."
    )


def test_push_refused_by_the_repository_keeps_the_edit_waiting(remote, settings):
    pull()
    chef = Page.objects.get(path="roller/chef.md")
    save_page(chef, source=page("Chef", "Rettet her."), visibility=chef.visibility, actor=make_user("ane"))
    hook = remote.path / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the branch is protected' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)

    with pytest.raises(CommandError) as raised:
        handbook("push")

    waiting = list(pending_versions(current_repository(Origin.configured())).values_list("page__path", "number"))
    unpushed = Repo(settings.HANDBOOK_GIT_WORKDIR).head.commit.hexsha
    assert (str(raised.value), waiting) == (
        f"Could not push to the branch main of {remote.path}: [remote rejected] {unpushed} -> main "
        "(pre-receive hook declined). "
        "Nothing was lost: the edits wait in os2org. Check that the server can be reached and that the token may "
        "write to the repository, then run `os2org handbook push` again.",
        [("roller/chef.md", 2)],
    )
