"""The first draft of a meeting's minutes, made from its agenda and what came of each item."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from os2org.governance.models import FollowUp
from os2org.governance.selectors import UNFILTERED, carried_follow_ups


def skeleton(meeting):
    """Markdown to start the minutes from: the meeting's facts, each item with its
    outcome and follow-ups, and the follow-ups carried from earlier meetings.

    Written in the handbook's language, the language of the minutes, for
    those who edit the meeting's body, who read all of it.
    """
    with translation.override(settings.HANDBOOK_LANGUAGE):
        return "\n".join(_facts(meeting) + _items(meeting) + _carried(meeting))


def _facts(meeting):
    starts = timezone.localtime(meeting.starts)
    ends = starts + timedelta(minutes=meeting.duration)
    names = ", ".join(person.name for person in meeting.participants.order_by("name", "pk"))
    return [
        f"- {_('Date')}: {date_format(starts.date(), 'DATE_FORMAT')}, {starts:%H:%M}–{ends:%H:%M}",
        f"- {_('Place')}: {meeting.place or '—'}",
        f"- {_('Participants')}: {names or '—'}",
    ]


def _items(meeting):
    follow_ups = FollowUp.objects.select_related("owner_person", "owner_role").order_by("due", "pk")
    lines = []
    items = meeting.items.order_by("position").prefetch_related(Prefetch("follow_ups", queryset=follow_ups))
    for number, item in enumerate(items, start=1):
        lines += ["", f"## {number}. {item.title}", ""]
        if item.outcome:
            lines.append(f"**{item.get_outcome_display().capitalize()}.** {item.outcome_text}".rstrip())
        else:
            lines.append(_("(Not dealt with yet.)"))
        follow_up_lines = [f"- {_action(follow_up)}" for follow_up in item.follow_ups.all()]
        if follow_up_lines:
            lines += ["", f"{_('Follow-up')}:", "", *follow_up_lines]
    return lines


def _carried(meeting):
    carried = [
        f"- {_action(follow_up)}: {follow_up.get_status_display()}"
        for follow_up in carried_follow_ups(meeting, viewer=UNFILTERED)
    ]
    if not carried:
        return [""]
    return ["", f"## {_('Follow-up from earlier meetings')}", "", *carried, ""]


def _action(follow_up):
    due = date_format(follow_up.due, "DATE_FORMAT")
    owner = follow_up.owner or _("no owner")
    return _("%(action)s (%(owner)s, due %(due)s)") % {"action": follow_up.title, "owner": owner, "due": due}
