"""`os2org handbook pull|push` and `os2org org import-page`, which SyncConfig adds to those commands."""

from django.conf import settings
from django.core.management import CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.handbook.models import Page
from os2org.sync.git import SyncError
from os2org.sync.organisation_page import import_organisation_page
from os2org.sync.services import pull, push


class Pull:
    help = "Import what changed in the handbook's Git repository since the last pull, all or nothing."

    def add_arguments(self, parser):
        pass

    def handle(self, command, **options):
        try:
            result = pull()
        except SyncError as error:
            raise CommandError(str(error)) from None
        for line in pulled(result):
            command.stdout.write(line)


class Push:
    help = "Commit the edits made in os2org to the handbook's Git repository, and push them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Also commit the organisation page with its org charts and roles table made anew from the data.",
        )

    def handle(self, command, *, refresh=False, **options):
        try:
            result = push(refresh=refresh)
        except SyncError as error:
            raise CommandError(str(error)) from None
        for line in pulled(result.pulled):
            command.stdout.write(line)
        if not result.commit:
            command.stdout.write(_("Nothing to push: Git has every edit made in os2org."))
            return
        command.stdout.write(
            ngettext(
                "Pushed %(count)d edit to the branch %(branch)s (commit %(commit)s).",
                "Pushed %(count)d edits to the branch %(branch)s (commit %(commit)s).",
                result.edits,
            )
            % {"count": result.edits, "branch": result.branch, "commit": result.commit[:7]}
        )
        if result.refreshed:
            pages = ", ".join(result.refreshed)
            command.stdout.write(_("Generated parts made anew in: %(pages)s.") % {"pages": pages})


def pulled(result):
    """What a pull did, in lines for the command line."""
    short = result.commit[:7]
    if result.imported is None:
        return [_("The handbook is in step with Git's commit %(commit)s: nothing new to import.") % {"commit": short}]
    imported = result.imported
    lines = [
        _("Imported commit %(commit)s: %(updated)d pages changed, %(created)d new, %(removed)d removed.")
        % {"commit": short, "updated": imported.updated, "created": imported.created, "removed": imported.removed}
    ]
    if result.conflicts:
        address = settings.SITE_URL.rstrip("/") + reverse("sync:status")
        message = ngettext(
            "%(count)d page was changed both in os2org and in Git: %(pages)s. Git's version was imported; "
            "os2org's is on the branch %(branch)s. Settle it at %(address)s.",
            "%(count)d pages were changed both in os2org and in Git: %(pages)s. Git's versions were imported; "
            "os2org's are on the branch %(branch)s. Settle them at %(address)s.",
            len(result.conflicts),
        )
        values = {"pages": ", ".join(result.conflicts), "branch": result.side_branch, "address": address}
        lines.append(message % {"count": len(result.conflicts), **values})
    return lines


class ImportPage:
    help = "Read partners, roles and diagrams from the organisation page."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The page's path in the stored handbook.")

    def handle(self, command, *, path, **options):
        """Import the organisation from a stored handbook page; print its findings and a summary."""
        page = Page.objects.filter(path=path).first()
        if page is None:
            message = _("No stored handbook page has the path %(path)s; import the handbook first.")
            raise CommandError(message % {"path": path})
        result = import_organisation_page(page)
        for finding in result.findings:
            command.stdout.write(str(finding))
        command.stdout.write(
            _(
                "Imported the organisation from %(path)s: %(bodies)d bodies, %(relations)d relations, "
                "%(partners)d partners, %(roles)d roles."
            )
            % {"path": path, **{k: v for k, v in result.__dict__.items() if k != "findings"}}
        )
