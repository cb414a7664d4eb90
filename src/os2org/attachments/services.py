"""Attaching files to items and removing them. Every function writes its audit entry in the same transaction.

The file is stored before its row is written, so that a row never names
a file that is not there. If the row cannot be written, the stored file is
deleted before the error goes on; if the row is written inside a caller's
transaction that later rolls back, the file is deleted then
(`_DeleteUnlessCommitted`). A removed attachment's file is deleted once the
removal is committed, so a removal that rolls back keeps it.
"""

import hashlib
import logging
import weakref

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from os2org.attachments.checks import check_upload
from os2org.attachments.models import Attachment
from os2org.attachments.names import clean_file_name
from os2org.attachments.storage import attachment_storage, new_name
from os2org.audit.services import check_revision, record, snapshot

ATTACHED = "attachments.attach"
REMOVED = "attachments.remove"

logger = logging.getLogger(__name__)


class _DeleteUnlessCommitted:
    """An on-commit callback that deletes a stored file if its transaction rolls back instead.

    Django has no on-rollback hook, but a transaction or savepoint that rolls
    back drops its on-commit callbacks, and nothing else holds this one: it
    is freed then, and its finalizer deletes the file. Run on commit, it
    only disarms the finalizer.
    """

    def __init__(self, name):
        # The storage the file went to, should the settings change before the rollback.
        self._finalizer = weakref.finalize(self, _delete_stored, attachment_storage(), name)

    def __call__(self):
        self._finalizer.detach()


def _delete_stored(storage, name):
    try:
        storage.delete(name)
    except Exception:
        # Called while a rollback unwinds: an unreachable storage must not hide the error that caused it.
        logger.exception("Could not delete the attachment file %s of a rolled-back transaction.", name)


def attach(owner, upload, *, actor=None) -> Attachment:
    """Keep the uploaded file `upload` as an attachment of `owner`, which it takes its visibility from.

    Side effects: one file in the attachments storage under a random name,
    one Attachment row, one audit entry. Raises ValidationError ({"file": …})
    for a file check_upload refuses; nothing is stored then. If the caller's
    transaction rolls back, the file is deleted.
    """
    try:
        content_type = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    # Before storing: the filesystem storage moves a large upload's temporary file rather than copy it.
    sha256 = _sha256(upload)
    name = attachment_storage().save(new_name(), upload)
    try:
        attachment = _save(owner, upload, content_type=content_type, sha256=sha256, storage_name=name, actor=actor)
    except BaseException:
        attachment_storage().delete(name)
        raise
    transaction.on_commit(_DeleteUnlessCommitted(name))
    return attachment


@transaction.atomic
def _save(owner, upload, *, content_type, sha256, storage_name, actor):
    attachment = Attachment.objects.create(
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
        original_name=clean_file_name(upload.name),
        content_type=content_type,
        size=upload.size,
        sha256=sha256,
        storage_name=storage_name,
        uploaded_by=actor,
    )
    record(ATTACHED, summary=str(attachment), actor=actor, obj=attachment, after=snapshot(attachment))
    return attachment


def _sha256(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


@transaction.atomic
def remove_attachment(attachment, *, actor=None, revision=None):
    """Remove an attachment; its file is deleted once the removal is committed.

    `revision` is the attachment's as the page offering the removal showed
    it; a stale one is refused (audit.services.check_revision). Side
    effects: the Attachment row is deleted, one audit entry holds it as it
    was; after commit, its file is deleted from the storage.
    """
    check_revision(attachment, revision)
    entry = record(REMOVED, summary=str(attachment), actor=actor, obj=attachment, before=snapshot(attachment))
    name = attachment.storage_name
    attachment.delete()
    transaction.on_commit(lambda: attachment_storage().delete(name))
    return entry
