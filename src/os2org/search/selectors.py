"""Full-text search across the apps, of what the viewer may read, ranked.

Each app says what a viewer may read among its searched things (its
`searchable(viewer=…)` selector); this adds the words. On PostgreSQL the
columns are matched with its 'danish' configuration; on SQLite, in the
FTS5 index of their stems (os2org.search.sqlite). Both stem with the
Snowball Danish algorithm and leave out the same stop words, so both find
the same rows. Each word is searched as the start of a stem, so that
"budget" finds the Danish compounds "budgetforslag" and "budgetopfølgning"
too. A title match ranks above a match in the text.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet

from os2org.common.search import MAX_QUERY, MAX_WORDS
from os2org.common.stemming import stems, words
from os2org.search.highlight import window
from os2org.search.sources import SOURCES

# How much more a word in the title counts than one in the text (SQLite's bm25 column weights).
TITLE_WEIGHT = 10.0


def query_words(query: str) -> list[str]:
    """The words of a query that are searched by: folded, without stop words, at most MAX_WORDS."""
    return words(query[:MAX_QUERY])[:MAX_WORDS]


def query_stems(query: str) -> tuple[str, ...]:
    return tuple(sorted(set(stems(" ".join(query_words(query))))))


def found(queryset: QuerySet, index, query: str) -> QuerySet:
    """The rows of `queryset` that hold every searched word of `query`, best first (each with `rank`).

    A query of stop words only finds nothing.
    """
    searched = query_words(query)
    if not searched:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _found_in_postgresql(queryset, index, searched)
    return _found_in_sqlite(queryset, index, searched)


def _found_in_postgresql(queryset, index, searched):
    vector = SearchVector(*index.title, weight="A", config="danish")
    if index.text:
        vector = vector + SearchVector(*index.text, weight="B", config="danish")
    # Each word as a prefix of a stem, as in SQLite: words are letters and digits only, safe in a raw query.
    search = SearchQuery(" & ".join(f"{word}:*" for word in searched), config="danish", search_type="raw")
    ranked = queryset.annotate(search_vector=vector, rank=SearchRank(vector, search))
    return ranked.filter(search_vector=search).order_by(F("rank").desc(), "pk")


def _found_in_sqlite(queryset, index, searched):
    fts, table = index.fts_table, index.table
    match = " ".join(f'"{stem}"*' for stem in stems(" ".join(searched)))
    # The index joined once, its rank read in the same match: a rank asked
    # for row by row ran the match again for each row found (100 ms for
    # "budget" among 10,000 decisions). Django's expressions cannot join a
    # table of no model, hence extra().
    return queryset.extra(
        tables=[fts],
        where=[f"{fts} MATCH %s", f"{fts}.rowid = {table}.id"],
        params=[match],
        select={"rank": f"-bm25({fts}, {TITLE_WEIGHT}, 1.0)"},
    ).order_by("-rank", "pk")


# The results of each kind an API caller is given (the page pages them further).
FIRST = 10


def search_kinds(viewer, query: str) -> list[dict]:
    """Each kind with a match for `query` that `viewer` may read: its key, name, count and first results (plain text)."""
    kinds, stems = [], query_stems(query)
    for source in SOURCES if query.strip() else ():
        rows = found(source.readable_by(viewer), source.index, query)
        count = rows.count()
        if count:
            shown = [_plain(source.show(row, viewer), stems) for row in rows[:FIRST]]
            kinds.append({"kind": source.key, "label": source.label, "count": count, "results": shown})
    return kinds


def _plain(shown, stems):
    return {"title": shown.title, "url": shown.url, "context": shown.context, "excerpt": window(shown.text, stems)}
