"""The access tests share one world per test module (see world.py)."""

import pytest
from django.db import transaction

from tests.access.world import build


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once per module in a transaction rolled back after the module.

    Every test using it runs with `django_db` (not transactional), inside a
    savepoint of that transaction, so whatever a test changes is undone
    before the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(tmp_path_factory.mktemp("handbook"))
        transaction.set_rollback(True)
