"""The audit log: every change, who made it and when, with its before and after."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.audit.selectors import changes, entries_filtered
from os2org.caching import cached_page
from os2org.common.pagination import PAGE, paginate


@require_safe
@cached_page("type", "hvem", PAGE)
def log(request):
    entries, filters = entries_filtered(request.GET)
    page = paginate(request, entries.select_related("actor"))
    for entry in page:
        entry.changes = changes(entry)
    return render(request, "audit/log.html", {"page": page, **filters})
