"""The audit log: every change, who made it and when, with its before and after."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.audit.changes import changes, related_names
from os2org.audit.forms import LogFilter
from os2org.audit.selectors import actor_name, entries_filtered, kind_name
from os2org.caching import cached_page
from os2org.common.pagination import PAGE, paginate


@require_safe
@cached_page("type", "hvem", "fra", "til", "q", PAGE)
def log(request):
    form = LogFilter(request.GET)
    page = None
    if form.is_valid():
        page = paginate(request, entries_filtered(form.cleaned_data).select_related("actor"))
        names = related_names(page)
        for entry in page:
            entry.kind = kind_name(entry.object_type, entry.action)
            entry.who = actor_name(entry.actor) if entry.actor else None
            entry.changes = changes(entry, names)
    filtering = any(request.GET.get(name) for name in form.fields)
    return render(request, "audit/log.html", {"form": form, "page": page, "filtering": filtering})
