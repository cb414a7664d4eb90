"""Reading many rows a chunk at a time, with nothing left open when the reading ends, however it ends.

Each chunk is a query of its own, for the rows after the last primary key
read (keyset pagination), so memory stays flat on every database and no
cursor outlives its query. QuerySet.iterator() cannot promise that on
PostgreSQL: it reads through a server-side cursor, and one left open when
an error ended the reading is closed by the garbage collector, perhaps in
the middle of another query on the same connection, which then waits for
ever for its own lock. (Twice that stopped a whole CI run.) So the
settings turn server-side cursors off, and this is how to read a large
table instead.
"""

# Rows fetched per query: few enough to keep memory flat, enough to make round trips rare.
CHUNK = 2000


def each_row(queryset, *, chunk_size=CHUNK):
    """The rows of `queryset` in the order of their primary keys, read `chunk_size` at a time.

    Reads stay consistent across the chunks when they run in one
    transaction that sees a single snapshot (as backups do).
    """
    queryset = queryset.order_by("pk")
    chunk = list(queryset[:chunk_size])
    while chunk:
        yield from chunk
        if len(chunk) < chunk_size:
            return
        chunk = list(queryset.filter(pk__gt=chunk[-1].pk)[:chunk_size])
