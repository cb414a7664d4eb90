"""The menu, built exactly the way the just-the-docs theme builds it.

Top level: pages without `parent`. Children: pages whose `parent` is the
title of their parent (and whose `grand_parent`, where given, is the title
of the parent's parent), to any depth. Siblings sort by `nav_order`, then the pages
without one, by title. `nav_exclude` pages (and pages Jekyll would not
render, having no front matter) stay out of the menu but remain reachable.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class NavItem:
    title: str
    path: str
    children: list = field(default_factory=list)
    entry: object = field(default=None, repr=False, compare=False)
    # Shown unfolded: the page being read is this one or below it.
    open: bool = field(default=False, repr=False, compare=False)

    def as_dict(self):
        return {"title": self.title, "path": self.path, "children": [c.as_dict() for c in self.children]}


def sort_key(entry):
    """(has no number, number, title): numbered pages first, then by title."""
    nav_order, title = entry
    if nav_order is None:
        return (1, 0, title.casefold())
    return (0, nav_order, title.casefold())


def in_menu(entry):
    """entry: any object with title, parent, grand_parent, nav_order, nav_exclude, path."""
    return bool(entry.title) and not entry.nav_exclude and entry.has_front_matter


def build_menu(entries):
    """Return the menu tree as a list of NavItem."""
    visible = [entry for entry in entries if in_menu(entry)]

    def children_of(parent, grand_parent_title):
        found = [
            entry
            for entry in visible
            if entry.parent == parent.title
            and (not entry.grand_parent or entry.grand_parent == grand_parent_title)
        ]
        return sorted(found, key=lambda e: sort_key((e.nav_order, e.title)))

    def item(entry, parent_title, above):
        # Any depth (just-the-docs allows it since 0.10); a page that would
        # be its own ancestor (a parent: naming its own title) is not repeated.
        node = NavItem(entry.title, entry.path, entry=entry)
        above = above | {entry.path}
        children = [child for child in children_of(entry, parent_title) if child.path not in above]
        node.children = [item(child, entry.title, above) for child in children]
        return node

    top = sorted((e for e in visible if not e.parent), key=lambda e: sort_key((e.nav_order, e.title)))
    return [item(entry, None, frozenset()) for entry in top]


def parent_of(entry, by_title):
    """The entry's parent; its grand_parent, where given, picks among equal titles."""
    candidates = by_title.get(entry.parent, [])
    if entry.grand_parent:
        candidates = [candidate for candidate in candidates if candidate.parent == entry.grand_parent]
    return candidates[0] if candidates else None


def breadcrumbs(entries, entry):
    """The chain of ancestors of an entry, top first (not including it)."""
    by_title = defaultdict(list)
    for candidate in entries:
        if candidate.title and candidate.has_front_matter:
            by_title[candidate.title].append(candidate)
    chain, seen = [], {entry.path}
    current = parent_of(entry, by_title)
    while current is not None and current.path not in seen:
        seen.add(current.path)
        chain.insert(0, current)
        current = parent_of(current, by_title)
    return chain


_SECTION = re.compile(r"<h2\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h2>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def page_outline(page_html):
    """The sections of a rendered page, as (anchor, heading text): the page's table of contents.

    Reads the page's own sanitised HTML, whose headings carry their anchors.
    """
    return [(anchor, html.unescape(_TAG.sub("", inner)).strip()) for anchor, inner in _SECTION.findall(page_html)]
