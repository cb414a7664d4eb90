"""Small organisations and meetings for the governance tests, made through the services.

Their meetings (and so their agenda items) are public unless a test says
otherwise: most tests are about what a page shows, and read it as anyone
does. What each viewer may read has tests of its own.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.organisation.models import Body
from os2org.organisation.services import save_body, save_person

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def at(text):
    """A time in Copenhagen: at("2026-03-05 16:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=COPENHAGEN)


def board(name="Bestyrelsen", kind=Body.Kind.BOARD):
    return save_body(name=name, kind=kind)


def people(*names):
    return [save_person(name=name) for name in names]


def meeting(body, when, *, participants=(), title="", place="Mødelokale 1", visibility=Visibility.PUBLIC):
    return services.save_meeting(
        body=body, starts=at(when), title=title, place=place, participants=list(participants), visibility=visibility
    )


def decision(meeting, title, text):
    item = services.add_agenda_item(meeting, title=title)
    return services.record_outcome(item, outcome="decision", text=text)
