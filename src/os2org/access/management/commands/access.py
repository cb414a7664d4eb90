"""`os2org access user|token|demo` — log-ins, their groups and their API tokens from the command line."""

import os

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.access import demo, groups
from os2org.access.services import access_list, set_access
from os2org.access.tokens import make_token


class Command(BaseCommand):
    help = "Access: log-ins and their groups."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        user = actions.add_parser(
            "user",
            help="Create or change a log-in: its groups, the person it is, the member authority it speaks for.",
        )
        user.add_argument("username", nargs="?")
        user.add_argument(
            "--group",
            action="append",
            choices=groups.ALL,
            dest="groups",
            help="A group (repeat for several); the given groups replace the log-in's groups.",
        )
        user.add_argument("--person", help="The address (slug) of the person in the directory; '' to clear.")
        user.add_argument("--authority", help="The address (slug) of the member authority; '' to clear.")
        user.add_argument("--list", action="store_true", help="List every log-in with its groups, person and authority.")
        token = actions.add_parser(
            "token",
            help="Make a new API token for a log-in and print it, this once (only its digest is kept). "
            "It ends after API_TOKEN_DAYS days, or sooner when the log-in's password changes.",
        )
        token.add_argument("username")
        actions.add_parser(
            "demo",
            help="Add one demo log-in per group, tied to the demo organisation's people; "
            "the password is DEMO_PASSWORD (by default demo-os2org). Only with DEBUG on.",
        )

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action)(**options)

    def handle_user(self, *, username, groups, person, authority, list, **options):
        if list:
            for row in access_list():
                self.stdout.write("\t".join(row))
            return
        if not username:
            raise CommandError(_("Name the log-in: os2org access user USERNAME --group secretariat"))
        try:
            user = set_access(username, groups=groups, person=person, authority=authority)
        except ValidationError as error:
            raise CommandError(" ".join(f"--{key}: {' '.join(messages)}" for key, messages in error.message_dict.items()))
        row = next(row for row in access_list() if row[0] == user.username)
        self.stdout.write("\t".join(row))
        if not user.has_usable_password():
            self.stdout.write(_("%(user)s has no password yet: os2org changepassword %(user)s") % {"user": user.username})

    def handle_token(self, *, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No log-in is called %(user)s.") % {"user": username})
        token, expiry = make_token(user)
        # The token alone on its line, for a script to read; it cannot be shown again.
        self.stdout.write(token)
        self.stdout.write(
            _("The token ends %(expiry)s. It is shown only this once.")
            % {"expiry": f"{timezone.localtime(expiry):%Y-%m-%d %H:%M}"}
        )

    def handle_demo(self, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("Demo log-ins must never exist in production; this command runs only with DEBUG on.")
            )
        try:
            demo.add_demo_logins(password=os.environ.get("DEMO_PASSWORD") or demo.DEFAULT_PASSWORD)
        except demo.MissingDemoData as error:
            raise CommandError(str(error)) from None
        for username in demo.USERNAMES:
            self.stdout.write(username)
