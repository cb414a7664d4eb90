"""`os2org portfolio pack|missing|pdf` — the board's portfolio status and missing status reports from the command line."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from os2org.common.visibility import SECRETARIAT, Viewer
from os2org.portfolio.pack import board_pack, pack_pdf
from os2org.portfolio.selectors import missing_reports, next_board_meeting
from os2org.portfolio.services import refresh_board_pack

# The command reads as the secretariat does: everything.
EVERYTHING = Viewer(user_id=0, groups=frozenset({SECRETARIAT}))


class Command(BaseCommand):
    help = "The portfolio: the board's portfolio status, missing status reports, and the board pack as a PDF."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        pack = actions.add_parser("pack", help="Put the latest status reports on the board's next agenda, or update them.")
        pack.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="The day (today by default).")
        missing = actions.add_parser("missing", help="List the communities whose status report for the last period is missing.")
        missing.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="The day (today by default).")
        pdf = actions.add_parser("pdf", help="Write the board pack of the board's next meeting as a PDF.")
        pdf.add_argument("file", metavar="FILE")

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action)(**options)

    def handle_pack(self, *, on=None, **options):
        item = refresh_board_pack(on=on)
        if item is None:
            raise CommandError(_("The board has no meeting ahead."))
        self.stdout.write(_("The portfolio status is on the agenda of %(meeting)s.") % {"meeting": item.meeting})

    def handle_missing(self, *, on=None, **options):
        for profile in missing_reports(on=on):
            starts, ends = profile.period
            self.stdout.write(f"{profile.body.name}\t{starts.isoformat()}\t{ends.isoformat()}")

    def handle_pdf(self, *, file, **options):
        meeting = next_board_meeting()
        if meeting is None:
            raise CommandError(_("The board has no meeting ahead."))
        Path(file).write_bytes(pack_pdf(board_pack(EVERYTHING, meeting), language=settings.LANGUAGE_CODE))
        self.stdout.write(_("Wrote the board pack of %(meeting)s to %(file)s.") % {"meeting": meeting, "file": file})
