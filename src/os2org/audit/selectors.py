from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from os2org.audit.models import Entry


def data_version():
    """A number that changes whenever stored data changes.

    Every change writes its audit entry in its own transaction, so the
    newest entry's id moves with every change, on every app instance that
    shares the database. Cached data carries it in its key and can never
    outlive what it was made from.
    """
    # Asked on every request: one plain statement, which the primary key's
    # index answers at once, rather than an ORM query that costs more to build.
    connection = connections[router.db_for_read(Entry)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({connection.ops.quote_name('id')}) FROM {connection.ops.quote_name(Entry._meta.db_table)}")
        return cursor.fetchone()[0] or 0


def request_data_version(request):
    """The data's version as this request first read it: one query, however many parts of the request ask.

    A request is answered from one version: its reader (access.viewer) and
    its page (os2org.caching) are kept under the same number.
    """
    version = getattr(request, "data_version", None)
    if version is None:
        version = request.data_version = data_version()
    return version


def revision(obj):
    """The id of the newest audit entry of one object: its version number.

    An edit form carries it; if it has moved on when the form comes back,
    someone else saved in between (see services.check_revision).
    """
    return (
        Entry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )


def with_revisions(queryset):
    """The queryset with each object's `revision` (see `revision`), in the same query.

    For pages that post a form per row (the agenda's move buttons), so that
    each form carries its object's revision without a query per row.
    """
    newest = Entry.objects.filter(
        object_type=queryset.model._meta.label_lower, object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-id")
    return queryset.annotate(revision=Coalesce(Subquery(newest.values("id")[:1]), 0))


# Fields whose change says nothing to a reader of the log.
UNTOLD = {"id", "slug", "html", "text", "search_text", "body_line"}


class Change(NamedTuple):
    label: str
    before: object
    after: object


def changes(entry):
    """The fields an entry changed, as Changes, in stored order."""
    before = entry.data.get("before") or {}
    after = entry.data.get("after") or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    fields = list(dict.fromkeys([*before, *after]))
    return [
        Change(_label(entry.object_type, field), before.get(field), after.get(field))
        for field in fields
        if field not in UNTOLD and before.get(field) != after.get(field)
    ]


def _label(object_type, field):
    """The field's name as the forms call it, or as stored if the model is gone."""
    try:
        found = apps.get_model(object_type)._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist):
        return field
    # A reverse relation (the parts of the minutes) is named by what it holds.
    return getattr(found, "verbose_name", None) or found.related_model._meta.verbose_name_plural


def entries_filtered(query):
    """The log's entries narrowed by the query string, and the filters as read."""
    entries = Entry.objects.all()
    kind = query.get("type", "").strip()[:100]
    who = query.get("hvem", "").strip()[:150]
    if kind:
        entries = entries.filter(object_type=kind)
    if who:
        entries = entries.filter(actor__username=who)
    types = Entry.objects.exclude(object_type="").order_by("object_type").values_list("object_type", flat=True)
    return entries, {"kind": kind, "who": who, "types": types.distinct()}
