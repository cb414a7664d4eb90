"""Backing up everything in the database and restoring it into a new one."""

import gzip
import json
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db.migrations.loader import MigrationLoader
from django.utils import translation
from knox.models import AuthToken

from os2org.access import groups
from os2org.audit.models import Entry
from os2org.audit.services import record
from os2org.backup.services import BackupError, backed_up_models, restore_backup, write_backup
from os2org.common.limits import MAX_DEPTH
from os2org.governance.meetings import services
from os2org.governance.models import Activity, AgendaItem, CaseBrief, Minutes, MinutesPart
from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body, Organisation, Person
from tests.conftest import DEMO
from tests.governance.builders import board, decision, meeting
from tests.governance.cycle_data import make_activity

pytestmark = pytest.mark.django_db

# A restore commits its own transaction into a database emptied by `flush`.
# (Not serialized_rollback: after another transactional test's flush it
# loads the content types a second time and fails.)
restores = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever the Danish catalogue says."""
    with translation.override("en"):
        yield


def build_demo():
    quiet = StringIO()
    call_command("handbook", "import", "--replace", str(DEMO), stdout=quiet)
    call_command("org", "load", str(DEMO.parent / "organisation.yaml"), stdout=quiet)
    call_command("governance", "demo", stdout=quiet)


def add_user():
    """A user in the board group with an API token, named in an audit entry."""
    user = User.objects.create_user("anna", password="a-long-test-password")
    user.groups.add(Group.objects.get_or_create(name=groups.BOARD)[0])
    AuthToken.objects.create(user)
    record("test.user", summary="Anna was added.", actor=user, obj=user)


def add_person():
    employer = Organisation.objects.create(name="Aarhus Kommune", slug="aarhus")
    Person.objects.create(name="Karen Lund", slug="karen-lund", employer=employer)


def add_page(folder):
    folder.mkdir()
    (folder / "om.md").write_text("---\ntitle: Om os\n---\n\n# Om foreningen\n\nVi *deler* kode.\n", encoding="utf-8")
    import_handbook([folder])


def new_database():
    """Make the database what `migrate` makes: no data but the access app's groups."""
    call_command("flush", "--noinput")
    Group.objects.bulk_create(Group(name=name) for name in groups.ALL)


def read(path):
    with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as file:
        return json.load(file)


def write(path, document):
    path.write_text(json.dumps(document), encoding="utf-8")


def counts():
    return {model._meta.label: model._base_manager.count() for model in backed_up_models()}


@pytest.fixture
def empty_backup(tmp_path):
    """A backup of the test database as the migrations made it, which a restore into it accepts."""
    path = tmp_path / "backup.json"
    write_backup(path)
    return path


@pytest.fixture
def backup(tmp_path):
    """A backup of a user and a person, and a new database to restore it into."""
    # The groups the migration makes (another transactional test's flush may have removed them).
    for name in groups.ALL:
        Group.objects.get_or_create(name=name)
    add_user()
    add_person()
    path = tmp_path / "backup.json"
    write_backup(path)
    new_database()
    return path


@restores
def test_restore_gives_back_every_object_of_the_backup(tmp_path):
    build_demo()
    add_user()
    before = counts()
    write_backup(tmp_path / "first.json")
    new_database()

    restore_backup(tmp_path / "first.json")
    write_backup(tmp_path / "second.json")

    assert read(tmp_path / "second.json")["objects"] == read(tmp_path / "first.json")["objects"]
    assert counts() == before


@restores
def test_restore_keeps_users_and_groups(backup):
    restore_backup(backup)

    user = User.objects.get()
    assert (user.username, list(user.groups.values_list("name", flat=True))) == ("anna", [groups.BOARD])


def test_backup_holds_no_api_tokens(tmp_path):
    add_user()
    stored = AuthToken.objects.get()

    write_backup(tmp_path / "backup.json")

    text = (tmp_path / "backup.json").read_text(encoding="utf-8")
    assert ("knox.authtoken" in text, stored.digest in text, stored.token_key in text) == (False, False, False)


@restores
def test_restore_keeps_stored_timestamps_to_the_microsecond(tmp_path):
    add_user()
    written = Entry.objects.get().created
    write_backup(tmp_path / "backup.json")
    new_database()

    restore_backup(tmp_path / "backup.json")

    assert Entry.objects.get().created == written


@restores
def test_restore_moves_id_sequences_past_the_restored_ids(backup):
    restore_backup(backup)
    restored = Entry.objects.order_by("-id").first().id

    entry = record("test.after", summary="Written after the restore.")

    assert entry.id == restored + 1


