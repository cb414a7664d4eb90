"""The access app's migrations that change more than its own tables."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

BEFORE = [("access", "0002_groups")]
AFTER = [("access", "0003_drop_plain_api_tokens")]


@pytest.mark.django_db(transaction=True)
def test_plain_api_tokens_are_dropped(latest_afterwards):
    MigrationExecutor(connection).migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer)")
    MigrationRecorder(connection).record_applied("authtoken", "0004_alter_tokenproxy_options")

    MigrationExecutor(connection).migrate(AFTER)

    tables = connection.introspection.table_names()
    applied = MigrationRecorder(connection).applied_migrations()
    assert ("authtoken_token" in tables, ("authtoken", "0004_alter_tokenproxy_options") in applied) == (False, False)
