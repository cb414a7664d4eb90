"""`os2org org load|dump|coverage|import-page` — the organisation from the command line."""

from django.core.management.base import BaseCommand


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
        page = actions.add_parser("import-page", help="Read partners, roles and diagrams from the organisation page.")
        page.add_argument("path", metavar="PATH", help="The page's path in the stored handbook.")

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action.replace("-", "_"))(**options)
