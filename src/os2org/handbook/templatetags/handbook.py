from django import template

from os2org.handbook.navigation import breadcrumbs, build_menu, page_outline
from os2org.handbook.selectors import menu_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def handbook_menu(context):
    """The menu, with the branch that holds the page being read open."""
    menu = build_menu(menu_entries(context["data_version"], context["viewer"].levels))
    page = context.get("page")
    if page is not None and hasattr(page, "path"):
        open_branch(menu, page.path)
    return menu


def open_branch(items, path):
    """Mark `open` the items on the way to the page at `path` (and it); True if it is among `items`."""
    found = False
    for item in items:
        item.open = item.path == path or open_branch(item.children, path)
        found = found or item.open
    return found


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page):
    if not page.parent:
        return []
    return breadcrumbs(menu_entries(context["data_version"], context["viewer"].levels), page)


@register.simple_tag(takes_context=True)
def page_children(context, page):
    """The page's children in the menu, as just-the-docs lists them at the end of a parent page."""

    def find(items):
        for item in items:
            if item.path == page.path:
                return item.children
            found = find(item.children)
            if found is not None:
                return found
        return None

    return find(handbook_menu(context)) or []


@register.simple_tag
def outline(page):
    """The page's sections, for its table of contents beside the text."""
    return page_outline(page.html)
