"""Keeping the stored handbook in step with its Git repository: pull, push and conflicts.

Git is asked first and the database is written last, in one transaction:
a pull or push that fails has changed nothing here, and what it left in
the clone (a checkout, a commit not pushed) is made again by the next run.
"""

import logging
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from os2org.audit.services import check_revision, record, snapshot
from os2org.handbook.models import Page, PageVersion
from os2org.handbook.pages import HIDDEN, PAGE_SUFFIXES, SITE_CONFIG, PageError
from os2org.handbook.services import ImportResult, import_handbook, refreshed_pages, save_page
from os2org.sync import git
from os2org.sync.git import Identity, SyncError
from os2org.sync.models import Conflict, Repository, SyncedVersion
from os2org.sync.selectors import current_repository, pending_versions

logger = logging.getLogger(__name__)

# Side branches are named <prefix><date>-<n>, n counting that day's.
CONFLICT_BRANCH = "os2org/conflict/"


@dataclass
class PullResult:
    commit: str
    # None when Git had nothing new.
    imported: ImportResult | None = None
    conflicts: list = field(default_factory=list)  # the paths of the pages that conflicted
    side_branch: str = ""


@dataclass
class PushResult:
    branch: str
    pulled: PullResult
    commit: str = ""  # "" when there was nothing to push
    edits: int = 0
    refreshed: list = field(default_factory=list)  # the paths of the pages whose generated parts were committed


def configured_origin() -> git.Origin:
    origin = git.Origin.configured()
    if origin is None:
        raise SyncError(
            _(
                "HANDBOOK_GIT_URL is not set, so the handbook is kept in no Git repository. Set it to the "
                "repository's address (a path or an https address) and try again."
            )
        )
    return origin


def is_page(path: str) -> bool:
    """Whether a file in the repository is a page, as `handbook import` reads a folder (Jekyll's rules)."""
    pure = PurePosixPath(path)
    return pure.suffix in PAGE_SUFFIXES and not any(part.startswith(HIDDEN) for part in pure.parts)


def pull(*, actor=None) -> PullResult:
    """Bring in what changed in Git since the commit last imported, all or nothing.

    Side effects: fetches the repository. When its branch has moved on:
    imports the pages the new commits add or change and removes the pages
    they remove (handbook.services.import_handbook: the pages, their role
    descriptions, versions and one audit entry); a page changed in os2org
    too since the last sync takes Git's version, and os2org's edits of it
    are committed to a new side branch, pushed, and recorded as a Conflict
    (one audit entry each); records the commit as imported (Repository)
    with one audit entry. The first pull takes the whole handbook as Git
    has it and removes the stored pages Git does not hold. Raises
    SyncError, with nothing stored, when the repository cannot be reached
    or a file in it cannot be imported.
    """
    origin = configured_origin()
    with git.opened(origin) as clone:
        return _pull(clone, origin, actor=actor)


def _pull(clone, origin, *, actor):
    head = clone.fetch()
    repository = current_repository(origin)
    base = repository.imported_commit if repository else ""
    if head == base:
        return PullResult(commit=head)
    clone.check_out(head)
    _check_site(clone, head)
    known = bool(base) and clone.has_commit(base)
    changed, removed = _changes(clone, base if known else None)
    theirs = {path: _text(clone, path) for path in changed}
    waiting = _waiting(repository, {*changed, *removed})
    conflicting = {path: edits for path, edits in waiting.items() if edits[-1].source != theirs.get(path)}
    try:
        with transaction.atomic():
            repository = _lock(origin, base)
            if known:
                imported = import_handbook(
                    [clone.file(path) for path in changed], remove=removed, site=clone.root, actor=actor
                )
            else:
                # The first pull, or one whose last commit Git no longer has: the whole handbook as Git has it.
                imported = import_handbook([clone.root], replace=True, actor=actor)
            agreeing = [edit for path, edits in waiting.items() if path not in conflicting for edit in edits]
            synced = [SyncedVersion(version=edit, commit=head, branch=origin.branch) for edit in agreeing]
            side_branch = ""
            if conflicting:
                side_branch, commits = _side_branch(clone, base if known else head, conflicting)
                synced += _open_conflicts(repository, conflicting, side_branch, commits, head=head, actor=actor)
            SyncedVersion.objects.bulk_create(_in(repository, synced))
            repository.imported_commit, repository.imported_at = head, timezone.now()
            repository.save(update_fields=["imported_commit", "imported_at"])
            record(
                "sync.pull",
                actor=actor,
                summary=f"Pulled {head[:7]} from {origin.shown_url} ({origin.branch})",
                obj=repository,
                data={"commit": head, "changed": changed, "removed": removed, "conflicts": sorted(conflicting)},
            )
    except PageError as error:
        raise _unreadable(error, head) from None
    return PullResult(commit=head, imported=imported, conflicts=sorted(conflicting), side_branch=side_branch)


