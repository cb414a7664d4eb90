"""`os2org inquiries fetch`: new messages from an IMAP mailbox become inquiries (inquiries.mail).

The mailbox is INQUIRY_IMAP_HOST/PORT/USER/PASSWORD/FOLDER, over TLS
(IMAP4_SSL) unless INQUIRY_IMAP_SSL is off. Messages not yet seen are read
without marking them (BODY.PEEK), and each is marked seen once it is
stored, each in its own transaction: a message that cannot be read is
reported and left unseen for a person to look at, and the rest still come
in. A message read before (its Message-ID) is marked seen and not stored
again.
"""

import imaplib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from os2org.inquiries.mail import MailError, Stored, parse_mail, store_mail


class MailboxError(RuntimeError):
    pass


@dataclass
class Fetched:
    stored: list[Stored] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _connect():
    if not settings.INQUIRY_IMAP_HOST:
        raise MailboxError(_("No mailbox is set: give INQUIRY_IMAP_HOST, INQUIRY_IMAP_USER and INQUIRY_IMAP_PASSWORD."))
    kind = imaplib.IMAP4_SSL if settings.INQUIRY_IMAP_SSL else imaplib.IMAP4
    try:
        connection = kind(settings.INQUIRY_IMAP_HOST, settings.INQUIRY_IMAP_PORT, timeout=60)
        connection.login(settings.INQUIRY_IMAP_USER, settings.INQUIRY_IMAP_PASSWORD)
        status, _data = connection.select(settings.INQUIRY_IMAP_FOLDER)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(
            _("Cannot read the mailbox %(host)s: %(error)s") % {"host": settings.INQUIRY_IMAP_HOST, "error": error}
        ) from None
    if status != "OK":
        raise MailboxError(
            _("There is no folder %(folder)s in the mailbox.") % {"folder": settings.INQUIRY_IMAP_FOLDER}
        )
    return connection


def fetch(*, actor=None) -> Fetched:
    """Read the mailbox's unseen messages into inquiries (see the module docstring)."""
    connection = _connect()
    found = Fetched()
    try:
        _status, data = connection.uid("SEARCH", None, "UNSEEN")
        for uid in (data[0] or b"").split():
            _fetch_one(connection, uid, found, actor)
    except imaplib.IMAP4.error as error:
        raise MailboxError(_("The mailbox stopped answering: %(error)s") % {"error": error}) from None
    finally:
        try:
            connection.logout()
        except (OSError, imaplib.IMAP4.error):
            pass
    return found


def _fetch_one(connection, uid, found, actor):
    name = _("message %(uid)s") % {"uid": uid.decode()}
    _status, data = connection.uid("FETCH", uid, "(BODY.PEEK[])")
    content = next((part[1] for part in data if isinstance(part, tuple)), None)
    try:
        if content is None:
            raise MailError(name, _("the mailbox sent no content."))
        with transaction.atomic():
            stored = store_mail(parse_mail(content, name=name), name=name, actor=actor)
    except MailError as error:
        found.refused.append(str(error))
        return
    connection.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    found.stored.append(stored)
