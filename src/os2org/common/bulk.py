"""Writing many objects at once, as a loaded file does: checked in Python, written in bulk.

A service that saves one object validates it with queries: each foreign
key, each unique field and each constraint is a query of its own. Its bulk
twin reads the rows it checks against once, validates each object in
Python (clean_without_queries and its own checks), and writes them all
with a few bulk queries; the database's constraints stand behind it.
"""

from collections.abc import Sequence
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db.models import Model


class InvalidItem(ValidationError):
    """The ValidationError of one item among many; `index` says which (from 0)."""

    def __init__(self, index, error):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.index = index


@contextmanager
def item(index):
    """Raise a ValidationError from inside as an InvalidItem of `index`."""
    try:
        yield
    except ValidationError as error:
        raise InvalidItem(index, error) from None


def clean_without_queries(obj: Model) -> None:
    """obj.full_clean() as far as it needs no query: each field's own checks.

    Left out: whether a related object exists (the caller holds it),
    uniqueness and constraints (the caller checks those against rows read
    once, and the database refuses what gets past).
    """
    relations = [field.name for field in obj._meta.concrete_fields if field.is_relation]
    obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def violated(model: type[Model], name: str) -> ValidationError:
    """The ValidationError that validating the model's constraint `name` raises, as full_clean words it."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)


def save_all(objects: Sequence[Model], fields: Sequence[str], *, one_by_one=()) -> None:
    """Update `fields` of the stored ones of `objects` (of one model), then insert the new ones, in bulk.

    The database checks a unique constraint row by row, also within one
    statement; the caller has checked the changes in order. So the stored
    objects in `one_by_one`, which take a unique value another row may
    still hold, are updated one at a time in their order after the others,
    and the new ones are inserted last: every state between is then part of
    one the caller checked. The new ones get their ids (PostgreSQL and
    SQLite return them). A model's DERIVED fields are made (derive()) and
    written along.
    """
    if not objects:
        return
    model = type(objects[0])
    manager = model._default_manager
    # Fields the model makes from others when it is saved (a name's search key): bulk writes skip save().
    derived = getattr(model, "DERIVED", ())
    for obj in objects if derived else ():
        obj.derive()
    fields = [*fields, *(name for name in derived if name not in fields)] if fields else fields
    new = [obj for obj in objects if obj.pk is None]
    later = [obj for obj in one_by_one if obj.pk is not None]
    later_ids = {obj.pk for obj in later}
    stored = [obj for obj in objects if obj.pk is not None and obj.pk not in later_ids]
    if stored and fields:
        manager.bulk_update(stored, fields)
    for obj in later:
        obj.save(update_fields=fields)
    manager.bulk_create(new)
