"""`os2org budgets accounts|actuals` — the chart of accounts and a quarter's actuals from files."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from os2org.budgets.loading import load_accounts, load_actuals
from os2org.budgets.models import FIRST_YEAR, LAST_YEAR, QUARTERS
from os2org.common.tables import TableError

ACTUALS_HELP = """Replace one quarter's actuals with those of FILE, all or nothing. FILE is CSV (; or , between
cells, UTF-8) or XLSX (its first sheet), with a header row naming the columns account;body;amount:
the account's number in the chart of accounts, the body's address (its slug: the secretariat, a
programme or a product community), and the amount in kroner with a decimal comma or point and at
most two decimals (negative for a credit). Rows of one body and account are added up. Importing
a quarter again replaces all of that quarter's actuals. An unknown account or body, or an amount
that is none, stops the import at file:line (file:Sheet!C4 in a spreadsheet) and changes nothing."""


def _year(text):
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ValueError(text)
    return int(text)


class Command(BaseCommand):
    help = "Budgets: load the chart of accounts, import a quarter's actuals."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        accounts = actions.add_parser(
            "accounts",
            help="Add and update the chart of accounts from FILE (CSV or XLSX with the columns number;name[;kind], "
            "kind expense or income), all or nothing. Accounts missing from the file are kept.",
        )
        accounts.add_argument("file", metavar="FILE")
        actuals = actions.add_parser("actuals", help=ACTUALS_HELP, description=ACTUALS_HELP)
        actuals.add_argument("file", metavar="FILE")
        actuals.add_argument("--year", type=_year, required=True, metavar="YYYY", help="The year the export is for.")
        actuals.add_argument("--quarter", type=int, choices=QUARTERS, required=True, help="The quarter, 1 to 4.")

    def handle(self, *args, action, file, **options):
        try:
            if action == "accounts":
                added, changed = load_accounts(file)
                self.stdout.write(_("Chart of accounts loaded: %(added)d added, %(changed)d changed.") % {"added": added, "changed": changed})
            else:
                stored = load_actuals(file, year=options["year"], quarter=options["quarter"])
                message = _("Imported %(rows)d actuals for quarter %(quarter)d of %(year)d; the quarter's earlier actuals are replaced.")
                self.stdout.write(message % {"rows": stored, "quarter": options["quarter"], "year": options["year"]})
        except TableError as error:
            raise CommandError(str(error)) from None
