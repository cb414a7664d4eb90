"""Every view in the URL configuration, for tests that must cover them all."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class View:
    name: str  # "governance:meeting"
    arguments: tuple  # the URL's argument names, ("pk",)
    callback: object


def views():
    """Each named view once (the Danish and English addresses are one view)."""
    found = {}
    _walk(get_resolver(), "", found)
    return sorted(found.values(), key=lambda view: view.name)


def _walk(resolver, namespace, found):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            _walk(entry, inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}{entry.name}"
            found.setdefault(name, View(name, tuple(entry.pattern.regex.groupindex), entry.callback))
