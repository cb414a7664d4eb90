from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from os2org.caching import cached_page
from os2org.handbook.models import Page
from os2org.roles.models import Task

SEARCH_LIMIT = 50


@require_GET
def home(request):
    page = Page.objects.filter(path__in=["index.md", "index.markdown", "README.md"]).first()
    if page is None:
        page = Page.objects.filter(parent="", has_front_matter=True, nav_exclude=False).order_by("nav_order", "title").first()
    if page is None:
        return render(request, "handbook/empty.html")
    return redirect(page)


@require_GET
@cached_page
def page(request, slug):
    page = get_object_or_404(Page.objects.select_related("role").defer("source", "text", "search_text"), slug=slug)
    return render(request, "handbook/page.html", {"page": page})


def snippet(text, query, width=80):
    at = text.casefold().find(query.casefold())
    if at < 0:
        return text[: width * 2]
    start = max(at - width, 0)
    return ("…" if start else "") + text[start : at + len(query) + width] + "…"


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    pages, tasks = [], []
    if query:
        pages = list(Page.objects.matching(query).only("slug", "title", "heading", "path", "text")[:SEARCH_LIMIT])
        for found in pages:
            found.snippet = snippet(found.text, query)
        tasks = Task.objects.matching(query).select_related("role")[:SEARCH_LIMIT]
    return render(request, "handbook/search.html", {"query": query, "pages": pages, "tasks": tasks})
