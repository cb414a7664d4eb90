"""Whether the viewer reads a meeting or an activity, to link to it only then.

    {% load governance %}
    {% if viewer|reads:item.meeting %}<a href="…">…</a>{% else %}…{% endif %}

A public decision can come from a meeting that is not public: the decision
is shown, the meeting's page is not linked.
"""

from django import template

register = template.Library()


@register.filter
def reads(viewer, item):
    return viewer.reads(item.visibility, item.body_id)