def test_backup_header_names_the_format_and_the_latest_migrations(tmp_path):
    write_backup(tmp_path / "backup.json")

    document = read(tmp_path / "backup.json")
    assert (document["format"], document["version"], document["migrations"]) == (
        "os2org-backup",
        1,
        dict(sorted(MigrationLoader(None).graph.leaf_nodes())),
    )


@restores
def test_gzipped_backup_round_trips(tmp_path):
    add_user()
    add_person()
    write_backup(tmp_path / "first.json.gz")
    new_database()

    restore_backup(tmp_path / "first.json.gz")
    write_backup(tmp_path / "second.json")

    assert read(tmp_path / "second.json")["objects"] == read(tmp_path / "first.json.gz")["objects"]


def test_backup_that_cannot_be_written_leaves_no_file(tmp_path):
    (tmp_path / "backup.json").mkdir()

    with pytest.raises(BackupError):
        write_backup(tmp_path / "backup.json")

    assert [path.name for path in tmp_path.iterdir()] == ["backup.json"]


def test_restore_into_a_database_with_data_is_refused(tmp_path):
    add_user()
    add_person()
    write_backup(tmp_path / "backup.json")
    before = counts()

    with pytest.raises(BackupError) as error:
        restore_backup(tmp_path / "backup.json")

    assert str(error.value) == (
        "The database holds data already (auth.User, audit.Entry, organisation.Organisation, organisation.Person); "
        "nothing was restored. Run it on an empty database: os2org migrate on a new database first."
    )
    assert counts() == before


def test_restore_of_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup", encoding="utf-8")

    with pytest.raises(BackupError) as error:
        restore_backup(path)

    assert str(error.value) == f"{path} is not an os2org backup."


def test_restore_of_json_without_the_header_is_refused(tmp_path):
    path = tmp_path / "dump.json"
    write(path, [{"model": "auth.user", "pk": 1, "fields": {"username": "anna"}}])

    with pytest.raises(BackupError) as error:
        restore_backup(path)

    assert str(error.value) == f"{path} is not an os2org backup."


def test_restore_of_a_truncated_gzip_is_refused(tmp_path):
    write_backup(tmp_path / "whole.json.gz")
    path = tmp_path / "cut.json.gz"
    path.write_bytes((tmp_path / "whole.json.gz").read_bytes()[:100])

    with pytest.raises(BackupError) as error:
        restore_backup(path)

    assert str(error.value) == (
        f"Cannot read {path}: Compressed file ended before the end-of-stream marker was reached"
    )


def test_restore_of_a_backup_from_a_newer_version_is_refused(empty_backup):
    write(empty_backup, {**read(empty_backup), "version": 2})

    with pytest.raises(BackupError) as error:
        restore_backup(empty_backup)

    assert str(error.value) == (
        f"{empty_backup} was made by a newer os2org (backup version 2); update os2org to restore it."
    )


def test_restore_of_a_backup_made_on_other_migrations_is_refused(empty_backup):
    document = read(empty_backup)
    migrations = document["migrations"]
    del migrations["sessions"]
    migrations.update(audit="0099_future", gone="0001_initial")
    write(empty_backup, document)

    with pytest.raises(BackupError) as error:
        restore_backup(empty_backup)

    assert str(error.value) == (
        "The backup was made on other migrations than this database has for: audit, gone, sessions. "
        "Migrate a new database to the migrations the backup names, then restore."
    )


@restores
def test_restore_of_an_object_with_a_missing_reference_restores_nothing(backup):
    document = read(backup)
    (person,) = [o for o in document["objects"] if o["model"] == "organisation.person"]
    person["fields"]["employer"] = 999
    write(backup, document)
    before = counts()

    with pytest.raises(BackupError) as error:
        restore_backup(backup)

    assert str(error.value) == (
        f"Nothing was restored: organisation.person id {person['pk']} in {backup} refers to "
        "organisation.organisation 999, which is not in the backup."
    )
    assert counts() == before


@restores
def test_restore_of_an_object_that_cannot_be_saved_restores_nothing(backup):
    document = read(backup)
    (number, person) = [(n, o) for n, o in enumerate(document["objects"], 1) if o["model"] == "organisation.person"][0]
    person["fields"]["contract_hours"] = "500"
    write(backup, document)
    before = counts()

    with pytest.raises(BackupError) as error:
        restore_backup(backup)

    # What follows is the database's own complaint, worded by SQLite or PostgreSQL.
    assert str(error.value).startswith(
        f"Nothing was restored: object {number} of {backup} (organisation.person, id {person['pk']}) cannot be loaded: "
    )
    assert counts() == before


