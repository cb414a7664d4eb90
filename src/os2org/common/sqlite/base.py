"""Django's SQLite backend, with the Danish stemmer (common.stemming) as an SQL function.

SQLite's full-text index (FTS5) has no Danish stemmer. The search app's
SQLite tables are kept in step with the data by triggers, and a trigger
can stem only with a function the connection knows: `os2org_stemmed(text)`.
Every connection Django opens gets it, as it gets Django's own functions.
"""

from django.db.backends.sqlite3 import base

from os2org.common.stemming import stemmed


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.create_function("os2org_stemmed", 1, _stemmed, deterministic=True)
        return connection


def _stemmed(text):
    return stemmed(text or "")
