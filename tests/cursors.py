"""The server-side cursors (PostgreSQL's, for QuerySet.iterator()) that nothing has closed yet."""

import gc

import pytest
from django.db import connection

only_on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no server-side cursors")


def unclosed_server_cursors():
    """Each one is closed by the garbage collector at some later query, which then waits for ever."""
    from psycopg import ServerCursor

    # type(), not isinstance(): isinstance asks a lazy object (a request's CSP nonce) for its __class__,
    # which makes it work itself out, out of place.
    return [found for found in gc.get_objects() if issubclass(type(found), ServerCursor) and not found.closed]
