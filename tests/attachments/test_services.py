import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from os2org.attachments.models import Attachment, Kind
from os2org.attachments.selectors import attachments_of
from os2org.attachments.services import attach, remove_attachment
from os2org.attachments.storage import STORED_NAME, attachment_storage
from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from tests.accounts import make_user
from tests.attachments import files, owners

pytestmark = pytest.mark.django_db


def stored(attachment):
    with attachment_storage().open(attachment.storage_name, "rb") as file:
        return file.read()


def stored_names(folder):
    return sorted(path.name for path in (folder / "attachments").glob("*")) if (folder / "attachments").exists() else []


def test_attach_keeps_the_files_exact_bytes():
    data = files.docx()

    attachment = attach(owners.body(), files.upload("referat.docx", data))

    assert stored(attachment) == data


def test_attach_keeps_a_large_upload_that_django_spooled_to_disk():
    data = files.pdf() + b"%" * 3_000_000
    upload = RequestFactory().post("/", {"bilag": files.upload("stor.pdf", data)}).FILES["bilag"]

    attachment = attach(owners.body(), upload)
    # As Django closes a request's files when it is done: the storage moved this one away.
    upload.close()

    assert (type(upload).__name__, stored(attachment), attachment.sha256) == (
        "TemporaryUploadedFile",
        data,
        hashlib.sha256(data).hexdigest(),
    )


def test_attach_records_name_type_size_checksum_and_uploader():
    data = files.pdf()
    user = make_user("sekretariat", "secretariat")
    body = owners.body()

    attachment = attach(body, files.upload("C:\\Dokumenter\\bilag 1.pdf", data, "text/html"), actor=user)

    assert (
        attachment.owner,
        attachment.original_name,
        attachment.content_type,
        attachment.size,
        attachment.sha256,
        attachment.uploaded_by,
    ) == (body, "bilag 1.pdf", Kind.PDF, len(data), hashlib.sha256(data).hexdigest(), user)


def test_attach_stores_under_a_random_name_never_the_uploaders():
    first = attach(owners.body(), files.upload("evil.pdf", files.pdf()))
    second = attach(first.owner, files.upload("evil.pdf", files.pdf()))

    assert (
        bool(STORED_NAME.fullmatch(first.storage_name)),
        "evil" in first.storage_name,
        first.storage_name == second.storage_name,
    ) == (True, False, False)


def test_attach_writes_one_audit_entry():
    user = make_user("sekretariat", "secretariat")

    attachment = attach(owners.body(), files.upload("logo.png", files.png()), actor=user)

    entry = Entry.objects.get(object_type="attachments.attachment")
    assert (entry.action, entry.object_id, entry.actor, entry.summary, entry.data["after"]["storage_name"]) == (
        "attachments.attach",
        str(attachment.pk),
        user,
        "logo.png",
        attachment.storage_name,
    )


def test_attach_refuses_html_named_pdf_and_stores_nothing(attachments_in_a_temporary_folder):
    before = stored_names(attachments_in_a_temporary_folder)

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        attach(owners.body(), files.upload("bilag.pdf", files.html()))

    assert (
        list(caught.value.message_dict),
        Attachment.objects.count(),
        stored_names(attachments_in_a_temporary_folder),
    ) == (
        ["file"],
        0,
        before,
    )


@pytest.mark.django_db(transaction=True)
def test_attach_that_fails_to_save_leaves_no_file(lose_table, attachments_in_a_temporary_folder):
    body = owners.body()
    before = stored_names(attachments_in_a_temporary_folder)
    lose_table("audit_entry")

    with pytest.raises(Exception, match="audit_entry"):
        attach(body, files.upload("bilag.pdf", files.pdf()))

    assert stored_names(attachments_in_a_temporary_folder) == before


def test_attach_in_a_transaction_that_rolls_back_leaves_no_file():
    with transaction.atomic():
        attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))
        kept_until_rollback = attachment_storage().exists(attachment.storage_name)
        transaction.set_rollback(True)

    assert (kept_until_rollback, attachment_storage().exists(attachment.storage_name)) == (True, False)


@pytest.mark.django_db(transaction=True)
def test_attach_committed_keeps_the_file():
    with transaction.atomic():
        attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))

    assert attachment_storage().exists(attachment.storage_name) is True


def test_attachments_of_lists_only_the_owners_oldest_first():
    body, other = owners.body(), owners.body(name="Koordinationsgruppen")
    first = attach(body, files.upload("a.pdf", files.pdf()))
    attach(other, files.upload("b.pdf", files.pdf()))
    third = attach(body, files.upload("c.png", files.png()))

    assert list(attachments_of(body)) == [first, third]


def test_remove_attachment_deletes_the_row_and_writes_an_audit_entry(django_capture_on_commit_callbacks):
    attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))
    pk = attachment.pk

    with django_capture_on_commit_callbacks(execute=True):
        entry = remove_attachment(attachment)

    assert (
        Attachment.objects.filter(pk=pk).exists(),
        entry.action,
        entry.object_id,
        entry.data["before"]["original_name"],
    ) == (
        False,
        "attachments.remove",
        str(pk),
        "bilag.pdf",
    )


def test_remove_attachment_deletes_the_file_once_committed(django_capture_on_commit_callbacks):
    attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))
    name = attachment.storage_name

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        remove_attachment(attachment)
    kept_until_commit = attachment_storage().exists(name)
    for callback in callbacks:
        callback()

    assert (kept_until_commit, attachment_storage().exists(name)) == (True, False)


def test_remove_attachment_rolled_back_keeps_the_file_and_row():
    attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))
    pk, name = attachment.pk, attachment.storage_name

    with transaction.atomic():
        remove_attachment(attachment)
        transaction.set_rollback(True)

    assert (Attachment.objects.filter(pk=pk).exists(), attachment_storage().exists(name)) == (True, True)


def test_remove_attachment_refuses_a_stale_revision():
    attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))
    seen = revision(attachment) - 1

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        remove_attachment(attachment, revision=seen)

    assert (caught.value.messages, Attachment.objects.filter(pk=attachment.pk).exists()) == (
        [
            "Someone else saved this while you were editing it. Nothing of yours was saved: "
            "open the page again to see their change, then make yours."
        ],
        True,
    )


def test_remove_attachment_takes_the_current_revision(django_capture_on_commit_callbacks):
    attachment = attach(owners.body(), files.upload("bilag.pdf", files.pdf()))

    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment, revision=revision(attachment))

    assert Attachment.objects.count() == 0
