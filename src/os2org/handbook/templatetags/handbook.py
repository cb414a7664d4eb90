from django import template

from os2org.handbook.navigation import breadcrumbs, build_menu
from os2org.handbook.selectors import menu_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def handbook_menu(context):
    return build_menu(menu_entries(context["data_version"], context["viewer"].levels))


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page):
    if not page.parent:
        return []
    return breadcrumbs(menu_entries(context["data_version"], context["viewer"].levels), page)