def test_restore_of_a_file_over_the_size_limit_is_refused(empty_backup, settings):
    settings.BACKUP_MAX_BYTES = 100

    with pytest.raises(BackupError) as error:
        restore_backup(empty_backup)

    assert str(error.value) == (
        f"{empty_backup} is larger than the 100 bytes a backup may have (setting BACKUP_MAX_BYTES)."
    )


def test_restore_of_a_gzip_that_unpacks_over_the_size_limit_is_refused(tmp_path, settings):
    path = tmp_path / "bomb.json.gz"
    path.write_bytes(gzip.compress(b" " * 10_000))
    settings.BACKUP_MAX_BYTES = 1_000

    with pytest.raises(BackupError) as error:
        restore_backup(path)

    assert str(error.value) == f"{path} is larger than the 1000 bytes a backup may have (setting BACKUP_MAX_BYTES)."


def test_backup_command_prints_a_summary(tmp_path):
    add_person()
    out = StringIO()

    call_command("backup", str(tmp_path / "backup.json"), stdout=out)

    # The four groups the access app's migration makes, the organisation and the person.
    assert out.getvalue() == f"Wrote 6 objects to {tmp_path / 'backup.json'}.\n"


@restores
def test_restore_command_prints_a_summary(backup):
    out = StringIO()

    call_command("restore", str(backup), stdout=out)

    # Four groups, the user, the audit entry, the organisation and the person.
    assert out.getvalue() == f"Restored 8 objects from {backup}.\n"


def test_restore_command_reports_a_refusal_as_a_command_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("restore", str(path))

    assert str(error.value) == f"{path} is not an os2org backup."


@restores
def test_restore_of_the_same_object_twice_restores_nothing(backup):
    document = read(backup)
    objects = document["objects"]
    (number, person) = [(n, o) for n, o in enumerate(objects, 1) if o["model"] == "organisation.person"][0]
    # Its id written as text, which Django reads as the same id.
    objects.append({**person, "pk": str(person["pk"]), "fields": {**person["fields"], "name": "Mallory"}})
    write(backup, document)
    before = counts()

    with pytest.raises(BackupError) as error:
        restore_backup(backup)

    assert str(error.value) == (
        f"Nothing was restored: objects {number} and {len(objects)} of {backup} "
        f"are both organisation.person id {person['pk']}."
    )
    assert counts() == before


@restores
def test_restore_of_a_session_restores_nothing(backup):
    document = read(backup)
    fields = {"session_data": "e30", "expire_date": "2030-01-01T00:00:00Z"}
    document["objects"].append({"model": "sessions.session", "pk": "k3y", "fields": fields})
    write(backup, document)
    before = counts()

    with pytest.raises(BackupError) as error:
        restore_backup(backup)

    assert str(error.value) == (
        f"Nothing was restored: object {len(document['objects'])} of {backup} is sessions.session id k3y, "
        "and a backup never holds sessions.session objects."
    )
    assert counts() == before


@restores
def test_restore_of_an_api_token_restores_nothing(backup):
    document = read(backup)
    token = {
        "model": "knox.authtoken",
        "pk": "d" * 128,
        "fields": {"token_key": "0123456789abcde", "user": ["anna"], "created": "2026-01-01T00:00:00Z", "expiry": None},
    }
    document["objects"].append(token)
    write(backup, document)

    with pytest.raises(BackupError) as error:
        restore_backup(backup)

    assert str(error.value) == (
        f"Nothing was restored: object {len(document['objects'])} of {backup} is knox.authtoken id {'d' * 128}, "
        "and a backup never holds knox.authtoken objects."
    )


@restores
def test_restore_makes_page_html_from_the_source(tmp_path):
    add_page(tmp_path / "handbook")
    made = Page.objects.values("html", "text", "search_text", "title").get()
    write_backup(tmp_path / "backup.json")
    document = read(tmp_path / "backup.json")
    (page,) = [o for o in document["objects"] if o["model"] == "handbook.page"]
    page["fields"].update(html="<script>alert(1)</script>", text="injected", search_text="injected", title="Injected")
    write(tmp_path / "backup.json", document)
    new_database()

    restore_backup(tmp_path / "backup.json")

    assert Page.objects.values("html", "text", "search_text", "title").get() == made


