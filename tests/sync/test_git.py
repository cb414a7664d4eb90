"""The clone's dealings with git that the pull and push tests do not show: the token, and addresses shown."""

import os
import shutil
import subprocess

import pytest
from django.utils import translation

from os2org.sync import git
from os2org.sync.git import Origin, SyncError, shown_url
from os2org.sync.services import pull
from tests.sync.repos import page

TOKEN = "ghp_hemmeligt-token"
ADDRESS = "https://git.example.org/forening/haandbog.git"


@pytest.fixture
def https(remote, settings, monkeypatch):
    """The repository set up at an https address, with a token in the environment."""
    settings.HANDBOOK_GIT_URL = ADDRESS
    monkeypatch.setenv("HANDBOOK_GIT_TOKEN", TOKEN)
    with git.opened(Origin.configured()) as clone:
        yield clone


def credential(clone, host="git.example.org"):
    """What git's credential helpers answer for `host`, as git asks them before it fetches or pushes."""
    asked = subprocess.run(
        ["git", "credential", "fill"],
        input=f"protocol=https\nhost={host}\n\n",
        env={**os.environ, **clone.network_environment()},
        cwd=clone.root,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return asked.stdout


def test_token_is_given_to_git_when_it_asks(https):
    assert credential(https) == f"protocol=https\nhost=git.example.org\nusername=x-access-token\npassword={TOKEN}\n"


def test_token_is_in_no_command_line_or_setting_git_is_given(https):
    environment = https.network_environment()

    assert [name for name, value in environment.items() if TOKEN in value] == []


def test_token_is_not_written_to_the_clone(https):
    with https.repo.config_reader() as config:
        written = str({section: config.items(section) for section in config.sections()})

    assert (TOKEN in written, ADDRESS in written) == (False, True)


def test_without_a_token_git_is_given_no_credential_helper(remote, settings, monkeypatch):
    monkeypatch.delenv("HANDBOOK_GIT_TOKEN", raising=False)
    settings.HANDBOOK_GIT_URL = ADDRESS

    with git.opened(Origin.configured()) as clone:
        assert "GIT_CONFIG_COUNT" not in clone.network_environment()


def test_address_is_shown_without_its_user():
    assert shown_url("https://oauth2@git.example.org/haandbog.git") == "https://git.example.org/haandbog.git"


def test_path_is_shown_as_it_is():
    assert shown_url("/srv/git/haandbog.git") == "/srv/git/haandbog.git"


def test_broken_clone_is_named_with_what_to_do(db, remote, settings):
    pull()
    (settings.HANDBOOK_GIT_WORKDIR / ".git" / "HEAD").write_text("garbage\n", encoding="utf-8")

    with pytest.raises(SyncError) as raised, translation.override("en"):
        pull()

    clone = settings.HANDBOOK_GIT_WORKDIR
    assert str(raised.value).startswith(f"git failed in os2org's clone of the handbook, {clone}: ")


def test_deleted_clone_is_made_again(db, remote, settings):
    pull()
    shutil.rmtree(settings.HANDBOOK_GIT_WORKDIR)
    newest = remote.commit({"index.md": page("Velkommen", "Igen.")})

    assert pull().commit == newest
