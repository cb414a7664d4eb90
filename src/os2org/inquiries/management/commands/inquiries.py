"""`os2org inquiries import|fetch|purge` — the inbox's e-mail and retention from the command line."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.inquiries.mail import MailError, describe, import_files
from os2org.inquiries.mailbox import MailboxError, fetch
from os2org.inquiries.services import purge_inquiries


class Command(BaseCommand):
    help = "The shared inquiries inbox: read e-mails, fetch a mailbox, delete closed inquiries past retention."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        read = actions.add_parser("import", help="Store .eml files as inquiries, all or nothing.")
        read.add_argument("files", nargs="+", metavar="FILE")
        actions.add_parser("fetch", help="Store the unseen messages of the IMAP mailbox (INQUIRY_IMAP_*) as inquiries.")
        purge = actions.add_parser(
            "purge", help="Delete closed inquiries closed more than INQUIRY_RETENTION_DAYS ago (run it each night)."
        )
        purge.add_argument("--dry-run", action="store_true", help="Only say which would be deleted.")
        purge.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="The day (today by default).")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "handle_" + action)(**options)
        except (MailError, MailboxError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def handle_import(self, *, files, **options):
        try:
            stored = import_files(files)
        except MailError as error:
            raise CommandError(_("%(error)s Nothing was imported.") % {"error": error}) from None
        for item in stored:
            self.stdout.write(describe(item))

    def handle_fetch(self, **options):
        found = fetch()
        for item in found.stored:
            self.stdout.write(describe(item))
        for refusal in found.refused:
            self.stderr.write(_("%(refusal)s Left unseen in the mailbox.") % {"refusal": refusal})
        self.stdout.write(
            _("Fetched %(stored)d messages; %(refused)d could not be read.")
            % {"stored": len(found.stored), "refused": len(found.refused)}
        )

    def handle_purge(self, *, dry_run=False, on=None, **options):
        numbers = purge_inquiries(on=on, dry_run=dry_run)
        listed = ", ".join(str(number) for number in numbers) or "—"
        if dry_run:
            said = ngettext(
                "Would delete %(count)d inquiry: %(numbers)s",
                "Would delete %(count)d inquiries: %(numbers)s",
                len(numbers),
            )
        else:
            said = ngettext(
                "Deleted %(count)d inquiry: %(numbers)s", "Deleted %(count)d inquiries: %(numbers)s", len(numbers)
            )
        self.stdout.write(said % {"count": len(numbers), "numbers": listed})
