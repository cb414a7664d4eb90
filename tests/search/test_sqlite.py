"""SQLite's full-text index: kept in step with the data by triggers (os2org.search.sqlite)."""

import pytest
from django.db import connection

from os2org.organisation.models import Organisation
from os2org.search.indexes import ALL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL needs no index of its own"),
]


def indexed(organisation):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, text FROM search_organisation_organisation WHERE rowid = %s", [organisation.pk])
        return cursor.fetchall()


def test_every_searched_table_has_its_three_triggers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'")
        names = {name for (name,) in cursor.fetchall()}

    assert names == {f"{index.fts_table}_{when}" for index in ALL for when in ("insert", "update", "delete")}


def test_index_holds_the_stems_of_a_new_row():
    organisation = Organisation.objects.create(name="Egeby Kommune", slug="egeby", partner_role="Budgettet")

    assert indexed(organisation) == [("egeby kommun", "budget")]


def test_index_follows_a_bulk_update():
    organisation = Organisation.objects.create(name="Egeby Kommune", slug="egeby")

    Organisation.objects.filter(pk=organisation.pk).update(partner_role="Årshjulet")

    assert indexed(organisation) == [("egeby kommun", "årshjul")]


def test_index_forgets_a_deleted_row():
    organisation = Organisation.objects.create(name="Egeby Kommune", slug="egeby")
    pk = organisation.pk

    organisation.delete()
    organisation.pk = pk

    assert indexed(organisation) == []
