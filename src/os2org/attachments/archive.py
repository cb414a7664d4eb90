"""Attachments' files in a backup, and back: every stored file checked against its row, both ways.

A backup (os2org.backup) carries each file as {"name": its stored name,
"content": its bytes in base64}. A restore takes a file only under a name
of the form every stored name has (no folders, no "..", nothing but the
storage's own random names), only for an attachment the backup holds, only
with that attachment's size and checksum, and never over a file or link
the storage holds already: the first problem stops it, and the files it
wrote by then are deleted again.
"""

import base64
import binascii
import hashlib

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from os2org.attachments.models import Attachment
from os2org.attachments.storage import STORED_NAME, attachment_storage
from os2org.common.rows import each_row


class FileProblem(Exception):
    """A file that cannot be backed up or restored; the message says which and why."""


def files_for_backup() -> list[dict]:
    """Every attachment's file as {"name", "content"}, read no further than its recorded size."""
    return [
        {"name": attachment.storage_name, "content": base64.b64encode(_stored_bytes(attachment)).decode("ascii")}
        for attachment in each_row(Attachment.objects.all())
    ]


def _stored_bytes(attachment):
    try:
        with attachment_storage().open(attachment.storage_name, "rb") as file:
            # One byte more than recorded, to tell a file that grew.
            data = file.read(attachment.size + 1)
    except FileNotFoundError:
        raise FileProblem(
            _("The file of attachment %(pk)s (“%(name)s”) is missing from the attachments storage: %(file)s.")
            % {"pk": attachment.pk, "name": attachment.original_name, "file": attachment.storage_name}
        ) from None
    _check_same(attachment, data)
    return data


def _check_same(attachment, data):
    if len(data) != attachment.size or hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise FileProblem(
            _(
                "The file %(file)s is not the one uploaded as attachment %(pk)s (“%(name)s”): "
                "its size or checksum differs."
            )
            % {"file": attachment.storage_name, "pk": attachment.pk, "name": attachment.original_name}
        )


def restore_files(entries, *, written: list) -> None:
    """Put the files of a backup's `entries` into the attachments storage, one for every restored attachment.

    Call it once the attachments' rows are restored. Appends each name it
    writes to `written`, so that the caller can delete them if anything fails
    (delete_files). Raises FileProblem at the first entry it will not take.
    """
    if not isinstance(entries, list):
        raise FileProblem(_("The backup's files are not a list."))
    rows = {attachment.storage_name: attachment for attachment in Attachment.objects.all()}
    for number, entry in enumerate(entries, 1):
        name, data = _entry(entry, number)
        attachment = rows.pop(name, None)
        if attachment is None:
            raise FileProblem(
                _("File %(number)d, %(file)s, belongs to no attachment of the backup.")
                % {"number": number, "file": name}
            )
        _check_same(attachment, data)
        _write(name, data, written)
    if rows:
        attachment = min(rows.values(), key=lambda row: row.pk)
        raise FileProblem(
            _("The backup holds no file for attachment %(pk)s (“%(name)s”).")
            % {"pk": attachment.pk, "name": attachment.original_name}
        )


def _entry(entry, number):
    """(name, bytes) of one entry; FileProblem for a name that is not a stored name, or content that is no base64."""
    name = entry.get("name") if isinstance(entry, dict) else None
    content = entry.get("content") if isinstance(entry, dict) else None
    if not isinstance(name, str) or not STORED_NAME.fullmatch(name):
        raise FileProblem(
            _(
                "File %(number)d is named %(file)r, which is not a name the attachments storage gives: "
                "nothing outside it is written."
            )
            % {"number": number, "file": name}
        )
    try:
        return name, base64.b64decode(content, validate=True)
    except (TypeError, ValueError, binascii.Error):
        raise FileProblem(
            _("File %(number)d, %(file)s, holds no base64 content.") % {"number": number, "file": name}
        ) from None


def _write(name, data, written):
    storage = attachment_storage()
    if storage.exists(name):
        raise FileProblem(
            _("The attachments storage holds %(file)s already; restore into an empty attachments storage.")
            % {"file": name}
        )
    saved = storage.save(name, ContentFile(data))
    written.append(saved)
    if saved != name:
        raise FileProblem(_("The attachments storage kept %(file)s under another name.") % {"file": name})


def delete_files(names) -> None:
    """Delete the stored files `names`; a file already gone is no matter."""
    storage = attachment_storage()
    for name in names:
        storage.delete(name)
