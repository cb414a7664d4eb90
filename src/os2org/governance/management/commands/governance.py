"""`os2org governance demo` — governance from the command line."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from os2org.governance import demo


class Command(BaseCommand):
    help = "Governance: the annual cycle, meetings and decisions."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "demo", help="Add the demo's year of board meetings and its annual cycle (on the demo organisation)."
        )

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action)(**options)

    def handle_demo(self, **options):
        if demo.build():
            self.stdout.write(_("Added the demo's meetings, decisions and annual cycle."))
        else:
            self.stdout.write(_("There are meetings or annual cycle activities already; nothing was added."))
