"""`os2org handbook parse|lint|import|export` — the handbook from the command line.

Apps above the handbook add actions of their own (os2org.sync: `pull` and `push`).
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.common.progress import report
from os2org.common.visibility import Visibility
from os2org.handbook.lint import ERROR, lint
from os2org.handbook.models import Page
from os2org.handbook.navigation import build_menu
from os2org.handbook.pages import PageError, read_handbook
from os2org.handbook.rendering import Rendering
from os2org.handbook.services import export_handbook, import_handbook
from os2org.roles.parsing import parse_role


def page_summary(page):
    return {
        "path": page.path,
        "title": page.title,
        "parent": page.parent,
        "grand_parent": page.grand_parent,
        "nav_order": page.nav_order,
        "nav_exclude": page.nav_exclude,
        "kind": page.kind,
    }


def has_store():
    """Whether the database holds the handbook's tables: `parse` and `lint` work on files without it."""
    return Page._meta.db_table in connection.introspection.table_names()


def public_pages(pages, stored=True):
    """Whether each page is public: as stored, or for a new page, as an import would make it."""
    paths = [page.path for page in pages]
    levels = dict(Page.objects.filter(path__in=paths).values_list("path", "visibility")) if stored else {}
    default = settings.HANDBOOK_NEW_PAGE_VISIBILITY
    return lambda path: levels.get(path, default) == Visibility.PUBLIC


# {name: action} that apps above the handbook register when they start, since
# the handbook may not import them. An action has `help`, `add_arguments(parser)`
# and `handle(command, **options)`.
ACTIONS = {}


class Command(BaseCommand):
    help = "Read, check, import and export a Jekyll handbook."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        parse = actions.add_parser("parse", help="Print what the pages contain.")
        parse.add_argument("paths", nargs="+", metavar="PATH")
        parse.add_argument("--json", action="store_true", help="Print JSON.")
        check = actions.add_parser("lint", help="List findings; exit 1 when one is an error.")
        check.add_argument("paths", nargs="+", metavar="PATH")
        load = actions.add_parser("import", help="Store pages in the database, all or nothing.")
        load.add_argument("paths", nargs="+", metavar="PATH")
        load.add_argument("--replace", action="store_true", help="Remove stored pages not in the import.")
        export = actions.add_parser("export", help="Write the stored pages to a folder.")
        export.add_argument("directory", metavar="DIR")
        export.add_argument(
            "--refresh",
            action="store_true",
            help="Write the organisation page with its org charts and roles table generated from the data.",
        )
        for name, added in ACTIONS.items():
            added.add_arguments(actions.add_parser(name, help=added.help))

    def handle(self, *args, action, **options):
        try:
            if action in ACTIONS:
                ACTIONS[action].handle(self, **options)
            else:
                getattr(self, f"handle_{action}")(**options)
        except PageError as error:
            raise CommandError(str(error)) from None

    def handle_parse(self, *, paths, json: bool = False, **options):
        pages = read_handbook(paths)
        stored = has_store()
        rendering = Rendering.of_files(pages, paths, stored=stored)
        roles = {page.path: parse_role(page) for page in pages}
        result = {
            "pages": [page_summary(page) for page in pages],
            "nav": [item.as_dict() for item in build_menu(pages)],
            "roles": [role.as_dict() for role in roles.values() if role],
            "findings": [
                finding.as_dict()
                for finding in lint(pages, roles, rendering=rendering, public=public_pages(pages, stored), data=stored)
            ],
        }
        if json:
            self.stdout.write(_dumps(result))
            return
        for page in result["pages"]:
            self.stdout.write(f"{page['path']}: {page['kind']} “{page['title'] or ''}”")
        for role in result["roles"]:
            counts = " ".join(f"{p} {len(t)}" for p, t in role["tasks"].items())
            self.stdout.write(f"{role['path']}: role {role['name']}: {counts}")

    def handle_lint(self, *, paths, **options):
        pages = read_handbook(paths)
        stored = has_store()
        rendering = Rendering.of_files(pages, paths, stored=stored)
        findings = lint(pages, rendering=rendering, public=public_pages(pages, stored), data=stored)
        for finding in findings:
            self.stdout.write(str(finding))
        errors = sum(f.severity == ERROR for f in findings)
        self.stdout.write(
            ngettext("%(count)d finding", "%(count)d findings", len(findings)) % {"count": len(findings)}
            + ", "
            + ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors}
        )
        if errors:
            message = ngettext("%(count)d error in the handbook", "%(count)d errors in the handbook", errors)
            raise CommandError(message % {"count": errors}, returncode=1)

    def handle_import(self, *, paths, replace, verbosity, **options):
        result = import_handbook(paths, replace=replace, progress=self.progress if verbosity else None)
        self.stdout.write(
            _(
                "Imported %(pages)d pages (%(created)d new, %(updated)d updated, %(removed)d removed, "
                "%(roles)d role descriptions)."
            )
            % {
                "pages": result.created + result.updated,
                "created": result.created,
                "updated": result.updated,
                "removed": result.removed,
                "roles": result.roles,
            }
        )
        if result.visibilities:
            levels = ", ".join(f"{Visibility(level).label}: {count}" for level, count in result.visibilities.items())
            self.stdout.write(_("New pages by who may read them: %(levels)s.") % {"levels": levels})

    def handle_export(self, *, directory, refresh=False, **options):
        written = export_handbook(directory, refresh=refresh)
        self.stdout.write(_("Wrote %(count)d pages to %(directory)s.") % {"count": len(written), "directory": directory})

    def progress(self, number, total, name):
        report(self.stderr, number, total, name)


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)

