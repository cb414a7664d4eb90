from django.urls import reverse
from django.utils.functional import SimpleLazyObject, lazy

from os2org.sync.models import Conflict
from os2org.sync.selectors import footer_text


def footer(request):
    """The footer's line about Git, worked out only when a page's cached footer is out of date."""
    return {"sync_footer": lazy(footer_text, str)()}


def conflicts(request):
    """{page path: its open conflict's address}, for the secretariat, who settle them (read on first use)."""

    def open_conflicts():
        if not request.viewer.secretariat:
            return {}
        rows = Conflict.objects.open().values_list("path", "pk")
        return {path: reverse("sync:conflict", args=[pk]) for path, pk in rows}

    return {"sync_conflicts": SimpleLazyObject(open_conflicts)}
