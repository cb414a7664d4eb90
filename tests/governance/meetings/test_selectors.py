"""What waits for one person in the meetings: their open follow-ups, and the minutes waiting for their answer."""

from datetime import date

import pytest

from os2org.common.visibility import Viewer, Visibility
from os2org.governance.meetings import selectors, services
from os2org.governance.readers import UNFILTERED
from os2org.organisation.services import assign_role, end_assignment
from tests.governance.builders import board, decision, meeting, people
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db

ON = date(2026, 5, 7)
MEMBER = Viewer(user_id=1)


@pytest.fixture
def ane_bo():
    return people("Ane Holm", "Bo Lund")


@pytest.fixture
def budget():
    """A public decision of Bestyrelsen 05.03.2026."""
    return decision(meeting(board(), "2026-03-05 16:00"), "Budget 2027", "Budgettet godkendes.")


def follow_up(item, title, due, **owner):
    return services.add_follow_up(item, title=title, due=due, **owner)


def titles(found):
    return [item.title for item in found]


def test_follow_ups_of_a_person_are_theirs_by_name_soonest_first(budget, ane_bo):
    ane, bo = ane_bo
    follow_up(budget, "Sendes ud", date(2026, 6, 1), owner_person=ane)
    follow_up(budget, "Lægges i håndbogen", date(2026, 4, 1), owner_person=ane)
    follow_up(budget, "Bos opgave", date(2026, 4, 1), owner_person=bo)

    assert titles(selectors.follow_ups_of(ane, viewer=UNFILTERED, on=ON)) == ["Lægges i håndbogen", "Sendes ud"]


def test_follow_ups_of_a_person_include_those_of_a_role_they_hold(budget, ane_bo):
    ane, _bo = ane_bo
    chief = make_role("Sekretariatschef")
    assign_role(ane, body=budget.meeting.body, role=chief, starts=date(2026, 1, 1), hours_per_week=37)
    follow_up(budget, "Aftalen underskrives", date(2026, 6, 1), owner_role=chief)

    assert titles(selectors.follow_ups_of(ane, viewer=UNFILTERED, on=ON)) == ["Aftalen underskrives"]


def test_follow_ups_of_a_person_leave_out_a_role_they_no_longer_hold(budget, ane_bo):
    ane, _bo = ane_bo
    chief = make_role("Sekretariatschef")
    held = assign_role(ane, body=budget.meeting.body, role=chief, starts=date(2025, 1, 1), hours_per_week=37)
    end_assignment(held, ends=date(2026, 5, 1))
    follow_up(budget, "Aftalen underskrives", date(2026, 6, 1), owner_role=chief)

    assert titles(selectors.follow_ups_of(ane, viewer=UNFILTERED, on=ON)) == []


def test_follow_ups_of_a_person_leave_out_the_closed(budget, ane_bo):
    ane, _bo = ane_bo
    done = follow_up(budget, "Sendes ud", date(2026, 4, 1), owner_person=ane)
    services.change_follow_up(done, status="done", on=date(2026, 4, 2))

    assert titles(selectors.follow_ups_of(ane, viewer=UNFILTERED, on=ON)) == []


def test_follow_ups_of_a_person_leave_out_those_the_viewer_may_not_read(ane_bo):
    ane, _bo = ane_bo
    internal = meeting(board(), "2026-03-05 16:00", visibility=Visibility.INTERNAL)
    item = decision(internal, "Fortroligt", "Vedtaget.")
    follow_up(item, "Hemmelig opgave", date(2026, 6, 1), owner_person=ane)

    assert titles(selectors.follow_ups_of(ane, viewer=MEMBER, on=ON)) == []


@pytest.fixture
def sent(ane_bo):
    """The minutes of Bestyrelsen 05.03.2026, sent to Ane and Bo."""
    march = meeting(board(), "2026-03-05 16:00", participants=ane_bo)
    return services.send_minutes(services.write_minutes(march, text="Referatet."), notify=False)


def test_minutes_waiting_for_a_participant_who_has_not_answered(sent, ane_bo):
    ane, _bo = ane_bo

    assert list(selectors.minutes_waiting_for(ane, viewer=UNFILTERED)) == [sent]


def test_minutes_waiting_for_a_participant_who_asked_for_an_amendment_are_none(sent, ane_bo):
    ane, _bo = ane_bo
    services.answer_minutes(sent, person=ane, answer="amend", comment="Mit navn er stavet forkert.")

    assert list(selectors.minutes_waiting_for(ane, viewer=UNFILTERED)) == []


def test_minutes_wait_again_once_amended(sent, ane_bo):
    ane, _bo = ane_bo
    services.answer_minutes(sent, person=ane, answer="approved")
    services.write_minutes(sent.meeting, text="Referatet, rettet.")

    assert list(selectors.minutes_waiting_for(ane, viewer=UNFILTERED)) == [sent]


def test_minutes_waiting_are_none_for_who_did_not_take_part(sent):
    (cecilie,) = people("Cecilie Dahl")

    assert list(selectors.minutes_waiting_for(cecilie, viewer=UNFILTERED)) == []


def test_minutes_waiting_are_none_while_a_draft(ane_bo):
    ane, _bo = ane_bo
    services.write_minutes(meeting(board(), "2026-03-05 16:00", participants=ane_bo), text="Kladde.")

    assert list(selectors.minutes_waiting_for(ane, viewer=UNFILTERED)) == []


def test_minutes_waiting_are_none_of_a_meeting_the_viewer_may_not_read(ane_bo):
    ane, _bo = ane_bo
    internal = meeting(board(), "2026-03-05 16:00", participants=ane_bo, visibility=Visibility.INTERNAL)
    services.send_minutes(services.write_minutes(internal, text="Referatet."), notify=False)

    assert list(selectors.minutes_waiting_for(ane, viewer=MEMBER)) == []
