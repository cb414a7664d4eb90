"""Reads of the handbook that need care."""

from django.core.cache import cache

from os2org.handbook.models import Page


def menu_entries(version):
    """The rows the menu and the breadcrumbs are built from, cached per data version."""
    return cache.get_or_set(f"handbook:menu-entries:{version}", lambda: list(Page.objects.for_menu()), None)
