"""Inquiries that come by e-mail: a message read with the standard library's `email` package (policy=default).

What is taken from a message:

- the sender's name and address from From (the address when there is no name);
- the subject, or "(no subject)";
- the text: the plain text part if there is one, else the HTML part made
  into text (every tag dropped by the one sanitiser's library, nh3);
  cut at Inquiry's MAX_TEXT characters;
- when it was sent from Date, or the moment it was read if Date is missing;
- its Message-ID, so that reading the same mail twice (uploaded again,
  fetched again) stores it once.

The topic is the one whose address the setting INQUIRY_MAIL_TOPIC names
("generelt" by default): a mail names no topic; the secretariat routes it
on by hand when it is about something else.

A file is refused, naming it, when it is a symbolic link, larger than
INQUIRY_MAX_EMAIL_BYTES, or not an e-mail message (no From header with an
address). Files are read all or nothing: one bad file and none is stored.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.parser import BytesParser
from pathlib import Path

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org.inquiries.models import MAX_TEXT, Inquiry
from os2org.inquiries.services import receive_inquiry, topic_named

MESSAGE_ID_LENGTH = Inquiry._meta.get_field("message_id").max_length


class MailError(ValueError):
    """A message that cannot be read; str() is `name: message`."""

    def __init__(self, name, message):
        super().__init__(name, message)
        self.name, self.message = name, message

    def __str__(self):
        return f"{self.name}: {self.message}"


@dataclass(frozen=True)
class Mail:
    sender_name: str
    sender_email: str
    subject: str
    text: str
    received: datetime | None
    message_id: str | None


def parse_mail(data: bytes, *, name: str) -> Mail:
    """The inquiry's fields from a message's bytes; MailError naming `name` if it is no e-mail."""
    if len(data) > settings.INQUIRY_MAX_EMAIL_BYTES:
        raise MailError(name, _("is larger than %(limit)d bytes.") % {"limit": settings.INQUIRY_MAX_EMAIL_BYTES})
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        sender = _sender(message)
    except (ValueError, TypeError, IndexError, LookupError) as error:
        raise MailError(name, _("is not an e-mail message: %(reason)s") % {"reason": error}) from None
    if sender is None:
        raise MailError(name, _("is not an e-mail message: it has no From header with an address."))
    return Mail(
        sender_name=(sender.display_name or sender.addr_spec)[:200],
        sender_email=sender.addr_spec if len(sender.addr_spec) <= 254 else "",
        subject=_one_line(message.get("subject", "")) or _("(no subject)"),
        text=_text(message)[:MAX_TEXT] or _("(no text)"),
        received=_date(message),
        message_id=_one_line(message.get("message-id", ""))[:MESSAGE_ID_LENGTH] or None,
    )


def _sender(message) -> Address | None:
    header = message.get("from")
    if header is None or not getattr(header, "addresses", None):
        return None
    address = header.addresses[0]
    return address if "@" in address.addr_spec else None


def _one_line(value):
    return re.sub(r"\s+", " ", str(value)).strip()[:300]


def _text(message):
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        # An unknown charset: the bytes as well as they go.
        content = part.get_payload(decode=True).decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html":
        content = html.unescape(nh3.clean(content, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", content.replace("\r\n", "\n")).strip()


def _date(message):
    try:
        found = message.get("date")
        moment = found.datetime if found is not None else None
    except (ValueError, TypeError, AttributeError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return moment


def read_file(path) -> Mail:
    """A message from a file, refused (MailError naming the file) if it is a link, too large or not mail."""
    path = Path(path)
    name = str(path)
    if path.is_symlink():
        raise MailError(name, _("is a symbolic link; give the file itself."))
    if not path.is_file():
        raise MailError(name, _("is not a file."))
    if path.stat().st_size > settings.INQUIRY_MAX_EMAIL_BYTES:
        raise MailError(name, _("is larger than %(limit)d bytes.") % {"limit": settings.INQUIRY_MAX_EMAIL_BYTES})
    with path.open("rb") as stream:
        return parse_mail(stream.read(settings.INQUIRY_MAX_EMAIL_BYTES + 1), name=name)


@dataclass(frozen=True)
class Stored:
    """What became of one message: the inquiry made of it, or the one it was already (`new` False)."""

    name: str
    inquiry: Inquiry
    new: bool


def mail_topic():
    """The topic INQUIRY_MAIL_TOPIC names; MailError naming the setting if there is none."""
    try:
        return topic_named(settings.INQUIRY_MAIL_TOPIC)
    except ValidationError as error:
        raise MailError("INQUIRY_MAIL_TOPIC", " ".join(error.messages)) from None


def store_mail(mail: Mail, *, name: str, actor=None) -> Stored:
    """Store one message as an inquiry on the mail topic, unless its Message-ID was read before."""
    if mail.message_id:
        known = Inquiry.objects.filter(message_id=mail.message_id).first()
        if known is not None:
            return Stored(name=name, inquiry=known, new=False)
    try:
        inquiry = receive_inquiry(
            topic=mail_topic(),
            channel=Inquiry.Channel.EMAIL,
            sender_name=mail.sender_name,
            sender_email=mail.sender_email,
            subject=mail.subject,
            text=mail.text,
            received=mail.received or timezone.now(),
            message_id=mail.message_id,
            actor=actor,
        )
    except ValidationError as error:
        raise MailError(name, "; ".join(_messages(error))) from None
    return Stored(name=name, inquiry=inquiry, new=True)


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {message}" for field, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


@transaction.atomic
def import_files(paths, *, actor=None) -> list[Stored]:
    """Read every file first, then store them all, or nothing at all if one is refused (MailError)."""
    mail_topic()
    mails = [(str(path), read_file(path)) for path in paths]
    return [store_mail(mail, name=name, actor=actor) for name, mail in mails]


def describe(stored: Stored) -> str:
    if stored.new:
        return _("%(name)s: stored as %(inquiry)s.") % {"name": stored.name, "inquiry": stored.inquiry}
    return _("%(name)s: already stored as %(inquiry)s (the same Message-ID); not stored again.") % {
        "name": stored.name,
        "inquiry": stored.inquiry,
    }
