"""`os2org standards checklists FILE` — the checklists products are reviewed against, from a YAML file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from os2org.organisation.loading import LoadError
from os2org.standards.loading import load_checklists

CHECKLISTS_HELP = """Store the checklists of FILE, all or nothing. FILE is YAML with one section, points: a list of
points, each with checklist (its name), title and guidance (Markdown), in the order the checklist holds
them. A checklist the file names gets exactly its points there; others are left alone. A point
without a title or checklist stops the load at file:line and changes nothing."""


class Command(BaseCommand):
    help = "Reviews against the standards: load the checklists."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        checklists = actions.add_parser("checklists", help=CHECKLISTS_HELP, description=CHECKLISTS_HELP)
        checklists.add_argument("file", metavar="FILE")

    def handle(self, *args, action, file, **options):
        try:
            stored = load_checklists(file)
        except LoadError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(ngettext("Stored %(count)d checklist.", "Stored %(count)d checklists.", stored) % {"count": stored})
