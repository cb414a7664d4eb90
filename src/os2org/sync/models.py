"""How far the stored handbook and its Git repository are in step.

The clone on disk (sync.git) is a working copy only; everything that must
not be lost is here: the commit last imported, which edits made in os2org
are in Git, and the conflicts waiting for the secretariat.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from os2org.handbook.models import Page, PageVersion

# A commit's name as git writes it: 40 hexadecimal digits (SHA-1).
COMMIT = r"^[0-9a-f]{40}$"


class Repository(models.Model):
    """A Git repository and branch the handbook is kept in step with (HANDBOOK_GIT_URL and _BRANCH).

    Kept per address and branch: another repository starts afresh.
    """

    url = models.CharField(_("address"), max_length=1000)
    branch = models.CharField(_("branch"), max_length=250)
    imported_commit = models.CharField(_("last imported commit"), max_length=40, blank=True)
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    pushed_commit = models.CharField(_("last pushed commit"), max_length=40, blank=True)
    pushed_at = models.DateTimeField(_("last pushed"), null=True, blank=True)
    # Edits made before the first pull are history, not edits to push: the
    # first pull takes the handbook as Git has it. The newest PageVersion then.
    baseline_version = models.PositiveBigIntegerField(_("versions before the first pull"), default=0)

    class Meta:
        verbose_name = _("Git repository")
        verbose_name_plural = _("Git repositories")
        constraints = [
            models.UniqueConstraint(fields=["url", "branch"], name="sync_repository_unique_branch"),
            models.CheckConstraint(condition=~Q(url=""), name="sync_repository_url_not_empty"),
            models.CheckConstraint(condition=~Q(branch=""), name="sync_repository_branch_not_empty"),
            models.CheckConstraint(
                condition=Q(imported_commit="") | Q(imported_commit__regex=COMMIT), name="sync_imported_commit_hex"
            ),
            models.CheckConstraint(
                condition=Q(pushed_commit="") | Q(pushed_commit__regex=COMMIT), name="sync_pushed_commit_hex"
            ),
        ]

    def __str__(self):
        return f"{self.url} ({self.branch})"

    @property
    def synced_at(self):
        """When os2org and Git were last brought in step, by a pull or a push."""
        return max(filter(None, [self.imported_at, self.pushed_at]), default=None)


class SyncedVersionQuerySet(models.QuerySet):
    def of(self, repository):
        return self.filter(repository=repository)


class SyncedVersion(models.Model):
    """An edit made in os2org (a PageVersion of the editor's) that is in Git.

    Committed to the branch (or the review branch), or to a conflict's
    side branch; or found already there, when Git had the same text.
    """

    repository = models.ForeignKey(Repository, verbose_name=_("repository"), on_delete=models.CASCADE)
    version = models.ForeignKey(
        PageVersion, verbose_name=_("page version"), on_delete=models.CASCADE, related_name="synced"
    )
    commit = models.CharField(_("commit"), max_length=40)
    branch = models.CharField(_("branch"), max_length=250)

    objects = SyncedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edit in Git")
        verbose_name_plural = _("edits in Git")
        constraints = [
            models.UniqueConstraint(fields=["repository", "version"], name="sync_version_once"),
            models.CheckConstraint(condition=Q(commit__regex=COMMIT), name="sync_version_commit_hex"),
        ]

    def __str__(self):
        return f"{self.version} → {self.commit[:7]}"


class ConflictQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Conflict(models.Model):
    """A page changed both in os2org and in Git since they were last in step.

    Git's version was imported; os2org's (`ours`) was committed on the side
    branch `branch` and waits here for the secretariat: keep Git's version,
    or take os2org's as a new edit.
    """

    class Resolution(models.TextChoices):
        GIT = "git", _("Git's version kept")
        OS2ORG = "os2org", _("os2org's version taken")
        # The page conflicted again before this was resolved; the newer conflict holds the newer text.
        SUPERSEDED = "superseded", _("replaced by a newer conflict")

    repository = models.ForeignKey(Repository, verbose_name=_("repository"), on_delete=models.CASCADE)
    # None when Git removed the page.
    page = models.ForeignKey(
        Page, verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="conflicts"
    )
    path = models.CharField(_("path"), max_length=500)
    ours = models.TextField(_("os2org's version"))
    branch = models.CharField(_("side branch"), max_length=250)
    commit = models.CharField(_("commit on the side branch"), max_length=40)
    git_commit = models.CharField(_("Git's commit"), max_length=40)
    created = models.DateTimeField(_("found"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    resolution = models.CharField(_("resolution"), max_length=10, choices=Resolution.choices, blank=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")
        constraints = [
            models.UniqueConstraint(
                fields=["repository", "path"], condition=Q(resolved_at__isnull=True), name="sync_conflict_one_open"
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolution="")
                | Q(resolved_at__isnull=False, resolution__in=["git", "os2org", "superseded"]),
                name="sync_conflict_resolved_with_resolution",
            ),
            models.CheckConstraint(condition=Q(commit__regex=COMMIT), name="sync_conflict_commit_hex"),
            models.CheckConstraint(condition=Q(git_commit__regex=COMMIT), name="sync_conflict_git_commit_hex"),
            models.CheckConstraint(condition=~Q(path=""), name="sync_conflict_path_not_empty"),
        ]

    def __str__(self):
        return f"{self.path} ({self.branch})"

    def get_absolute_url(self):
        return reverse("sync:conflict", args=[self.pk])

    @property
    def is_open(self):
        return self.resolved_at is None
