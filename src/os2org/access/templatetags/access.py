"""Asking the rules from a template, to show only the links that work and the names a reader may read.

    {% load access %}
    {% if viewer|edits:meeting.body_id %}…{% endif %}
    {% if viewer|may:"governance:feeds" %}…{% endif %}
    {% named activity.body lang=True %}   a link to the body, or a placeholder
"""

from django import template
from django.utils.html import format_html

from os2org.access.rules import allows
from os2org.common.visibility import HIDDEN, name_for, readable

register = template.Library()


@register.filter
def edits(viewer, body_id):
    return viewer.edits(body_id)


@register.filter
def may(viewer, view_name):
    """A rule that needs no URL argument (a list or a create page)."""
    return allows(viewer, view_name)


@register.filter
def reads(viewer, obj):
    """Whether the viewer may open `obj` on its own (common.visibility.readable)."""
    return readable(viewer, obj)


@register.simple_tag(takes_context=True)
def named(context, obj, link=True, lang=False, empty="—"):
    """`obj` by name as the page's reader may see it (common.visibility.name_for).

    A link to its page (with the handbook's language when `lang`: bodies,
    roles and meetings are named in it), or its name alone without `link`;
    a neutral placeholder for something the reader may not read; `empty`
    for nothing.
    """
    if obj is None:
        return empty
    name = name_for(context["viewer"], obj)
    if name is HIDDEN:
        return format_html('<span class="hidden-name">{}</span>', HIDDEN)
    language = format_html(' lang="{}"', context.get("handbook_language", "")) if lang else ""
    if not link:
        return format_html("<span{}>{}</span>", language, name) if lang else format_html("{}", name)
    return format_html('<a href="{}"{}>{}</a>', obj.get_absolute_url(), language, name)
