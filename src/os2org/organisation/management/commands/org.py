"""`os2org org load|dump|coverage|import-page` — the organisation from the command line."""

from datetime import date
from json import dumps

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from os2org.handbook.models import Page
from os2org.organisation.coverage import coverage_csv, coverage_report, coverage_text
from os2org.organisation.handbook_page import import_organisation_page
from os2org.organisation.loading import LoadError, dump_yaml, load_csv, load_yaml


class Command(BaseCommand):
    help = "Load, dump and check the organisation: bodies, organisations, people and assignments."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser("load", help="Load a YAML file (or --csv a spreadsheet of people), all or nothing.")
        load.add_argument("file", metavar="FILE")
        load.add_argument("--csv", action="store_true", help="FILE is a CSV export of people and assignments.")
        dump = actions.add_parser("dump", help="Write the organisation as YAML (to FILE or standard output).")
        dump.add_argument("file", nargs="?", metavar="FILE")
        coverage = actions.add_parser("coverage", help="Report what is not covered.")
        coverage.add_argument("--json", action="store_true", help="Print JSON.")
        coverage.add_argument("--csv", action="store_true", help="Print CSV.")
        coverage.add_argument(
            "--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="The day to report on (today by default)."
        )
        page = actions.add_parser("import-page", help="Read partners, roles and diagrams from the organisation page.")
        page.add_argument("path", metavar="PATH", help="The page's path in the stored handbook.")

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action.replace("-", "_"))(**options)

    def handle_load(self, *, file, csv=False, **options):
        try:
            result = (load_csv if csv else load_yaml)(file)
        except LoadError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Loaded %(file)s: organisations %(organisations)d, bodies %(bodies)d, people %(people)d, "
                "assignments %(assignments)d, task estimates %(task_hours)d "
                "(new: %(created)d, changed: %(changed)d, unchanged: %(unchanged)d)."
            )
            % {"file": file, **result.__dict__}
        )

    def handle_dump(self, *, file=None, **options):
        text = dump_yaml()
        if file is None:
            self.stdout.write(text, ending="")
            return
        with open(file, "w", encoding="utf-8") as output:
            output.write(text)
        self.stdout.write(_("Wrote the organisation to %(file)s.") % {"file": file})

    def handle_coverage(self, *, json=False, csv=False, on=None, **options):
        """The coverage report (organisation.coverage) as JSON, CSV or text for a reader."""
        report = coverage_report(on=on)
        if json:
            self.stdout.write(dumps(report, ensure_ascii=False, indent=2))
        elif csv:
            self.stdout.write(coverage_csv(report), ending="")
        else:
            self.stdout.write("\n".join(coverage_text(report)))

    def handle_import_page(self, *, path, **options):
        """Import the organisation from a stored handbook page; print its findings and a summary."""
        page = Page.objects.filter(path=path).first()
        if page is None:
            message = _("No stored handbook page has the path %(path)s; import the handbook first.")
            raise CommandError(message % {"path": path})
        result = import_organisation_page(page)
        for finding in result.findings:
            self.stdout.write(str(finding))
        self.stdout.write(
            _(
                "Imported the organisation from %(path)s: %(bodies)d bodies, %(relations)d relations, "
                "%(partners)d partners, %(roles)d roles."
            )
            % {"path": path, **{k: v for k, v in result.__dict__.items() if k != "findings"}}
        )
