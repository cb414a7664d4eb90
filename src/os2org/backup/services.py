"""Everything in the database as one file, and back.

A backup is a JSON document (gzipped when its name ends in `.gz`):

    {"format": "os2org-backup", "version": 1, "created": "…",
     "migrations": {app label: latest applied migration}, "objects": […],
     "files": [{"name": stored name, "content": base64}, …]}

`objects` holds every row of every installed app in Django's serialized
form, each model after those it refers to by natural key (references by
id are checked once the whole file is in). Content types and
permissions are left out, because `migrate` makes them on every database;
objects refer to them by natural key. Sessions, log-in attempts and API
tokens are left out too: a restored site starts without them, so a copy
restored elsewhere (a test machine) lets no one in that the password does
not. (A token row would not let anyone in either: django-rest-knox stores
a SHA-512 digest of the token and its first 15 of 64 characters, to find
it by.) Objects keep their ids, so ids stored as plain values (audit
entries name the objects they changed) still point at the right rows
after a restore. `files` holds the attachments' files (os2org.attachments.archive),
each checked against its attachment's size and checksum when written and
when restored; a backup without it has no attachments.

A restore trusts the file no further than an import. It refuses objects
of models a backup never holds and the same object twice, and it makes
every field in REBUILT again from its source with the project's own
code, so HTML written into the file by hand never reaches a page.
"""

import datetime
import gzip
import json
import os
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org import markup
from os2org.attachments.archive import FileProblem, delete_files, files_for_backup, restore_files
from os2org.common.limits import UntrustedText, load_json
from os2org.common.rows import each_row
from os2org.governance.models import CaseBrief
from os2org.handbook.pages import read_page
from os2org.handbook.rendering import Rendering
from os2org.handbook.services import page_fields

FORMAT = "os2org-backup"
VERSION = 1
# Made by `migrate` on every database (objects name them by natural key),
# or ways in that a restored site starts without: sessions, API tokens, and
# the log-in attempts (addresses and browsers of whoever tried to log in).
# A restore refuses them.
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "knox.authtoken",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "axes.accessattemptexpiration",
}
GZIP_MAGIC = b"\x1f\x8b"


def _page_fields(page):
    """A handbook page's fields made from its source: the HTML, its text, its place in the menu.

    Rendered with the restored handbook (its _config.yml and its pages'
    addresses), as an import renders it.
    """
    rendering = Rendering.from_store()
    parsed = read_page(page.path, page.source)
    rendering.prepare(parsed)
    fields = page_fields(parsed, rendering)
    del fields["source"]
    return fields


# The fields that the project's own code makes from another field, above all
# sanitised HTML, which pages show as it is: a restore makes them again from
# their source instead of taking them from the file, which anyone may have
# edited. One line per model: its label, and a function from an object to
# {field: value} that raises ValueError (saying where) for a source it
# cannot read.
def _derived(obj):
    """The search keys a model makes from its own fields when saved (organisation.models.KeyedByName)."""
    obj.derive()
    return {name: getattr(obj, name) for name in obj.DERIVED}


def _agenda_item_fields(item):
    """An agenda item's HTML, and its search text, which takes in its case brief (restored by now)."""
    return {**markup.render_fields(item), "search_text": item.searchable(CaseBrief.objects.filter(item=item).first())}


REBUILT = {
    "handbook.page": _page_fields,
    "organisation.organisation": _derived,
    "organisation.body": _derived,
    "organisation.person": _derived,
    "governance.activity": markup.render_fields,
    "governance.agendaitem": _agenda_item_fields,
    "governance.casebrief": markup.render_fields,
    "governance.minutes": markup.render_fields,
    "governance.minutespart": markup.render_fields,
}


class BackupError(Exception):
    """A backup could not be written or restored; the message says why, for the user."""


def write_backup(path, *, progress=None):
    """Write every object in the database to the file at `path`; return how many.

    Side effects: creates or replaces `path` (readable by its owner only: it
    holds password hashes), with every attachment's file in it; raises
    BackupError if a file is missing or differs from its attachment. The file is written beside it under a temporary
    name and renamed when whole, so a failed backup leaves no half file.
    `progress(done, total)` is called after each model.
    """
    path = Path(path)
    with _consistent_reads():
        models = backed_up_models()
        total = sum(model._base_manager.count() for model in models)
        objects = []
        for model in models:
            rows = each_row(model._base_manager.all())
            objects += serializers.serialize("python", rows, use_natural_foreign_keys=True)
            _report(progress, len(objects), total)
        migrations = applied_migrations()
        files = _attachment_files()
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "migrations": migrations,
        "objects": objects,
        "files": files,
    }
    data = json.dumps(document, cls=_Encoder, ensure_ascii=False, indent=1).encode()
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    try:
        _write_whole(path, data)
    except OSError as error:
        # strerror, not the error itself: that would name the temporary file.
        raise BackupError(_("Cannot write %(file)s: %(error)s") % {"file": path, "error": error.strerror}) from error
    return len(objects)


