"""A logged change as a reader of the log reads it: field names, values in words, and text as a line diff.

An entry keeps each field's value as it was stored: ids for the items it
points to, codes for choices, ISO dates. The log names the items (in one
query however many entries and kinds: related_names), gives each
choice its label and each date and number its Danish (or English) form,
and shows a field of several lines (a page's source, a case brief) as the
lines that changed rather than as two copies of the whole text.
"""

import difflib
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import CharField, ForeignObjectRel, Max, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format, number_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from os2org.audit.models import Entry

# Fields whose change says nothing to a reader of the log.
UNTOLD = {"id", "slug", "html", "text", "search_text", "body_line", "name_key", "email_key"}
# Lines shown around each changed line of a text.
CONTEXT = 1


class Change(NamedTuple):
    label: str
    before: object
    after: object
    # For a text of several lines: [(kind, line)], kind "same", "del", "ins" or "gap".
    diff: list | None = None


def _model(object_type):
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, name):
    """The model's own field `name`, or None. A reverse relation is not one: an entry may record a list of
    its own under that name (a gate template's points, say), which holds no other item's number."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return None if isinstance(field, ForeignObjectRel) else field


def _sides(entry):
    """An entry's (before, after) field values; {} for a side it lacks, or holds as something else."""
    data = entry.data if isinstance(entry.data, dict) else {}
    return tuple(values if isinstance(values := data.get(side), dict) else {} for side in ("before", "after"))


def related_names(entries):
    """{(model, str(pk)): name} of every item the entries' fields point to.

    One query however many kinds of item the entries point to: each item is
    named as its own newest entry recorded it, or else (a role description,
    derived from its page, has no entries) by its name or title field, read
    in the same query (a UNION), so the count does not depend on which kinds
    a page of the log happens to show. An item named neither way (written
    before names were kept, and with no name field) is looked up itself, one
    query per kind of such item.
    """
    wanted = defaultdict(set)
    for entry in entries:
        model = _model(entry.object_type)
        for values in _sides(entry):
            for name, value in values.items():
                field = _field(model, name)
                if field is None or not field.is_relation or field.related_model is None:
                    continue
                for pk in value if isinstance(value, list) else [value]:
                    if isinstance(pk, (int, str)) and pk != "":
                        wanted[field.related_model].add(str(pk))
    if not wanted:
        return {}
    models = {model._meta.label_lower: model for model in wanted}
    newest = (
        Entry.objects.filter(object_type__in=models, object_id__in={pk for pks in wanted.values() for pk in pks})
        .values("object_type", "object_id")
        .annotate(newest=Max("id"))
        .values("newest")
    )
    recorded = (
        Entry.objects.filter(id__in=Subquery(newest)).order_by().values_list("object_type", "object_id", "object_name")
    )
    current = [_current_names(model, pks) for model, pks in wanted.items() if _name_field(model)]
    rows = recorded.union(*current, all=True) if current else recorded
    names, fields = {}, {}
    for object_type, object_id, name in rows:
        model = models.get(object_type.removeprefix(CURRENT))
        if not name or model is None or object_id not in wanted[model]:
            continue
        if object_type.startswith(CURRENT):
            fields[(model, object_id)] = name
        else:
            names[(model, object_id)] = name
    names = {**fields, **names}
    for model, pks in wanted.items():
        unnamed = [pk for pk in pks if (model, pk) not in names]
        if unnamed:
            for item in model._default_manager.filter(pk__in=unnamed).select_related(*_named_through(model)):
                names[(model, str(item.pk))] = str(item)
    return names


# Marks a row of current names in related_names' UNION, beside the names entries recorded.
CURRENT = "current:"


def _name_field(model):
    """The text field a model's items are called by (a name or a title), if it has one."""
    for name in ("name", "title"):
        field = _field(model, name)
        if field is not None and isinstance(field, (models.CharField, models.TextField)):
            return name
    return None


def _current_names(model, pks):
    label = Value(CURRENT + model._meta.label_lower, output_field=CharField())
    return (
        model._default_manager.filter(pk__in=pks)
        .order_by()
        .annotate(audit_label=label, audit_key=Cast("pk", CharField()))
        .values_list("audit_label", "audit_key", _name_field(model))
    )


def _named_through(model):
    """The relations an item's name may read (a meeting is named by its body), two steps deep, joined at once."""
    paths = []
    for field in model._meta.concrete_fields:
        if field.many_to_one or field.one_to_one:
            paths.append(field.name)
            paths += [
                f"{field.name}__{inner.name}"
                for inner in field.related_model._meta.concrete_fields
                if inner.many_to_one or inner.one_to_one
            ]
    return paths


def changes(entry, names):
    """The fields an entry changed, as Changes in stored order, their values as a reader reads them.

    `names` is related_names() of the entries shown with it.
    """
    before, after = _sides(entry)
    model = _model(entry.object_type)
    found = []
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if name in UNTOLD or old == new:
            continue
        field = _field(model, name)
        label = _label(field, name)
        if _lines(old) or _lines(new):
            found.append(Change(label, None, None, line_diff(_text(old), _text(new))))
        else:
            found.append(Change(label, shown(field, old, names), shown(field, new, names)))
    return found


def _label(field, name):
    if field is None:
        return name
    # A reverse relation (the parts of the minutes) is named by what it holds.
    return getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural


def _lines(value):
    return isinstance(value, str) and "\n" in value.strip()


def _text(value):
    return value if isinstance(value, str) else ""


def line_diff(before, after):
    """The lines of `after` that differ from `before`, with CONTEXT lines around each change."""
    diff = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=CONTEXT):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            if diff:
                diff.append(("gap", ""))
            continue
        kind = {"-": "del", "+": "ins"}.get(line[:1], "same")
        diff.append((kind, line[1:]))
    return diff


def shown(field, value, names):
    """A stored value in words: an item's name, a choice's label, yes or no, a date or number in the reader's language."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        parts = [shown(field, part, names) for part in value]
        return ", ".join(str(part) for part in parts if part is not None)
    if field is None:
        return value
    if field.is_relation and field.related_model is not None:
        # An item removed since is named by its number.
        return names.get((field.related_model, str(value))) or _("no. %(id)s (removed)") % {"id": value}
    if field.choices:
        return capfirst(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    return _formatted(field, value)


def _formatted(field, value):
    try:
        if isinstance(field, models.DateTimeField):
            return date_format(timezone.localtime(datetime.fromisoformat(value)), "DATETIME_FORMAT")
        if isinstance(field, models.DateField):
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        if isinstance(field, models.TimeField):
            return time_format(time.fromisoformat(value), "TIME_FORMAT")
        if isinstance(field, (models.DecimalField, models.FloatField)):
            return number_format(Decimal(str(value)))
    except (TypeError, ValueError, InvalidOperation):
        pass
    return value
