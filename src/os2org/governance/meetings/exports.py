"""A meeting's agenda and minutes as handbook pages, and what their printable pages show.

The pages are Jekyll Markdown for the just-the-docs theme, the format
`os2org handbook parse` reads. Their front matter holds two keys:

- `title`: "Agenda: <meeting>, <day>" (or "Minutes: …"), where <meeting> is
  the meeting's title, or its body's name when it has none. The day keeps
  the titles of a body's meetings apart.
- `parent`: the body's name. A handbook files a body's agendas and minutes
  under the body's own page, whose title is the body's name; when that page
  is missing, `handbook lint` says so (unknown-parent) rather than the
  export guessing a place.

A page is written in the handbook's language whatever the interface
language of the reader who downloads it, since it goes into the handbook.
It holds only the agenda items (and carried follow-ups) its `viewer` may
read. The functions return the whole text, so it can be compared exactly.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import yaml
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from os2org.common.visibility import name_for
from os2org.governance.meetings.selectors import carried_follow_ups, readable_parts
from os2org.governance.readers import OF_ITEM


@dataclass
class Document:
    """An agenda or minutes as shown, its words in the language active when it was read."""

    meeting: object
    title: str
    facts: list
    items: list
    # The agenda's follow-ups carried from earlier meetings (the minutes show theirs per item).
    carried: list = field(default_factory=list)
    minutes: object = None
    # The parts of the minutes about the items the reader may read (governance.models.MinutesPart).
    parts: list = field(default_factory=list)


def day(value):
    """A date as the language writes it: “5. marts 2026”, “March 5, 2026”."""
    return date_format(value, "DATE_FORMAT")


def meeting_name(meeting, viewer):
    return meeting.title or str(name_for(viewer, meeting.body))


def meeting_time(meeting):
    starts = timezone.localtime(meeting.starts)
    ends = starts + timedelta(minutes=meeting.duration)
    return f"{day(starts.date())}, {starts:%H:%M}–{ends:%H:%M}"


def owner_name(follow_up, viewer):
    owner = follow_up.owner
    return str(name_for(viewer, owner)) if owner else _("no owner")


def _facts(meeting, participants, viewer):
    facts = [(_("Body"), str(name_for(viewer, meeting.body))), (_("Time"), meeting_time(meeting))]
    if meeting.place:
        facts.append((_("Place"), meeting.place))
    if participants:
        facts.append((_("Participants"), ", ".join(str(name_for(viewer, person)) for person in participants)))
    return facts


def _items(meeting, viewer):
    return meeting.items.filter(viewer.visible(**OF_ITEM)).order_by("position")


def read_agenda(meeting, *, viewer):
    """The agenda: its items with their case briefs, and the follow-ups carried to it."""
    participants = list(meeting.participants.order_by("name", "pk"))
    return Document(
        meeting=meeting,
        title=_("Agenda: %(meeting)s, %(day)s") % {"meeting": meeting_name(meeting, viewer), "day": day(meeting.day)},
        facts=_facts(meeting, participants, viewer),
        items=list(_items(meeting, viewer).select_related("brief__author", "brief__owner")),
        carried=list(carried_follow_ups(meeting, viewer=viewer)),
    )


def read_minutes(meeting, minutes, *, viewer):
    """A version of the minutes, with each item's outcome and the follow-ups of its decision."""
    participants = list(meeting.participants.order_by("name", "pk"))
    version = _("%(version)d (%(status)s)") % {"version": minutes.version, "status": minutes.get_status_display()}
    return Document(
        meeting=meeting,
        title=_("Minutes: %(meeting)s, %(day)s") % {"meeting": meeting_name(meeting, viewer), "day": day(meeting.day)},
        facts=[*_facts(meeting, participants, viewer), (_("Version"), version)],
        items=list(_items(meeting, viewer).prefetch_related("follow_ups__owner_person", "follow_ups__owner_role__page")),
        minutes=minutes,
        parts=list(readable_parts(minutes, viewer=viewer)),
    )


