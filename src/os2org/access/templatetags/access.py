"""Asking the rules from a template, to show only the links that work.

    {% load access %}
    {% if viewer|edits:meeting.body_id %}…{% endif %}
    {% if viewer|may:"governance:feeds" %}…{% endif %}
"""

from django import template

from os2org.access.rules import allows

register = template.Library()


@register.filter
def edits(viewer, body_id):
    return viewer.edits(body_id)


@register.filter
def may(viewer, view_name):
    """A rule that needs no URL argument (a list or a create page)."""
    return allows(viewer, view_name)
