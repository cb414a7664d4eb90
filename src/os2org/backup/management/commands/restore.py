"""`os2org restore FILE` — a backup loaded into an empty database."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from os2org.backup.management.commands.backup import terminal_progress
from os2org.backup.services import BackupError, restore_backup


class Command(BaseCommand):
    help = "Load a backup written by `backup` into an empty database (made by `migrate`), all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            count = restore_backup(file, progress=terminal_progress(self.stderr))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            ngettext("Restored %(count)d object from %(file)s.", "Restored %(count)d objects from %(file)s.", count)
            % {"count": count, "file": file}
        )
