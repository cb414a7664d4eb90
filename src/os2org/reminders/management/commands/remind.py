"""`os2org remind` — mail each person their weekly overview and what needs them now.

Safe to run on a schedule, as often as you like: what was sent is recorded
(reminders.models.Sent), and nothing is sent twice. See the README for cron
and systemd.
"""

import smtplib
from argparse import ArgumentTypeError
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.common.progress import report
from os2org.reminders.mails import mails_for
from os2org.reminders.selectors import recipients
from os2org.reminders.services import send_once

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(_("%(value)s is not a date; write it as YYYY-MM-DD.") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Mail each person who has reminders on their weekly overview (once a week) and their reminders: "
        "follow-ups due within three days or overdue, minutes waiting for their answer, role descriptions "
        "due for review, and, to the secretariat, coordinator posts that fell vacant. Never sends the same thing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=day, help="The day to act as, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the mails that would be sent; send and record nothing."
        )

    def handle(self, *args, date, dry_run, **options):
        on = date or timezone.localdate()
        with translation.override(settings.LANGUAGE_CODE):
            connection = None if dry_run else _open_connection()
            try:
                sent = self._run(on, dry_run=dry_run, connection=connection)
            finally:
                if connection is not None:
                    connection.close()
            if dry_run:
                said = ngettext(
                    "Dry run: %(count)s mail would be sent; nothing was sent or recorded.",
                    "Dry run: %(count)s mails would be sent; nothing was sent or recorded.",
                    sent,
                )
            else:
                said = ngettext("Sent %(count)s mail.", "Sent %(count)s mails.", sent)
            self.stderr.write(said % {"count": sent})

    def _run(self, on, *, dry_run, connection):
        people = recipients(on=on)
        sent = 0
        for number, recipient in enumerate(people, start=1):
            for mail in mails_for(recipient, on=on):
                if dry_run:
                    self._print(mail)
                    sent += 1
                else:
                    sent += _send(mail, connection)
            report(self.stderr, number, len(people), recipient.person.name)
        return sent

    def _print(self, mail):
        message = mail.message()
        # A blank line between mails.
        self.stdout.write(f"To: {', '.join(message.to)}\nSubject: {message.subject}\n\n{message.body}\n")


def _send(mail, connection):
    try:
        return int(send_once(mail, connection=connection))
    except (OSError, smtplib.SMTPException) as error:
        raise CommandError(_mail_server_problem(error)) from error


def _open_connection():
    if not settings.DEBUG and urlsplit(settings.SITE_URL).hostname in LOCAL_HOSTS:
        raise CommandError(
            _(
                "SITE_URL is %(url)s, so the links in the mails would lead nowhere. Set SITE_URL to the address "
                "people reach os2org at (https://os2org.example.org), or try --dry-run."
            )
            % {"url": settings.SITE_URL}
        )
    try:
        connection = get_connection()
    except ImportError as error:
        raise CommandError(
            _("EMAIL_BACKEND=%(backend)s cannot be loaded (%(error)s). Leave it unset to send through EMAIL_HOST.")
            % {"backend": settings.EMAIL_BACKEND, "error": error}
        ) from error
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        raise CommandError(_mail_server_problem(error)) from error
    return connection


def _mail_server_problem(error):
    return _(
        "Could not send through the mail server at %(host)s:%(port)s (%(error)s). Set EMAIL_HOST, EMAIL_PORT, "
        "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS to your mail server (see the README), "
        "or try --dry-run to see what would be sent. Nothing more was sent; the next run sends the rest."
    ) % {"host": settings.EMAIL_HOST, "port": settings.EMAIL_PORT, "error": error}
