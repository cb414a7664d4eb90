"""Reading many rows a chunk at a time, with the cursor closed as the reading ends, however it ends.

On PostgreSQL, QuerySet.iterator() reads through a server-side cursor. One
left open when an error ends the reading is closed only when the garbage
collector gets to it, and that may be in the middle of another query on the
same connection: psycopg's close then waits for the connection's lock,
which that query holds, and the process waits for ever. (A test that
expected a backup to fail for a missing file stopped the whole CI run this
way, at the next query.) `each_row` closes the cursor on the spot instead.
"""

from contextlib import contextmanager

# Rows fetched per round trip: few enough to keep memory flat, enough to make round trips rare.
CHUNK = 2000


@contextmanager
def each_row(queryset, *, chunk_size=CHUNK):
    """The rows of `queryset`, read a chunk at a time, for a `with` block; its cursor is closed when the block ends."""
    rows = queryset.iterator(chunk_size=chunk_size)
    try:
        yield rows
    finally:
        rows.close()