def restore_backup(path, *, progress=None):
    """Load the backup at `path` into this empty database, all or nothing; return how many objects.

    Side effects: deletes the rows that migrations made outside our apps
    (the access app's groups; the backup holds the source's own), writes
    every object of the file with its stored ids and timestamps, makes the
    fields in REBUILT again from their sources, and moves the database's
    id sequences past the restored ids.
    Puts the attachments' files back into the attachments storage.
    Raises BackupError, having written nothing, when the file is not a
    backup, too large or nested too deep, when the database holds data or
    has other migrations applied than the backup was made on, or when an
    object cannot be loaded, is of a model a backup never holds, is in the
    file twice, or has a source that cannot be read; or when an
    attachment's file is missing, differs from its attachment, has a name
    the storage never gives, or is in the storage already.
    `progress(done, total)` is called after each object.
    """
    path = Path(path)
    document = _read(path)
    _check_empty()
    _check_migrations(document["migrations"])
    objects = document["objects"]
    written = []
    try:
        with transaction.atomic():
            _clear_what_migrations_made()
            models, loaded = set(), {}
            for number, raw in enumerate(objects, 1):
                models.add(_load(raw, number=number, path=path, loaded=loaded))
                _report(progress, number, len(objects))
            _check_references(models, path=path)
            _rebuild(path=path)
            _reset_sequences(models)
            _restore_files(document.get("files", []), path=path, written=written)
    except BaseException:
        # All or nothing: the database is rolled back, and the files written go too.
        delete_files(written)
        raise
    return len(objects)


def _attachment_files():
    try:
        return files_for_backup()
    except FileProblem as error:
        raise BackupError(_("Nothing was backed up: %(problem)s") % {"problem": error}) from error


def _restore_files(entries, *, path, written):
    try:
        restore_files(entries, written=written)
    except FileProblem as error:
        raise BackupError(
            _("Nothing was restored: %(file)s: %(problem)s") % {"file": path, "problem": error}
        ) from error


