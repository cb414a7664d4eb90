"""`os2org newsletter recipients [--audience NAME] [--product SLUG] [FILE]` — a newsletter's recipient list as CSV."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.communication.models import Audience
from os2org.communication.recipients import recipient_list, recipients_csv
from os2org.organisation.models import Body


class Command(BaseCommand):
    help = "Newsletters: write the recipient list in the layout newsletter tools import."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        recipients = actions.add_parser(
            "recipients", help="Write the recipients as CSV: those who consented and did not unsubscribe."
        )
        recipients.add_argument(
            "file", nargs="?", metavar="FILE", help="Where to write it (standard output by default)."
        )
        recipients.add_argument(
            "--audience", choices=Audience.values, action="append", help="One audience (may repeat)."
        )
        recipients.add_argument("--product", metavar="SLUG", action="append", help="Only the contacts of this product.")

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action)(**options)

    def handle_recipients(self, *, file=None, audience=None, product=None, **options):
        products = []
        for slug in product or []:
            found = Body.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(_("No product has the address “%(slug)s”.") % {"slug": slug})
            products.append(found)
        found = recipient_list(audiences=audience or [], products=products)
        data = recipients_csv(found)
        if file:
            try:
                Path(file).write_bytes(data)
            except OSError as error:
                raise CommandError(
                    _("Cannot write %(file)s: %(error)s") % {"file": file, "error": error.strerror}
                ) from None
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        self.stderr.write(
            ngettext(
                "%(count)d recipient; left out: %(consent)d without consent, %(unsubscribed)d unsubscribed, "
                "%(email)d without an e-mail address.",
                "%(count)d recipients; left out: %(consent)d without consent, %(unsubscribed)d unsubscribed, "
                "%(email)d without an e-mail address.",
                len(found.recipients),
            )
            % {
                "count": len(found.recipients),
                "consent": found.without_consent,
                "unsubscribed": found.unsubscribed,
                "email": found.without_email,
            }
        )
