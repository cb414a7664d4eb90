"""Attachments' files in a backup, and back into the attachments storage on restore, all or nothing."""

import json
import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from os2org.access import groups
from os2org.attachments.models import Attachment
from os2org.attachments.services import attach
from os2org.attachments.storage import attachment_storage
from os2org.backup.services import BackupError, restore_backup, write_backup
from os2org.organisation.models import Body
from tests.attachments import files, owners

# A restore commits its own transaction into a database emptied by `flush`.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def new_database():
    call_command("flush", "--noinput")
    Group.objects.bulk_create(Group(name=name) for name in groups.ALL)


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def write(path, document):
    path.write_text(json.dumps(document), encoding="utf-8")


def stored(name):
    with attachment_storage().open(name, "rb") as file:
        return file.read()


@pytest.fixture
def attached():
    """{stored name: bytes} of two attachments of a body, as uploaded."""
    body = owners.body()
    made = [
        attach(body, files.upload("referat.docx", files.docx())),
        attach(body, files.upload("logo.png", files.png())),
    ]
    return {attachment.storage_name: stored(attachment.storage_name) for attachment in made}


@pytest.fixture
def backup(tmp_path, attached):
    """A backup of the attachments, a new database, and an attachments storage without their files."""
    path = tmp_path / "backup.json"
    write_backup(path)
    new_database()
    for name in attached:
        attachment_storage().delete(name)
    return path


def nothing_restored(attached):
    return (Attachment.objects.count(), Body.objects.count(), [attachment_storage().exists(name) for name in attached])


def test_restore_gives_back_every_file_byte_for_byte(backup, attached):
    restore_backup(backup)

    restored = {attachment.storage_name: stored(attachment.storage_name) for attachment in Attachment.objects.all()}
    assert restored == attached


def test_backup_holds_each_file_under_its_stored_name(tmp_path, attached):
    path = tmp_path / "backup.json"

    write_backup(path)

    assert sorted(entry["name"] for entry in read(path)["files"]) == sorted(attached)


def test_backup_of_an_attachment_whose_file_is_missing_is_refused(tmp_path, attached):
    name = sorted(attached)[0]
    attachment = Attachment.objects.get(storage_name=name)
    attachment_storage().delete(name)

    with pytest.raises(BackupError) as caught:
        write_backup(tmp_path / "backup.json")

    assert (str(caught.value), (tmp_path / "backup.json").exists()) == (
        f"Nothing was backed up: The file of attachment {attachment.pk} (“{attachment.original_name}”) "
        f"is missing from the attachments storage: {name}.",
        False,
    )


def test_restore_of_a_file_named_outside_the_storage_restores_nothing(backup, attached):
    document = read(backup)
    document["files"][0]["name"] = "../../etc/cron.d/os2org"
    write(backup, document)

    with pytest.raises(BackupError) as caught:
        restore_backup(backup)

    assert (str(caught.value), nothing_restored(attached)) == (
        f"Nothing was restored: {backup}: File 1 is named '../../etc/cron.d/os2org', which is not a name "
        "the attachments storage gives: nothing outside it is written.",
        (0, 0, [False, False]),
    )


def test_restore_of_a_file_that_differs_from_its_attachment_restores_nothing(backup, attached):
    document = read(backup)
    document["files"][1]["content"] = "JVBERi0xLjQK"
    write(backup, document)
    name = document["files"][1]["name"]

    with pytest.raises(BackupError) as caught:
        restore_backup(backup)

    assert (str(caught.value).split(": ", 2)[2][:60], nothing_restored(attached)) == (
        f"The file {name} is not the one uploaded as attachment"[:60],
        (0, 0, [False, False]),
    )


def test_restore_of_a_backup_without_an_attachments_file_restores_nothing(backup, attached):
    document = read(backup)
    del document["files"][1]
    write(backup, document)

    with pytest.raises(BackupError, match="The backup holds no file for attachment"):
        restore_backup(backup)

    assert nothing_restored(attached) == (0, 0, [False, False])


def test_restore_of_a_file_that_is_no_base64_restores_nothing(backup, attached):
    document = read(backup)
    document["files"][0]["content"] = "<script>"
    write(backup, document)

    with pytest.raises(BackupError, match="holds no base64 content"):
        restore_backup(backup)

    assert nothing_restored(attached) == (0, 0, [False, False])


def test_restore_over_a_link_in_the_storage_restores_nothing(
    backup, attached, attachments_in_a_temporary_folder, tmp_path
):
    target = tmp_path / "elsewhere"
    target.write_bytes(b"kept")
    name = read(backup)["files"][1]["name"]
    link = attachments_in_a_temporary_folder / name
    link.parent.mkdir(exist_ok=True)
    os.symlink(target, link)

    with pytest.raises(BackupError) as caught:
        restore_backup(backup)

    link.unlink()
    assert (str(caught.value), target.read_bytes(), Attachment.objects.count()) == (
        f"Nothing was restored: {backup}: The attachments storage holds {name} already; "
        "restore into an empty attachments storage.",
        b"kept",
        0,
    )