@restores
def test_restore_makes_the_html_of_the_minutes_from_their_text(tmp_path):
    made = meeting(board(), "2026-03-05 16:00")
    item = decision(made, "Budget 2027", "Budgettet godkendes.")
    services.write_minutes(made, text="Alle *kom*.", parts={item: "Vedtaget."})
    write_backup(tmp_path / "backup.json")
    document = read(tmp_path / "backup.json")
    for entry in document["objects"]:
        if entry["model"] in ("governance.minutes", "governance.minutespart"):
            entry["fields"]["html"] = "<script>alert(1)</script>"
    write(tmp_path / "backup.json", document)
    new_database()

    restore_backup(tmp_path / "backup.json")

    assert (Minutes.objects.get().html, MinutesPart.objects.get().html) == (
        "<p>Alle <em>kom</em>.</p>\n",
        "<p>Vedtaget.</p>\n",
    )


@restores
def test_restore_makes_the_html_of_items_briefs_and_activities_from_their_markdown(tmp_path):
    item = decision(meeting(board(), "2026-03-05 16:00"), "Budget 2027", "Budgettet *godkendes*.")
    services.save_case_brief(item, purpose="decision", date=date(2026, 2, 20), aim="Et **mål**.")
    make_activity(description="Husk *dagsordenen*.")
    write_backup(tmp_path / "backup.json")
    document = read(tmp_path / "backup.json")
    hostile = {
        "governance.agendaitem": ("description_html", "outcome_html"),
        "governance.casebrief": ("aim_html",),
        "governance.activity": ("description_html",),
    }
    for entry in document["objects"]:
        for field in hostile.get(entry["model"], ()):
            entry["fields"][field] = "<script>alert(1)</script>"
    write(tmp_path / "backup.json", document)
    new_database()

    restore_backup(tmp_path / "backup.json")

    assert (
        AgendaItem.objects.values_list("description_html", "outcome_html").get(),
        CaseBrief.objects.values_list("aim_html", flat=True).get(),
        Activity.objects.values_list("description_html", flat=True).get(),
    ) == (
        ("", "<p>Budgettet <em>godkendes</em>.</p>\n"),
        "<p>Et <strong>mål</strong>.</p>\n",
        "<p>Husk <em>dagsordenen</em>.</p>\n",
    )


@restores
def test_restore_makes_the_search_keys_from_the_names_and_texts(tmp_path):
    item = decision(meeting(board("Ærø Bestyrelse"), "2026-03-05 16:00"), "Budget", "Godkendt.")
    services.save_case_brief(item, purpose="decision", date=date(2026, 2, 20), aim="Æbleskiver.")
    write_backup(tmp_path / "backup.json")
    document = read(tmp_path / "backup.json")
    for entry in document["objects"]:
        for field in ("name_key", "search_text"):
            if field in entry["fields"]:
                entry["fields"][field] = "forkert"
    write(tmp_path / "backup.json", document)
    new_database()

    restore_backup(tmp_path / "backup.json")

    assert (Body.objects.values_list("name_key", flat=True).get(), AgendaItem.objects.values_list("search_text", flat=True).get()) == (
        "ærø bestyrelse",
        "budget\n\ngodkendt.\næbleskiver.\n\n\n\n",
    )


@restores
def test_restore_of_a_page_whose_source_cannot_be_read_restores_nothing(tmp_path):
    add_page(tmp_path / "handbook")
    write_backup(tmp_path / "backup.json")
    document = read(tmp_path / "backup.json")
    (page,) = [o for o in document["objects"] if o["model"] == "handbook.page"]
    page["fields"]["source"] = "---\ntitle: Om os\n"
    write(tmp_path / "backup.json", document)
    new_database()
    before = counts()

    with pytest.raises(BackupError) as error:
        restore_backup(tmp_path / "backup.json")

    assert str(error.value) == (
        f"Nothing was restored: handbook.page id {page['pk']} in {tmp_path / 'backup.json'} cannot be made "
        "from its source: om.md:1: front matter starts with --- but is never closed by a --- line"
    )
    assert counts() == before


def test_restore_of_a_file_nested_too_deep_is_refused(empty_backup):
    document = read(empty_backup)
    text = json.dumps({**document, "objects": []})
    empty_backup.write_text(text[:-1] + ', "extra": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")

    with pytest.raises(BackupError) as error:
        restore_backup(empty_backup)

    assert str(error.value) == f"{empty_backup} is not an os2org backup: line 1 nests deeper than {MAX_DEPTH} levels."
