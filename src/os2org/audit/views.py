"""The audit log: every change, who made it and when, with its before and after."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.audit.selectors import changes, entries_filtered

PER_PAGE = 50


@require_safe
def log(request):
    entries, filters = entries_filtered(request.GET)
    page = Paginator(entries.select_related("actor"), PER_PAGE).get_page(request.GET.get("side"))
    for entry in page:
        entry.changes = changes(entry)
    return render(request, "audit/log.html", {"page": page, **filters})
