"""A small portfolio the way the secretariat builds one (os2org.portfolio), for tests."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from os2org.governance.meetings.services import add_agenda_item, record_outcome, save_meeting
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.portfolio.services import file_report, save_milestone, save_profile

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def community(name="Booking", *, stage="product", programme=None, kind="product_community", **fields):
    body = save_body(name=name, kind=kind, programme=programme, **fields)
    return save_profile(body=body, stage=stage)


def coordinator_of(profile, name="Karen Koordinator", *, starts=date(2025, 1, 1)):
    person = save_person(name=name, email=f"{name.split()[0].lower()}@example.org")
    assign_role(person, body=profile.body, starts=starts, function="coordinator", hours_per_week=Decimal(10))
    return person


def milestone(profile, title="Release 2.0", *, due=date(2026, 6, 1), **fields):
    return save_milestone(profile=profile, title=title, due=due, **fields)


def report(profile, *, period_starts=date(2026, 1, 1), used="120", bought="130", **fields):
    return file_report(
        profile=profile, period_starts=period_starts, hours_used=Decimal(used), hours_bought=Decimal(bought), **fields
    )


def board_meeting(day=date(2026, 6, 10), *, board=None):
    board = board or save_body(name="Bestyrelsen", kind="board")
    return save_meeting(body=board, starts=datetime(day.year, day.month, day.day, 14, tzinfo=COPENHAGEN))


def board_decision(meeting, text="Booking bliver et produkt."):
    item = add_agenda_item(meeting, title="Booking: videre som produkt")
    return record_outcome(item, outcome="decision", text=text)
