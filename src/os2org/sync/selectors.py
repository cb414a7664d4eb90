"""Reads of the sync state that need care: the edits waiting for Git, the conflicts, the footer's line."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from os2org.handbook.models import PageVersion
from os2org.sync.git import Origin
from os2org.sync.models import Conflict, Repository


def current_repository(origin: Origin) -> Repository | None:
    """The sync state of the configured repository and branch; None before its first pull."""
    return Repository.objects.filter(url=origin.url, branch=origin.branch).first()


def pending_versions(repository: Repository) -> QuerySet:
    """The edits made in os2org since the first pull that are in Git on no branch yet, oldest first."""
    return (
        PageVersion.objects.filter(origin=PageVersion.Origin.EDITOR, id__gt=repository.baseline_version)
        .exclude(synced__repository=repository)
        .order_by("id")
    )


@dataclass
class Status:
    """What the status page shows."""

    origin: Origin | None
    repository: Repository | None = None
    pending: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)


def sync_status() -> Status:
    origin = Origin.configured()
    if origin is None:
        return Status(origin)
    repository = current_repository(origin)
    if repository is None:
        return Status(origin)
    pending = pending_versions(repository).select_related("page", "actor")
    pending = pending.only("number", "created", "note", "page__path", "page__slug", "actor__username")
    conflicts = Conflict.objects.filter(repository=repository).open().only("path", "branch", "created")
    return Status(origin, repository, list(pending), list(conflicts))


def footer_text() -> str:
    """The footer's line: whether the handbook is kept in step with Git, and when it last was."""
    origin = Origin.configured()
    if origin is None:
        return _("This handbook is kept here only, not in step with a Git repository.")
    repository = current_repository(origin)
    when = repository.synced_at if repository else None
    if when is None:
        return _("To be kept in step with the handbook in Git; not synced yet.")
    return _("Kept in step with the handbook in Git; last synced %(when)s.") % {
        "when": date_format(localtime(when), "DATETIME_FORMAT")
    }
