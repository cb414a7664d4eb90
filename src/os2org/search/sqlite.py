"""SQLite's full-text index: one FTS5 table per searched table, kept in step by triggers.

Each FTS5 table holds the stems (common.stemming) of a row's title and
text under the row's id; a trigger on the searched table re-stems a row
whenever it is written, by any path (a service, a bulk write, an import),
through the SQL function the SQLite backend adds (os2org.common.sqlite).
`install` makes the tables and triggers and fills the index; it may be
run again at any time. Django remakes a table on SQLite to alter it, which
drops its triggers: a migration that alters a searched table runs
`install` again after it (tests/search/test_sqlite.py checks they exist).
"""

from os2org.search.indexes import ALL

TRIGGERS = ("insert", "update", "delete")


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for index in ALL:
            for statement in _statements(index):
                cursor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for index in ALL:
            for trigger in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {index.fts_table}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {index.fts_table}")


def _stemmed(columns, row):
    if not columns:
        return "''"
    joined = " || ' ' || ".join(f"coalesce({row}.{column}, '')" for column in columns)
    return f"os2org_stemmed({joined})"


def _statements(index):
    fts, table = index.fts_table, index.table
    changed = ", ".join(index.title + index.text)
    insert = (
        f"INSERT INTO {fts}(rowid, title, text) "
        f"VALUES (new.id, {_stemmed(index.title, 'new')}, {_stemmed(index.text, 'new')});"
    )
    delete = f"DELETE FROM {fts} WHERE rowid = old.id;"
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{trigger}" for trigger in TRIGGERS),
        f"DROP TABLE IF EXISTS {fts}",
        # Stems are words already; diacritics stay, as æ, ø and å are letters of their own.
        f"CREATE VIRTUAL TABLE {fts} USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 0')",
        f"INSERT INTO {fts}(rowid, title, text) SELECT id, "
        f"{_stemmed(index.title, table)}, {_stemmed(index.text, table)} FROM {table}",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {changed} ON {table} BEGIN {delete} {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
    ]
