"""common.validation decides each check constraint as the database does, and full_clean gives Django's errors."""

import itertools
import random
from datetime import date, datetime
from datetime import timezone as tz
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from os2org.common.validation import UNDECIDED, decide, full_clean
from os2org.governance.models import AgendaItem, FollowUp, Meeting
from os2org.organisation.models import Body

pytestmark = pytest.mark.django_db

HEX = "0123456789abcdef" * 2 + "01234567"


def candidates(field):
    """Values for a field that sit on and around the edges the project's conditions draw."""
    values = [None] if field.null else []
    if isinstance(field, (models.ForeignKey, models.AutoField, models.BigAutoField)):
        values += [1, 2]
    elif isinstance(field, models.DecimalField):
        values += [Decimal("-1"), Decimal("0"), Decimal("0.5"), Decimal("1"), Decimal("1.5"), Decimal("168"),
                   Decimal("169")]
    elif isinstance(field, (models.IntegerField, models.FloatField)):
        values += [-1, 0, 1, 168, 169, 10080, 10081]
    elif isinstance(field, models.DateTimeField):
        values += [datetime(2026, 1, 1, tzinfo=tz.utc), datetime(2026, 1, 2, tzinfo=tz.utc)]
    elif isinstance(field, models.DateField):
        values += [date(2026, 1, 1), date(2026, 1, 2)]
    elif isinstance(field, (models.CharField, models.TextField)):
        choices = [value for value, _label in field.choices or []]
        values += ["", "x", "RRULE:FREQ=DAILY", HEX, "1234567", "12345678", *choices]
    else:
        values += [True, False] if isinstance(field, models.BooleanField) else []
    return values


def field_names(condition):
    names = []
    for child in condition.children:
        if isinstance(child, models.Q):
            names += field_names(child)
        else:
            path, value = child
            names.append(path.split("__")[0])
            if isinstance(value, models.F):
                names.append(value.name)
    return list(dict.fromkeys(names))


def check_constraints():
    for model in apps.get_models():
        if model.__module__.startswith("os2org."):
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.CheckConstraint):
                    yield pytest.param(model, constraint, id=f"{model._meta.label}.{constraint.name}")


@pytest.mark.parametrize(("model", "constraint"), list(check_constraints()))
def test_each_check_constraint_is_decided_as_the_database_decides_it(model, constraint):
    fields = [model._meta.get_field(name) for name in field_names(constraint.condition)]
    combinations = list(itertools.product(*(candidates(field) for field in fields)))
    random.Random(constraint.name).shuffle(combinations)
    disagreements = []
    for values in combinations[:40]:
        obj = model()
        for field, value in zip(fields, values, strict=True):
            setattr(obj, field.attname, value)
        decided = decide(constraint.condition, model, obj)
        assert decided is not UNDECIDED
        try:
            constraint.validate(model, obj)
            database = True
        except ValidationError:
            database = False
        if (decided is not False) != database:
            disagreements.append(values)

    assert disagreements == []


def test_full_clean_gives_the_errors_django_gives():
    meeting = Meeting(body=Body.objects.create(name="Bestyrelsen", slug="bestyrelsen"), duration=0)
    item = AgendaItem(meeting=meeting, title="", outcome="decision", outcome_text="")

    errors = []
    for clean in (lambda obj: obj.full_clean(validate_constraints=True), full_clean):
        for obj in (meeting, item):
            try:
                clean(obj)
            except ValidationError as error:
                errors.append(error.message_dict)
    assert errors[:2] == errors[2:] and len(errors) == 4


def test_a_saved_related_object_is_not_looked_up_again(django_assert_num_queries):
    body = Body.objects.create(name="Bestyrelsen", slug="bestyrelsen")
    meeting = Meeting(body=body, starts=datetime(2026, 3, 5, 15, tzinfo=tz.utc))

    # The one query: whether the body meets at that time already (a unique constraint needs the rows).
    with django_assert_num_queries(1):
        full_clean(meeting, validate_unique=False)


def test_a_follow_up_with_two_owners_breaks_its_constraint():
    follow_up = FollowUp(owner_person_id=1, owner_role_id=2)

    (one_owner,) = [c for c in FollowUp._meta.constraints if c.name == "follow_up_one_owner"]

    assert decide(one_owner.condition, FollowUp, follow_up) is False