def _check_site(clone, head):
    """The repository's root must be the Jekyll site: pages are named from the folder that holds _config.yml."""
    if not (clone.root / SITE_CONFIG).is_file():
        raise SyncError(
            _(
                "The repository has no %(config)s at its root (commit %(commit)s), so os2org cannot tell where "
                "the handbook's pages are named from. Nothing was imported. Keep the Jekyll site at the "
                "repository's root, with its %(config)s, then pull again."
            )
            % {"config": SITE_CONFIG, "commit": head[:7]}
        )


def _open_conflicts(repository, conflicting, branch, commits, *, head, actor):
    """A Conflict per page of `conflicting` ({path: edits}); the edits as SyncedVersions on the side branch."""
    for path, edits in conflicting.items():
        newest = edits[-1]
        open_conflict(
            repository,
            path=path,
            ours=newest.source,
            branch=branch,
            commit=commits[newest.pk],
            git_commit=head,
            actor=actor,
        )
    edits = [edit for edits in conflicting.values() for edit in edits]
    return [SyncedVersion(version=edit, commit=commits[edit.pk], branch=branch) for edit in edits]


def _changes(clone, base):
    """(changed, removed): the page paths the commits since `base` add or change, and remove.

    Without a base (the first pull, or a history Git no longer has), every
    page in Git counts as changed and every stored page it lacks as removed.
    """
    if base is None:
        changed = sorted(filter(is_page, clone.files()))
        removed = list(Page.objects.exclude(path__in=changed).values_list("path", flat=True))
        return changed, removed
    changed, removed = clone.changes(base, clone.head())
    return sorted(filter(is_page, changed)), sorted(filter(is_page, removed))


def _text(clone, path):
    """Git's text of a page, to tell whether os2org's differs; None for a file the import refuses anyway."""
    target = clone.file(path)
    if target.is_symlink() or not target.is_file():
        return None
    with target.open("rb") as file:
        data = file.read(settings.IMPORT_MAX_BYTES + 1)
    try:
        return data.decode("utf-8") if len(data) <= settings.IMPORT_MAX_BYTES else None
    except UnicodeDecodeError:
        return None


def _unreadable(error, head):
    message = _("%(error)s (in commit %(commit)s). Nothing was imported. Fix the file in Git, then pull again.")
    return SyncError(message % {"error": error, "commit": head[:7]})


def _waiting(repository, paths):
    """{path: [edits]}: the edits not yet in Git of the pages at `paths`, oldest first."""
    if repository is None:
        return {}
    waiting = {}
    for edit in pending_versions(repository).filter(page__path__in=paths).select_related("page", "actor"):
        waiting.setdefault(edit.page.path, []).append(edit)
    return waiting


def _lock(origin, base):
    """The Repository, locked for the rest of the transaction; made at the first pull.

    Refuses (SyncError) when another pull or push imported in the meantime:
    this one's reading of what changed is out of date.
    """
    newest = PageVersion.objects.aggregate(newest=Max("id"))["newest"] or 0
    repository, _created = Repository.objects.select_for_update().get_or_create(
        url=origin.url, branch=origin.branch, defaults={"baseline_version": newest}
    )
    if repository.imported_commit != base:
        raise SyncError(
            _(
                "Another pull or push of the handbook ran at the same time. Nothing of this one was stored: "
                "run it again."
            )
        )
    return repository


def _in(repository, synced):
    """The rows of `synced` for `repository`, but of the edits of pages Git removed: they went with the page."""
    kept = set(PageVersion.objects.filter(pk__in=[row.version.pk for row in synced]).values_list("pk", flat=True))
    for row in synced:
        row.repository = repository
    return [row for row in synced if row.version.pk in kept]


def _side_branch(clone, start, conflicting):
    """Commit os2org's edits of the conflicting pages on a new branch from `start`, and push it.

    Returns (branch, {edit id: the commit that holds it}).
    """
    branch = _free_branch(clone)
    clone.check_out(start)
    commits = {}
    for edit in sorted((edit for edits in conflicting.values() for edit in edits), key=lambda edit: edit.pk):
        commits[edit.pk] = commit_edit(clone, edit) or clone.head()
    clone.push(clone.head(), branch)
    return branch, commits