def backed_up_models():
    """The models a backup holds, ordered so that each comes after the models it refers to by natural key."""
    app_list = [
        (config, [model for model in config.get_models() if _is_backed_up(model)])
        for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def applied_migrations():
    """The latest applied migration of each installed app, by name."""
    labels = {config.label for config in apps.get_app_configs()}
    latest = {}
    for label, name in MigrationRecorder(connection).applied_migrations():
        # Migration names start with their number, so the greatest is the latest.
        if label in labels and name > latest.get(label, ""):
            latest[label] = name
    return dict(sorted(latest.items()))


def _is_backed_up(model):
    meta = model._meta
    return meta.managed and not meta.proxy and meta.label_lower not in LEFT_OUT


@contextmanager
def _consistent_reads():
    """A transaction whose reads all see the database as it was at its first read.

    Without it, a backup taken while the site is in use could hold a row
    that refers to one written after its model had been read.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        # PostgreSQL gives each statement its own snapshot unless told
        # otherwise before the transaction's first query; SQLite keeps one
        # snapshot per transaction anyway.
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but keeping microseconds: a restored timestamp equals the stored one."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _write_whole(path, data):
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        # Interrupted too (Ctrl-C): never leave the temporary file behind.
        os.unlink(temporary)
        raise


def _read(path):
    """The backup document in the file at `path`, its header checked."""
    limit = getattr(settings, "BACKUP_MAX_BYTES", 512 * 1024 * 1024)
    too_large = BackupError(
        _("%(file)s is larger than the %(limit)d bytes a backup may have (setting BACKUP_MAX_BYTES).")
        % {"file": path, "limit": limit}
    )
    try:
        if path.stat().st_size > limit:
            raise too_large
        with path.open("rb") as file:
            gzipped = file.read(len(GZIP_MAGIC)) == GZIP_MAGIC
            file.seek(0)
            # Read one byte past the limit to tell a gzip that unpacks too large.
            data = (gzip.GzipFile(fileobj=file) if gzipped else file).read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise BackupError(_("Cannot read %(file)s: %(error)s") % {"file": path, "error": error}) from error
    if len(data) > limit:
        raise too_large
    not_a_backup = BackupError(_("%(file)s is not an os2org backup.") % {"file": path})
    try:
        # Bounded: Python's parser recurses once per level and would fail deep down.
        document = load_json(data.decode("utf-8"))
    except UntrustedText as error:
        raise BackupError(
            _("%(file)s is not an os2org backup: line %(line)d %(problem)s")
            % {"file": path, "line": error.line, "problem": error.message}
        ) from None
    except ValueError as error:
        raise not_a_backup from error
    if not (
        isinstance(document, dict)
        and document.get("format") == FORMAT
        and isinstance(document.get("version"), int)
        and isinstance(document.get("migrations"), dict)
        and isinstance(document.get("objects"), list)
    ):
        raise not_a_backup
    if document["version"] > VERSION:
        raise BackupError(
            _("%(file)s was made by a newer os2org (backup version %(version)d); update os2org to restore it.")
            % {"file": path, "version": document["version"]}
        )
    return document


def _check_empty():
    filled = [model._meta.label for model in backed_up_models() if _is_data(model) and model._base_manager.exists()]
    if filled:
        raise BackupError(
            _(
                "The database holds data already (%(models)s); nothing was restored. "
                "Run it on an empty database: os2org migrate on a new database first."
            )
            % {"models": ", ".join(filled)}
        )


def _is_data(model):
    """Whether rows of `model` mean a database is in use: our apps' rows and the users do.

    A new database holds rows of other apps that migrations made (the
    access app's groups): the backup holds the source's own, which replace them.
    """
    return model._meta.app_config.name.startswith("os2org.") or model is get_user_model()


def _clear_what_migrations_made():
    for model in reversed(backed_up_models()):
        if not _is_data(model):
            model._base_manager.all().delete()


def _check_migrations(migrations):
    ours = applied_migrations()
    differ = sorted(label for label in ours.keys() | migrations.keys() if ours.get(label) != migrations.get(label))
    if differ:
        raise BackupError(
            _(
                "The backup was made on other migrations than this database has for: %(apps)s. "
                "Migrate a new database to the migrations the backup names, then restore."
            )
            % {"apps": ", ".join(differ)}
        )


def _load(raw, *, number, path, loaded):
    """Save the serialized object `raw` as stored; return its model.

    `loaded` maps (model, id) of every object saved so far to its number
    in the file, and gets this one's: the second of two objects with the
    same id would overwrite the first.
    """
    try:
        (deserialized,) = serializers.deserialize("python", [raw])
        model, pk = type(deserialized.object), deserialized.object.pk
        _check_held(model, pk, number=number, path=path)
        if pk is not None:
            _check_once(model, pk, number=number, path=path, loaded=loaded)
        deserialized.save()
    except (DeserializationError, DatabaseError, ValidationError, LookupError, TypeError, ValueError) as error:
        raise BackupError(
            _("Nothing was restored: object %(number)d of %(file)s (%(model)s, id %(pk)s) cannot be loaded: %(error)s")
            % {"number": number, "file": path, **_identify(raw), "error": error}
        ) from error
    return model


def _check_held(model, pk, *, number, path):
    if not _is_backed_up(model):
        raise BackupError(
            _(
                "Nothing was restored: object %(number)d of %(file)s is %(model)s id %(pk)s, "
                "and a backup never holds %(model)s objects."
            )
            % {"number": number, "file": path, "model": model._meta.label_lower, "pk": pk}
        )


def _check_once(model, pk, *, number, path, loaded):
    key = (model._meta.label_lower, pk)
    if key in loaded:
        raise BackupError(
            _("Nothing was restored: objects %(first)d and %(second)d of %(file)s are both %(model)s id %(pk)s.")
            % {"first": loaded[key], "second": number, "file": path, "model": key[0], "pk": pk}
        )
    loaded[key] = number


def _identify(raw):
    if not isinstance(raw, dict):
        return {"model": "?", "pk": "?"}
    return {"model": raw.get("model", "?"), "pk": raw.get("pk", "?")}


def _check_references(models, *, path):
    """Raise BackupError naming the first restored row whose foreign key points at no row.

    The database checks foreign keys only when the transaction ends, and
    its complaint names tables and values, not the object to fix.
    """
    through = {field.remote_field.through for model in models for field in model._meta.local_many_to_many}
    for model in [*models, *through]:
        for field in model._meta.concrete_fields:
            if not (field.is_relation and field.db_constraint):
                continue
            targets = field.remote_field.model._base_manager.values(field.target_field.attname)
            dangling = (
                model._base_manager.filter(**{f"{field.attname}__isnull": False})
                .exclude(**{f"{field.attname}__in": targets})
                .values_list("pk", field.attname)
                .first()
            )
            if dangling:
                raise BackupError(
                    _(
                        "Nothing was restored: %(model)s id %(pk)s in %(file)s refers to %(target)s %(value)s, "
                        "which is not in the backup."
                    )
                    % {
                        "model": model._meta.label_lower,
                        "pk": dangling[0],
                        "file": path,
                        "target": field.remote_field.model._meta.label_lower,
                        "value": dangling[1],
                    }
                )


def _rebuild(*, path):
    """Make the fields in REBUILT again from their sources, in every restored object."""
    for label, fields_of in REBUILT.items():
        model = apps.get_model(label)
        # A list, not iterator(): SQLite would let the updates disturb the reads.
        for obj in list(model._base_manager.order_by("pk")):
            try:
                fields = fields_of(obj)
            except ValueError as error:
                raise BackupError(
                    _("Nothing was restored: %(model)s id %(pk)s in %(file)s cannot be made from its source: %(error)s")
                    % {"model": label, "pk": obj.pk, "file": path, "error": error}
                ) from error
            # update(), not save(): the restored timestamps stay as stored.
            model._base_manager.filter(pk=obj.pk).update(**fields)


def _reset_sequences(models):
    """Move the id sequences past the restored ids, so new rows get fresh ones (PostgreSQL)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)


def _report(progress, done, total):
    if progress is not None:
        progress(done, total)
