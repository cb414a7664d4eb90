"""`os2org members load|dump|refresh|contributions|export|payments` — members and money from the command line."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.common.tables import TableError
from os2org.members import accounting, loading, selectors
from os2org.members.models import Contribution
from os2org.members.services import raise_contributions, refresh_members

FORMATS = ("yaml", "csv", "xlsx")


class Command(BaseCommand):
    help = "The member register, agreements and contributions: load, dump, refresh, work out, export and read back."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser(
            "load", help="Load organisations, agreements and contacts from YAML, CSV or XLSX, all or nothing."
        )
        load.add_argument("file", metavar="FILE")
        dump = actions.add_parser("dump", help="Write the register as YAML, CSV (one section) or XLSX.")
        dump.add_argument("file", nargs="?", metavar="FILE", help="Where to write it (standard output by default).")
        dump.add_argument("--format", choices=FORMATS, help="By default from FILE's ending, else YAML.")
        dump.add_argument("--section", choices=list(loading.SECTIONS), default="agreements", help="For CSV.")
        refresh = actions.add_parser(
            "refresh", help="End agreements whose notice has run out and set who is a member of what (each night)."
        )
        refresh.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="The day (today by default).")
        work_out = actions.add_parser("contributions", help="Work out what the agreements make due for a year.")
        work_out.add_argument("year", type=int, nargs="?", help="This year by default.")
        export = actions.add_parser("export", help="Write a year's invoice lines for the accounting system.")
        export.add_argument("year", type=int)
        export.add_argument("file", metavar="FILE", help="Ending in .csv or .xlsx.")
        payments = actions.add_parser("payments", help="Read payment status back from the accounting system's file.")
        payments.add_argument("file", metavar="FILE")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "handle_" + action)(**options)
        except TableError as error:
            raise CommandError(str(error)) from None

    def handle_load(self, *, file, **options):
        loaded = loading.load(file)
        self.stdout.write(
            _(
                "Loaded %(file)s: organisations %(organisations)d, agreements %(agreements)d, contacts %(contacts)d "
                "(new: %(created)d, changed: %(changed)d, unchanged: %(unchanged)d)."
            )
            % {"file": file, **loaded.__dict__}
        )

    def handle_dump(self, *, file=None, format=None, section="agreements", **options):
        kind = format or (Path(file).suffix.lower().lstrip(".").replace("yml", "yaml") if file else "yaml")
        if kind not in FORMATS:
            raise CommandError(_("Give --format yaml, csv or xlsx, or a FILE ending in one of them."))
        if kind == "xlsx" and file is None:
            raise CommandError(_("An XLSX file is written to a FILE: give one."))
        content = {"yaml": loading.dump_yaml, "xlsx": loading.dump_xlsx}.get(kind, lambda: loading.dump_csv(section))()
        self._write(file, content, _("Wrote the member register to %(file)s."))

    def _write(self, file, content, said):
        if file is None:
            self.stdout.write(content, ending="")
            return
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(file, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as output:
            output.write(content)
        self.stdout.write(said % {"file": file})

    def handle_refresh(self, *, on=None, **options):
        ended, changed = refresh_members(on=on)
        self.stdout.write(
            _("Agreements ended: %(ended)d; member lists changed: %(changed)d.") % {"ended": ended, "changed": changed}
        )

    def handle_contributions(self, *, year=None, **options):
        year = year or timezone.localdate().year
        if not 1900 <= year <= 2999:
            raise CommandError(_("Give a year from 1900 to 2999."))
        created, changed = raise_contributions(year)
        self.stdout.write(
            _("Contributions for %(year)d worked out: %(created)d new, %(changed)d changed.")
            % {"year": year, "created": created, "changed": changed}
        )

    def handle_export(self, *, year, file, **options):
        found = Contribution.objects.filter(year=year).order_by(*selectors.CONTRIBUTION_ORDER)
        if file.lower().endswith(".xlsx"):
            content = accounting.export_xlsx(found)
        elif file.lower().endswith(".csv"):
            content = accounting.export_csv(found)
        else:
            raise CommandError(_("Give a FILE ending in .csv or .xlsx."))
        self._write(file, content, _("Wrote the invoice lines to %(file)s."))

    def handle_payments(self, *, file, **options):
        changed, unchanged = accounting.import_payments(file)
        self.stdout.write(
            _("Payment status read: %(changed)d lines changed, %(unchanged)d as they were.")
            % {"changed": changed, "unchanged": unchanged}
        )
