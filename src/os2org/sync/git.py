"""The handbook's Git repository, through os2org's own clone of it.

The clone in HANDBOOK_GIT_WORKDIR is a working copy only: what has been
imported, pushed or is waiting is in the database (sync.models), so the
folder may be deleted at any time and is made again on the next pull.
Nothing here touches the database. GitPython runs Debian's git.

A token never enters an address, a command line, a file or a message: git
asks a credential helper for it, and the helper reads it from the
environment variable HANDBOOK_GIT_TOKEN_ENV names, when git needs it.
"""

import fcntl
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext as _
from git import Actor, GitCommandError, Repo
from git.exc import GitError

# How long one fetch or push may take before it is given up.
NETWORK_SECONDS = 120
REMOTE = "origin"
# GitHub's name for a token's user; GitLab takes any name with a token.
TOKEN_USER = "x-access-token"


class SyncError(Exception):
    """Keeping in step failed; `str()` says where and what to do, and nothing was changed."""


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    @classmethod
    def parse(cls, text):
        """'Name <address>' (as HANDBOOK_GIT_AUTHOR is written)."""
        name, _sep, rest = text.rpartition(" <")
        return cls(name.strip(), rest.rstrip(">").strip())

    def actor(self):
        return Actor(self.name, self.email)


@dataclass(frozen=True)
class Origin:
    """The repository os2org is set up to keep the handbook in step with."""

    url: str
    branch: str
    review_branch: str
    token_variable: str
    workdir: Path

    @classmethod
    def configured(cls):
        """The Origin of the settings, or None without HANDBOOK_GIT_URL."""
        if not settings.HANDBOOK_GIT_URL:
            return None
        return cls(
            url=settings.HANDBOOK_GIT_URL,
            branch=settings.HANDBOOK_GIT_BRANCH,
            review_branch=settings.HANDBOOK_GIT_REVIEW_BRANCH,
            token_variable=settings.HANDBOOK_GIT_TOKEN_ENV,
            workdir=Path(settings.HANDBOOK_GIT_WORKDIR),
        )

    @property
    def target_branch(self):
        """Where os2org's edits go: the review branch if there is one."""
        return self.review_branch or self.branch

    @property
    def shown_url(self):
        return shown_url(self.url)


def shown_url(url):
    """An address as it may be shown: without a user name or password in it."""
    parts = urlsplit(url)
    if not parts.netloc or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def reason(error):
    """What git said went wrong, in a line: a refused branch, or its first `fatal:` or `error:` line."""
    said = re.sub(r"^\s*stderr: '|'\s*$", "", getattr(error, "stderr", "") or "")
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("! ["):
            # "! [remote rejected] HEAD -> main (pre-receive hook declined)"
            return line.removeprefix("! ").strip()
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else str(error)


