"""`os2org backup FILE` — everything in the database, in one file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from os2org.backup.services import BackupError, write_backup


class Command(BaseCommand):
    help = "Write everything in the database to FILE (gzipped if FILE ends in .gz), to restore with `restore`."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            count = write_backup(file, progress=terminal_progress(self.stderr))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            ngettext("Wrote %(count)d object to %(file)s.", "Wrote %(count)d objects to %(file)s.", count)
            % {"count": count, "file": file}
        )


def terminal_progress(stream):
    """A `progress(done, total)` that shows the percentage done on `stream` if it is a terminal, else None."""
    if not stream.isatty():
        return None
    shown = None

    def show(done, total):
        nonlocal shown
        percent = done * 100 // total
        if percent != shown:
            shown = percent
            # Plain: Django colours what goes to stderr as an error.
            stream.write(f"\r{percent}%", style_func=str, ending="\n" if done == total else "")
            stream.flush()

    return show
