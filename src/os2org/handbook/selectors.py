"""Reads of the handbook that need care."""

from django.core.cache import cache

from os2org.handbook.models import Page


def menu_entries(version, levels):
    """The rows the menu and the breadcrumbs are built from, cached per data
    version and per what the reader may see (`Viewer.levels`)."""
    return cache.get_or_set(
        f"handbook:menu-entries:{version}:{'-'.join(levels)}",
        lambda: list(Page.objects.for_menu().filter(visibility__in=levels)),
        None,
    )