def agenda_page(meeting, *, viewer, language=None):
    """The agenda as a handbook page: the items in order, each case brief in full, then the follow-ups carried."""
    with translation.override(language or settings.HANDBOOK_LANGUAGE):
        agenda = read_agenda(meeting, viewer=viewer)
        blocks = _head(agenda, viewer)
        for number, item in enumerate(agenda.items, start=1):
            blocks.append(f"## {number}. {_line(item.title)}")
            if item.description.strip():
                blocks.append(item.description.strip())
            brief = getattr(item, "brief", None)
            if brief is not None:
                blocks += _brief(brief, viewer)
        blocks.append(f"## {_('Follow-up')}")
        if agenda.carried:
            blocks.append(_carried_table(agenda.carried, viewer))
        else:
            blocks.append(_("No follow-ups are carried to this meeting."))
        return _page(blocks)


def minutes_page(meeting, minutes, *, viewer, language=None):
    """A version of the minutes as a handbook page: the meeting as a whole, the part about each item
    the reader may read, then each item's outcome and follow-ups."""
    with translation.override(language or settings.HANDBOOK_LANGUAGE):
        document = read_minutes(meeting, minutes, viewer=viewer)
        blocks = [*_head(document, viewer), minutes.text.strip()]
        for part in document.parts:
            blocks += [f"## {_line(part.item.title)}", part.text.strip()]
        blocks.append(f"## {_('Outcomes')}")
        for number, item in enumerate(document.items, start=1):
            blocks.append(f"### {number}. {_line(item.title)}")
            outcome = item.get_outcome_display() if item.outcome else _("not recorded yet")
            blocks.append(f"**{_('Outcome')}:** {outcome}")
            if item.outcome_text.strip():
                blocks.append(item.outcome_text.strip())
            follow_ups = list(item.follow_ups.all())
            if follow_ups:
                blocks.append(_follow_up_table(follow_ups, viewer))
        return _page(blocks)


def file_name(meeting, kind):
    """“2026-03-05-bestyrelsen-dagsorden.md”: sorted by date in a folder, and telling what it is."""
    return f"{meeting.day.isoformat()}-{meeting.body.slug}-{kind}.md"


def _head(document, viewer):
    front_matter = yaml.safe_dump(
        {"title": document.title, "parent": str(name_for(viewer, document.meeting.body))},
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
    )
    facts = "\n".join(f"- **{label}:** {_line(value)}" for label, value in document.facts)
    return [f"---\n{front_matter}---", f"# {document.title}", facts]


def _brief(brief, viewer):
    facts = [
        (_("Status"), brief.get_status_display()),
        (pgettext("case brief", "Purpose"), brief.get_purpose_display()),
        (_("Author"), str(name_for(viewer, brief.author)) if brief.author else "—"),
        (_("Owner"), str(name_for(viewer, brief.owner)) if brief.owner else "—"),
        (_("Date"), day(brief.date)),
    ]
    blocks = [f"### {_('Case brief')}", "\n".join(f"- **{label}:** {_line(value)}" for label, value in facts)]
    for heading, text in brief.sections():
        if text.strip():
            blocks += [f"#### {capfirst(heading)}", text.strip()]
    return blocks


def _carried_table(follow_ups, viewer):
    header = [pgettext("follow-up", "Action"), _("Owner"), pgettext("follow-up", "Due"), _("Status"), _("Decision")]
    rows = [
        [
            follow_up.title,
            owner_name(follow_up, viewer),
            day(follow_up.due),
            follow_up.get_status_display(),
            f"{follow_up.item.title} ({day(follow_up.item.meeting.day)})",
        ]
        for follow_up in follow_ups
    ]
    return _table(header, rows)


def _follow_up_table(follow_ups, viewer):
    header = [pgettext("follow-up", "Action"), _("Owner"), pgettext("follow-up", "Due"), _("Status")]
    rows = [
        [follow_up.title, owner_name(follow_up, viewer), day(follow_up.due), follow_up.get_status_display()]
        for follow_up in follow_ups
    ]
    return _table(header, rows)


def _table(header, rows):
    lines = [header, ["---"] * len(header), *([_cell(value) for value in row] for row in rows)]
    return "\n".join(f"| {' | '.join(line)} |" for line in lines)


def _cell(value):
    # A pipe would end the cell; a line break would end the table.
    return _line(value).replace("|", "\\|")


def _line(value):
    """Text that must stay on one line: a heading, a list item, a table cell."""
    return " ".join(str(value).split())


def _page(blocks):
    return "\n\n".join(block for block in blocks if block) + "\n"
