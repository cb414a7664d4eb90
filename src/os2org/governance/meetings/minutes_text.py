"""The first draft of a meeting's minutes, made from its agenda and what came of each item.

A draft has the parts the minutes are kept in (governance.models.Minutes):
the meeting as a whole, and one part per agenda item. Each part is written
for the readers of what it is about: a name in it is one those readers may
read, or a neutral placeholder. The part about the meeting is as visible as
the meeting, so it names only the participants and the follow-ups carried
from earlier meetings that the meeting's readers may read.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from os2org.common.visibility import name_for
from os2org.governance.meetings.selectors import carried_follow_ups
from os2org.governance.models import FollowUp
from os2org.governance.readers import UpTo


@dataclass
class Draft:
    text: str  # the meeting as a whole
    parts: dict  # {agenda item id: the minutes of the item}


def skeleton(meeting):
    """Markdown to start the minutes from: the meeting's facts and the follow-ups
    carried from earlier meetings, and for each item its outcome and follow-ups.

    Written in the handbook's language, the language of the minutes.
    """
    with translation.override(settings.HANDBOOK_LANGUAGE):
        readers = UpTo(meeting.visibility)
        text = "\n".join(_facts(meeting, readers) + _carried(meeting, readers))
        return Draft(text=text, parts={item.pk: _item_part(item) for item in _items(meeting)})


def _facts(meeting, readers):
    starts = timezone.localtime(meeting.starts)
    ends = starts + timedelta(minutes=meeting.duration)
    names = ", ".join(str(name_for(readers, person)) for person in meeting.participants.order_by("name", "pk"))
    return [
        f"- {_('Date')}: {date_format(starts.date(), 'DATE_FORMAT')}, {starts:%H:%M}–{ends:%H:%M}",
        f"- {_('Place')}: {meeting.place or '—'}",
        f"- {_('Participants')}: {names or '—'}",
    ]


def _items(meeting):
    follow_ups = FollowUp.objects.select_related("owner_person", "owner_role__page").order_by("due", "pk")
    items = meeting.items.select_related("meeting").order_by("position")
    return items.prefetch_related(Prefetch("follow_ups", queryset=follow_ups))


def _item_part(item):
    """The item's outcome and follow-ups, naming only what the item's readers may read."""
    readers = UpTo(item.visibility)
    if item.outcome:
        lines = [f"**{item.get_outcome_display().capitalize()}.** {item.outcome_text}".rstrip()]
    else:
        lines = [_("(Not dealt with yet.)")]
    follow_up_lines = [f"- {_action(follow_up, readers)}" for follow_up in item.follow_ups.all()]
    if follow_up_lines:
        lines += ["", f"{_('Follow-up')}:", "", *follow_up_lines]
    return "\n".join(lines) + "\n"


def _carried(meeting, readers):
    carried = [
        f"- {_action(follow_up, readers)}: {follow_up.get_status_display()}"
        for follow_up in carried_follow_ups(meeting, viewer=readers).select_related("owner_role__page")
    ]
    if not carried:
        return [""]
    return ["", f"## {_('Follow-up from earlier meetings')}", "", *carried, ""]


def _action(follow_up, readers):
    due = date_format(follow_up.due, "DATE_FORMAT")
    owner = name_for(readers, follow_up.owner) if follow_up.owner else _("no owner")
    return _("%(action)s (%(owner)s, due %(due)s)") % {"action": follow_up.title, "owner": owner, "due": due}
