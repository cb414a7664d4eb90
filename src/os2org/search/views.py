from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.common.pagination import paginate
from os2org.common.search import MAX_QUERY
from os2org.search.highlight import excerpt, marked
from os2org.search.selectors import found, query_stems
from os2org.search.sources import SOURCES

# A page of each kind of result; more are a page further in that kind.
PER_KIND = 10


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    excerpt: str
    context: str


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    page: object
    results: list


@require_safe
def results(request):
    """Everything the reader may read that holds the words of `?q=`, by kind, best first.

    Each kind is counted and paged in the database (`?side-<kind>=`).
    """
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    stems = query_stems(query)
    groups = [_group(request, source, query, stems) for source in SOURCES] if query else []
    shown = [group for group in groups if group.page.paginator.count]
    return render(request, "search/results.html", {"query": query, "groups": shown})


def _group(request, source, query, stems):
    rows = found(source.readable_by(request.viewer), source.index, query)
    page = paginate(request, rows, PER_KIND, parameter=f"side-{source.key}", anchor=source.key)
    results = [_result(source.show(row, request.viewer), stems) for row in page] if page.paginator.count else []
    return Group(source.key, source.label, page, results)


def _result(shown, stems):
    return Result(marked(shown.title, stems), shown.url, excerpt(shown.text, stems) if shown.text else "", shown.context)