def _free_branch(clone):
    day = timezone.localdate().isoformat()
    prefix = f"{CONFLICT_BRANCH}{day}-"
    recorded = Conflict.objects.filter(branch__startswith=prefix).values_list("branch", flat=True)
    taken = clone.remote_branches(prefix) | set(recorded)
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def open_conflict(
    repository: Repository, *, path: str, ours: str, branch: str, commit: str, git_commit: str, actor=None
) -> Conflict:
    """Record that the page at `path` changed on both sides; os2org's version `ours` is on `branch` at `commit`.

    Side effects: a Conflict for the page (linked to the stored page, if
    Git did not remove it); an open conflict of the same page is marked
    superseded, since the new one holds the newer text; an audit entry for each.
    """
    now = timezone.now()
    for older in Conflict.objects.open().filter(repository=repository, path=path):
        before = snapshot(older)
        older.resolved_at, older.resolution = now, Conflict.Resolution.SUPERSEDED
        older.save(update_fields=["resolved_at", "resolution"])
        summary = f"Conflict on {path} superseded"
        record("sync.conflict", actor=actor, summary=summary, obj=older, before=before, after=snapshot(older))
    conflict = Conflict.objects.create(
        repository=repository,
        page=Page.objects.filter(path=path).first(),
        path=path,
        ours=ours,
        branch=branch,
        commit=commit,
        git_commit=git_commit,
    )
    summary = f"Conflict on {path}: os2org's version is on {branch}"
    record("sync.conflict", actor=actor, summary=summary, obj=conflict, after=snapshot(conflict))
    return conflict


def author_of(user) -> Identity:
    """Who a commit of `user`'s edit is by: their name and e-mail, or HANDBOOK_GIT_AUTHOR's where they have none."""
    fallback = Identity.parse(settings.HANDBOOK_GIT_AUTHOR)
    if user is None or not (user.get_full_name() or user.email):
        return fallback
    return Identity(user.get_full_name() or user.get_username(), user.email or fallback.email)


def commit_edit(clone: git.Clone, edit: PageVersion) -> str | None:
    """Commit one edit made in os2org (a PageVersion of the editor's) as its author made it.

    Returns the commit, or None when Git has the edit's text already.
    """
    with translation.override(settings.HANDBOOK_LANGUAGE):
        lines = edit.note.strip().splitlines() or [_("edited in os2org")]
        body = "\n".join(lines[1:]).strip()
        message = f"{edit.page.path}: {lines[0]}\n\n" + (f"{body}\n\n" if body else "")
        message += _("Version %(number)d of the page in os2org.") % {"number": edit.number}
    return clone.commit_text(
        edit.page.path,
        edit.source,
        message=message,
        author=author_of(edit.actor),
        committer=Identity.parse(settings.HANDBOOK_GIT_AUTHOR),
        when=edit.created,
    )


def _commit_refreshed(clone):
    """Commit each page whose parts generated from the data differ from Git's; their paths."""
    app = Identity.parse(settings.HANDBOOK_GIT_AUTHOR)
    committed = []
    for path, source in refreshed_pages():
        with translation.override(settings.HANDBOOK_LANGUAGE):
            message = f"{path}: " + _("the parts generated from the data, made anew")
        if clone.commit_text(path, source, message=message, author=app, committer=app, when=timezone.now()):
            committed.append(path)
    return committed


def push(*, actor=None, refresh: bool = False) -> PushResult:
    """Commit each edit made in os2org that Git does not have yet, and push them.

    Pulls first (see pull), so that Git's changes come in and a page changed
    on both sides becomes a conflict instead of being overwritten. Then, on
    the branch (or HANDBOOK_GIT_REVIEW_BRANCH) as the repository has it:
    one commit per edit (a PageVersion of the editor's), by its author, at
    the time it was made, saying the page's path and the change note; with
    `refresh`, a commit for each page whose parts generated from the data
    (handbook.services.refreshed_pages) differ from Git's. Side effects
    after the push: each edit recorded as in Git (SyncedVersion), the
    pushed commit (Repository; without a review branch also as imported),
    one audit entry. Pushing nothing writes nothing. Raises SyncError when
    Git cannot be reached or refuses: nothing is recorded, and the edits
    wait for the next push.
    """
    origin = configured_origin()
    with git.opened(origin) as clone:
        pulled = _pull(clone, origin, actor=actor)
        repository = current_repository(origin)
        target = origin.target_branch
        start = clone.remote_head(target) or repository.imported_commit
        clone.check_out(start)
        synced = [
            SyncedVersion(version=edit, commit=commit_edit(clone, edit) or clone.head(), branch=target)
            for edit in pending_versions(repository).select_related("page", "actor")
        ]
        refreshed = _commit_refreshed(clone) if refresh else []
        head = clone.head()
        if not synced and head == start:
            return PushResult(target, pulled)
        if head != start:
            clone.push(head, target)
        _record_push(origin, pulled.commit, synced, head=head, refreshed=refreshed, actor=actor)
    return PushResult(target, pulled, commit=head, edits=len(synced), refreshed=refreshed)


