"""Word search in the database, alike on SQLite and PostgreSQL.

SQLite's LIKE folds only ASCII letters, so "ÆBLE" would not find "æble"
there. A searchable model keeps the text it is searched by folded
(`folded`) in a column of its own; a query is folded the same way and
split into words, and every word must occur in one of the columns searched
(`matching`). The database does the filtering, a page of matches at a time.
"""

import unicodedata
from functools import reduce
from operator import and_, or_

from django.db.models import Q

# Enough for any name; a longer query is cut here rather than searched word by word.
MAX_QUERY = 200
MAX_WORDS = 10


def folded(text: str) -> str:
    """`text` as it is searched and compared: in compatibility form (NFKC) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def words(query: str) -> list[str]:
    return folded(query[:MAX_QUERY]).split()[:MAX_WORDS]


def matching(query: str, *columns) -> Q:
    """A filter: every word of `query` occurs in one of `columns`; a query without words matches everything.

    A column is the name of a folded text field, or (name, condition) for
    one searched only where the condition holds, such as a related object's
    name where the reader may read that object.
    """
    return reduce(and_, (reduce(or_, (_contains(column, word) for column in columns)) for word in words(query)), Q())


def _contains(column, word):
    name, condition = (column, Q()) if isinstance(column, str) else column
    return Q(**{f"{name}__contains": word}) & condition
