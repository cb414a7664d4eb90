"""`os2org org load|dump|coverage` — the organisation from the command line (`import-page`: os2org.sync)."""

from datetime import date
from json import dumps

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from os2org.organisation.coverage import coverage_csv, coverage_report, coverage_text
from os2org.organisation.loading import LoadError, dump_yaml, load_csv, load_yaml

# {name: action} that apps above the organisation add when they start (os2org.sync:
# `import-page`), since this app may not import them. An action has `help`,
# `add_arguments(parser)` and `handle(command, **options)`.
ACTIONS = {}


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
        for name, added in ACTIONS.items():
            added.add_arguments(actions.add_parser(name, help=added.help))

    def handle(self, *args, action, **options):
        if action in ACTIONS:
            ACTIONS[action].handle(self, **options)
        else:
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
