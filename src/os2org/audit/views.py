"""The audit log: every change, who made it and when, with its before and after."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.audit.selectors import changes, entries_filtered
from os2org.common.pagination import paginate


@require_safe
def log(request):
    entries, filters = entries_filtered(request.GET)
    page = paginate(request, entries.select_related("actor"))
    for entry in page:
        entry.changes = changes(entry)
    return render(request, "audit/log.html", {"page": page, **filters})
