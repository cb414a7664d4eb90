from datetime import datetime, time, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.text import capfirst

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

    A read is answered from one version: its reader (access.viewer), its
    page (os2org.caching) and the menu are kept under the same number. A
    write asks afresh each time.
    """
    if request.method not in ("GET", "HEAD"):
        # A write moves the version on partway through its request.
        return data_version()
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


def entries_filtered(filters):
    """The log's entries narrowed by the cleaned filters of a LogFilter (audit.forms)."""
    entries = Entry.objects.all()
    if filters.get("type"):
        entries = entries.filter(object_type=filters["type"])
    if filters.get("hvem"):
        entries = entries.filter(actor__username=filters["hvem"])
    # Compared with the stored times, so that the database uses its index on `created`.
    if filters.get("fra"):
        entries = entries.filter(created__gte=_midnight(filters["fra"]))
    if filters.get("til"):
        entries = entries.filter(created__lt=_midnight(filters["til"] + timedelta(days=1)))
    for word in (filters.get("q") or "").split()[:10]:
        entries = entries.filter(summary__icontains=word)
    return entries


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def kinds():
    """The kinds of item the log holds, as (object type, name), in order of name."""
    types = Entry.objects.exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
    return sorted(((kind, kind_name(kind)) for kind in types), key=lambda pair: str(pair[1]).casefold())


def kind_name(object_type, action=""):
    """What an entry was made to, as a reader names it: the model's name, or for a change to no one item
    (an import) its app's name."""
    try:
        if object_type:
            return capfirst(apps.get_model(object_type)._meta.verbose_name)
        return capfirst(apps.get_app_config(action.partition(".")[0]).verbose_name)
    except (LookupError, ValueError):
        return object_type or action


def actors():
    """The users who have made changes, as (user name, the name to show), in order of that name."""
    users = get_user_model().objects.filter(pk__in=Entry.objects.values("actor_id")).order_by("username")
    return sorted(((user.get_username(), actor_name(user)) for user in users), key=lambda pair: pair[1].casefold())


def actor_name(user):
    """A user as the log names them: their full name if they gave one, else their user name."""
    return user.get_full_name() or user.get_username()
