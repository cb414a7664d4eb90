"""The kinds of thing search finds, in the order the results page shows them.

Each names the app's selector that says what a viewer may read among them,
the index searched (os2org.search.indexes), the fields a result is shown
with, and how one is shown: its title, its address, the text an excerpt
is cut from, and a line of context.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Callable
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from os2org.common.visibility import name_for, readable
from os2org.governance.cycle import selectors as cycle
from os2org.governance.meetings import selectors as meetings
from os2org.handbook import selectors as handbook
from os2org.organisation import selectors as organisation
from os2org.roles import selectors as roles
from os2org.search import indexes


@dataclass(frozen=True)
class Shown:
    title: str
    url: str
    text: str = ""
    context: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    index: indexes.Index
    # The app's selector of what a viewer may read, and which of its querysets this is.
    searchable: Callable
    name: str
    fields: tuple[str, ...]
    show: Callable

    def readable_by(self, viewer):
        """What the viewer may read of this kind, with just the fields a result is shown with."""
        queryset = self.searchable(viewer=viewer)[self.name]
        related = {field.rpartition("__")[0] for field in self.fields if "__" in field}
        return queryset.select_related(*related).only(*self.fields)


def _day(moment):
    """A date, or the local date of a moment, as the reader's language writes it."""
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return formats.date_format(day, "DATE_FORMAT")


def _page(page, viewer):
    return Shown(page.display_title, page.get_absolute_url(), page.text)


def _role(role, viewer):
    return Shown(role.name, role.get_absolute_url(), role.purpose)


def _task(task, viewer):
    return Shown(task.text, task.role.get_absolute_url(), context=f"{task.role.name} ({task.get_priority_display()})")


def _named(thing, viewer):
    return Shown(thing.name, thing.get_absolute_url())


def _body(body, viewer):
    return Shown(body.name, body.get_absolute_url(), body.description)


def _organisation(organisation, viewer):
    return Shown(organisation.name, organisation.get_absolute_url(), organisation.partner_role)


def _meeting(meeting, viewer):
    return Shown(meeting.name_as_read_by(viewer), meeting.get_absolute_url(), meeting.place, _day(meeting.starts))


def _held_at(meeting, viewer):
    """Where an agenda item or a decision was dealt with: the body and the day."""
    return f"{name_for(viewer, meeting.body)}, {_day(meeting.starts)}"


def _item(item, viewer):
    return Shown(item.title, item.get_absolute_url(), item.description, _held_at(item.meeting, viewer))


def _decision(item, viewer):
    """A decision links to its meeting where the reader may open it, else to the register, found by its title."""
    meeting = item.meeting
    if readable(viewer, meeting):
        url = item.get_absolute_url()
    else:
        url = f"{reverse('governance:decisions')}?{urlencode({'q': item.title})}"
    return Shown(item.title, url, item.outcome_text, _held_at(meeting, viewer))


def _follow_up(follow_up, viewer):
    return Shown(follow_up.title, follow_up.get_absolute_url(), context=_day(follow_up.due))


def _activity(activity, viewer):
    return Shown(activity.title, activity.get_absolute_url(), activity.description)


MEETING = ("meeting__starts", "meeting__visibility", "meeting__body__name", "meeting__body__visibility")
MEETING_FIELDS = ("title", "starts", "place", "visibility", "body__name", "body__visibility")

SOURCES = (
    Source("sider", _("Pages"), indexes.PAGES, handbook.searchable, "pages", ("slug", "title", "heading", "path", "text"), _page),
    Source("roller", _("Roles"), indexes.ROLES, roles.searchable, "roles", ("name", "slug", "purpose"), _role),
    Source("opgaver", _("Tasks"), indexes.TASKS, roles.searchable, "tasks", ("text", "priority", "role__name", "role__slug"), _task),
    Source("personer", _("People"), indexes.PEOPLE, organisation.searchable, "people", ("name", "slug"), _named),
    Source("organer", _("Bodies"), indexes.BODIES, organisation.searchable, "bodies", ("name", "slug", "description"), _body),
    Source(
        "organisationer", _("Organisations"), indexes.ORGANISATIONS, organisation.searchable, "organisations",
        ("name", "slug", "partner_role"), _organisation,
    ),
    Source("moeder", _("Meetings"), indexes.MEETINGS, meetings.searchable, "meetings", MEETING_FIELDS, _meeting),
    Source("punkter", _("Agenda items"), indexes.AGENDA_ITEMS, meetings.searchable, "items", ("title", "description", *MEETING), _item),
    Source(
        "beslutninger", _("Decisions"), indexes.AGENDA_ITEMS, meetings.searchable, "decisions",
        ("title", "outcome_text", *MEETING), _decision,
    ),
    Source("opfoelgning", _("Follow-ups"), indexes.FOLLOW_UPS, meetings.searchable, "follow_ups", ("title", "due"), _follow_up),
    Source("aktiviteter", _("Activities"), indexes.ACTIVITIES, cycle.searchable, "activities", ("title", "description"), _activity),
)  # fmt: skip
