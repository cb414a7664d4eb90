from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from os2org.audit.models import Entry
from os2org.audit.selectors import revision

NAME_LENGTH = Entry._meta.get_field("object_name").max_length


def snapshot(obj, *, related=None):
    """The stored fields of a model instance, as JSON-ready values.

    Many-to-many lists are read from the database (or the prefetched
    ones); `related` ({field: objects}) gives lists already at hand.
    """
    if obj is None or obj.pk is None:
        return None
    related = related or {}
    values = model_to_dict(obj, exclude=list(related)) | related
    encoder = DjangoJSONEncoder()
    return {key: _plain(value, encoder) for key, value in values.items()}


def _plain(value, encoder):
    if isinstance(value, (list, tuple)):
        return [_plain(v, encoder) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return encoder.default(value)


def record(action, *, summary, actor=None, obj=None, before=None, after=None, data=None):
    """Write an audit entry; call it inside the transaction of the change.

    `obj` ties the entry to the object's history; `before`/`after` are
    snapshots (see `snapshot`).
    """
    entry = _entry(action, summary=summary, actor=actor, obj=obj, before=before, after=after, data=data)
    entry.save(force_insert=True)
    return entry


def record_each(action, changed, *, summary, actor=None, related=None):
    """`record` for many objects at once, in one query (a few for thousands); inside the transaction of the changes.

    `changed` is [(object, its snapshot before)], the objects saved now;
    `summary(object)` words each entry, and `related` ({index: lists})
    gives many-to-many lists already at hand (see snapshot).
    """
    entries = []
    for index, (obj, before) in enumerate(changed):
        after = snapshot(obj, related=(related or {}).get(index))
        entries.append(_entry(action, summary=summary(obj), actor=actor, obj=obj, before=before, after=after))
    return Entry.objects.bulk_create(entries)


def _entry(action, *, summary, actor, obj, before, after, data=None):
    payload = dict(data or {})
    if before is not None or after is not None:
        payload.update(before=before, after=after)
    return Entry(
        action=action,
        summary=summary,
        actor=actor,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_name=str(obj)[:NAME_LENGTH] if obj is not None else "",
        data=payload,
    )


def history(obj):
    """The audit entries of one object, newest first."""
    return Entry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def check_revision(obj, seen):
    """Refuse a save made from an out-of-date form (optimistic locking).

    Call it inside the transaction of the change, before writing. The row
    is locked first, so of two saves racing from the same version exactly
    one gets through; the other is told to reload, and nothing of it is
    written. `seen` of None (a command, not a form) skips the check.
    """
    if seen is None or obj.pk is None:
        return
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).exists()
    if revision(obj) != seen:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Someone else saved this while you were editing it. Nothing of yours was saved: "
                    "open the page again to see their change, then make yours."
                )
            },
            code="conflict",
        )