class Clone:
    """os2org's clone of the Origin, opened by `opened` (which holds a lock while it is in use)."""

    def __init__(self, origin, repo):
        self.origin, self.repo = origin, repo

    @property
    def root(self):
        return Path(self.repo.working_tree_dir)

    # The network.

    def network_environment(self):
        """git's environment for a fetch or a push: never asks a person, and finds the token itself."""
        environment = {
            "GIT_TERMINAL_PROMPT": "0",
            # An SSH address uses the service's own key; BatchMode refuses to ask for a passphrase.
            "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"),
        }
        if os.environ.get(self.origin.token_variable):
            user = urlsplit(self.origin.url).username or TOKEN_USER
            # A shell function that prints the token from the environment when git asks for it:
            # the command line holds the variable's name only.
            answer = f'echo username={user} && echo "password=${self.origin.token_variable}"'
            helper = f'!f() {{ test "$1" = get && {answer}; }}; f'
            environment.update(
                GIT_CONFIG_COUNT="2",
                GIT_CONFIG_KEY_0="credential.helper",
                GIT_CONFIG_VALUE_0="",
                GIT_CONFIG_KEY_1="credential.helper",
                GIT_CONFIG_VALUE_1=helper,
            )
        return environment

    def _reach(self, command, *arguments):
        """Run a git command that reaches the repository over the network, for a limited time."""
        run = getattr(self.repo.git, command)
        return run(*arguments, env=self.network_environment(), kill_after_timeout=NETWORK_SECONDS)

    def fetch(self):
        """Fetch every branch; the commit the handbook's branch is at.

        Raises SyncError when the repository cannot be reached or has no such branch.
        """
        try:
            self._reach("fetch", REMOTE, "--prune", f"+refs/heads/*:refs/remotes/{REMOTE}/*")
        except GitCommandError as error:
            raise SyncError(
                _(
                    "Could not fetch the handbook from %(url)s: %(reason)s. Nothing was changed. Check "
                    "HANDBOOK_GIT_URL, that the server can be reached and that the token may read the "
                    "repository, then try again."
                )
                % {"url": self.origin.shown_url, "reason": reason(error)}
            ) from None
        head = self.remote_head(self.origin.branch)
        if head is None:
            raise SyncError(
                _(
                    "The repository %(url)s has no branch %(branch)s. Nothing was changed. Set "
                    "HANDBOOK_GIT_BRANCH to the branch the handbook is on."
                )
                % {"url": self.origin.shown_url, "branch": self.origin.branch}
            )
        return head

    def push(self, commit, branch):
        """Make `branch` in the repository point at `commit` (a fast-forward only).

        Raises SyncError when the repository cannot be reached or refuses.
        """
        try:
            self._reach("push", REMOTE, f"{commit}:refs/heads/{branch}")
        except GitCommandError as error:
            raise SyncError(
                _(
                    "Could not push to the branch %(branch)s of %(url)s: %(reason)s. Nothing was lost: "
                    "the edits wait in os2org. Check that the server can be reached and that the token may "
                    "write to the repository, then run `os2org handbook push` again."
                )
                % {"branch": branch, "url": self.origin.shown_url, "reason": reason(error)}
            ) from None

    # The commits fetched.

    def remote_head(self, branch):
        """The commit a branch of the repository was at when last fetched, or None."""
        try:
            return self.repo.git.rev_parse("--verify", "--quiet", f"refs/remotes/{REMOTE}/{branch}^{{commit}}")
        except GitCommandError:
            return None

    def remote_branches(self, prefix):
        """The names of the repository's branches that start with `prefix`, as last fetched."""
        found = self.repo.git.for_each_ref("--format=%(refname)", f"refs/remotes/{REMOTE}/{prefix}")
        return {line.removeprefix(f"refs/remotes/{REMOTE}/") for line in found.splitlines()}

    def has_commit(self, commit):
        try:
            self.repo.git.cat_file("-e", f"{commit}^{{commit}}")
        except GitCommandError:
            return False
        return True

    def changes(self, older, newer):
        """(changed, removed): the paths of the files that `newer` adds or changes, and that it removes."""
        output = self.repo.git.diff("--name-status", "--no-renames", "-z", older, newer)
        fields = output.split("\0")
        changed, removed = [], []
        for status, path in zip(fields[0::2], fields[1::2]):
            (removed if status == "D" else changed).append(path)
        return changed, removed

    def files(self):
        """The path of every file in the work tree's commit."""
        return [path for path in self.repo.git.ls_files("-z").split("\0") if path]

    # The work tree.

    def check_out(self, commit):
        """Make the work tree exactly `commit`, whatever was in it."""
        self.repo.git.checkout("--detach", "--force", commit)
        self.repo.git.clean("-ffdx")

    def head(self):
        return self.repo.head.commit.hexsha

    def file(self, path):
        """The file of a handbook path in the work tree, which must lie inside it."""
        target = self.root.joinpath(*PurePosixPath(path).parts)
        if not target.resolve().is_relative_to(self.root.resolve()):
            raise SyncError(_("%(path)s: points outside the repository.") % {"path": path})
        return target

    def commit_text(self, path, text, *, message, author, committer, when):
        """Write `text` to `path` and commit it; the new commit, or None when the file held `text` already."""
        target = self.file(path)
        data = text.encode("utf-8")
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            target.unlink()
        target.write_bytes(data)
        self.repo.git.add("--", path)
        commit = self.repo.index.commit(
            message,
            author=author.actor(),
            committer=committer.actor(),
            author_date=when,
            commit_date=datetime.now().astimezone(),
            skip_hooks=True,
        )
        return commit.hexsha


@contextmanager
def opened(origin):
    """The Clone of `origin`, made if it is missing, for one pull or push at a time.

    A lock beside the clone makes a second pull or push wait for the first.
    git failing in the clone itself (a full disk, a broken folder) raises
    SyncError naming the folder.
    """
    workdir = origin.workdir
    try:
        workdir.parent.mkdir(parents=True, exist_ok=True)
        with open(workdir.with_name(f"{workdir.name}.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield Clone(origin, _repository(origin))
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    except (GitError, OSError) as error:
        raise SyncError(
            _(
                "git failed in os2org's clone of the handbook, %(folder)s: %(reason)s. Nothing was changed. "
                "Delete that folder (it is made again from the repository) and try again; if it fails again, "
                "check HANDBOOK_GIT_WORKDIR and the space on its disk."
            )
            % {"folder": workdir, "reason": reason(error)}
        ) from None


def _repository(origin):
    if (origin.workdir / ".git").is_dir():
        repo = Repo(origin.workdir)
    else:
        repo = Repo.init(origin.workdir)
    with repo.config_writer() as config:
        # The address may change in the settings; the clone follows it.
        config.set_value(f'remote "{REMOTE}"', "url", origin.url)
        config.set_value(f'remote "{REMOTE}"', "fetch", f"+refs/heads/*:refs/remotes/{REMOTE}/*")
        # Pages are written back byte for byte: no line-end conversion.
        config.set_value("core", "autocrlf", "false")
    return repo