def _record_push(origin, pulled, synced, *, head, refreshed, actor):
    """Store what a push put in Git: the edits (SyncedVersion), the commit, one audit entry."""
    target = origin.target_branch
    with transaction.atomic():
        repository = _lock(origin, pulled)
        SyncedVersion.objects.bulk_create(_in(repository, synced))
        repository.pushed_commit, repository.pushed_at = head, timezone.now()
        fields = ["pushed_commit", "pushed_at"]
        if target == origin.branch:
            # The branch is now the stored handbook plus the pages refreshed: nothing to import from it.
            repository.imported_commit = head
            fields.append("imported_commit")
        repository.save(update_fields=fields)
        record(
            "sync.push",
            actor=actor,
            summary=f"Pushed {len(synced)} edits to {origin.shown_url} ({target})",
            obj=repository,
            data={
                "commit": head,
                "branch": target,
                "versions": [row.version.pk for row in synced],
                "refreshed": refreshed,
            },
        )


def push_after_edit(sender, *, version, **kwargs):
    """handbook.signals.page_edited's receiver: push the edit once it is saved, if HANDBOOK_GIT_AUTO_PUSH says so.

    A push that fails leaves the edit saved and waiting; the status page
    shows it, and the next push takes it along.
    """
    if settings.HANDBOOK_GIT_AUTO_PUSH and settings.HANDBOOK_GIT_URL:
        transaction.on_commit(lambda: _push_quietly(version.actor))


def _push_quietly(actor):
    try:
        push(actor=actor)
    except SyncError as error:
        logger.warning("An edit is saved but not yet in Git: %s", error)


def resolve_conflict(conflict: Conflict, *, take: str, revision: int | None = None, actor=None) -> Conflict:
    """Settle a conflict: keep Git's version (`take` "git"), or take os2org's as a new edit ("os2org").

    `revision` is the conflict's revision the form was opened at (see
    audit.services.check_revision); None skips the check. Side effects:
    the Conflict marked resolved, by `actor`; taking os2org's version saves
    it to the page (handbook.services.save_page: a new edit, pushed like
    any other), whose audit entry tells of the conflict it resolves; keeping
    Git's writes one audit entry of its own. Raises ValidationError, with
    nothing written, for an out-of-date form, a conflict resolved already,
    and os2org's version of a page Git removed.
    """
    with transaction.atomic():
        check_revision(conflict, revision)
        conflict = Conflict.objects.select_for_update(of=("self",)).select_related("page").get(pk=conflict.pk)
        if not conflict.is_open:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("This conflict has been resolved already. Nothing was changed.")}, code="resolved"
            )
        before = snapshot(conflict)
        conflict.resolution, conflict.resolved_at, conflict.resolved_by = take, timezone.now(), actor
        conflict.save(update_fields=["resolution", "resolved_at", "resolved_by"])
        changes = {"conflict": {"id": conflict.pk, "before": before, "after": snapshot(conflict)}}
        if take == Conflict.Resolution.OS2ORG and _take_ours(conflict, actor=actor, data=changes):
            return conflict
        record(
            "sync.conflict",
            actor=actor,
            summary=f"Conflict on {conflict.path} resolved: {conflict.resolution}",
            obj=conflict,
            before=before,
            after=snapshot(conflict),
        )
    return conflict


def _take_ours(conflict, *, actor, data):
    if conflict.page is None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The page was removed in Git, so os2org's version cannot be taken here. It is kept on the "
                    "branch %(branch)s: to bring the page back, merge that branch in Git."
                )
                % {"branch": conflict.branch}
            },
            code="removed",
        )
    page = conflict.page
    if page.source == conflict.ours:
        return False
    with translation.override(settings.HANDBOOK_LANGUAGE):
        note = _("os2org's version, taken after a conflict with Git (branch %(branch)s)") % {"branch": conflict.branch}
    save_page(page, source=conflict.ours, visibility=page.visibility, note=note, actor=actor, audit_data=data)
    return True
