from datetime import date

import pytest
from django.utils import translation

from os2org.common.visibility import Viewer
from os2org.organisation.services import save_body
from os2org.portfolio.selectors import (
    gates_decided_by,
    latest_reports,
    missing_reports,
    profiles,
    programme_rows,
    reports,
    stage_counts,
)
from os2org.portfolio.services import open_gate, pass_gate, save_gate_template
from tests.portfolio.builders import board_decision, board_meeting, community, milestone, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield

SECRETARIAT = Viewer(user_id=1, groups=frozenset({"secretariat"}))
MEMBER = Viewer(user_id=2)


@pytest.fixture
def programme():
    return save_body(name="Borgerservice", kind="programme")


def test_missing_reports_lists_communities_without_a_report_for_the_last_quarter():
    booking, kalender = community("Booking"), community("Kalender")
    report(kalender, period_starts=date(2026, 1, 1))
    assert [(p.body.name, p.period) for p in missing_reports()] == [
        ("Booking", (date(2026, 1, 1), date(2026, 3, 31)))
    ]
    assert booking.pk == missing_reports()[0].pk


def test_missing_reports_asks_nothing_of_an_idea_or_a_retired_community():
    community("Idé", stage="idea")
    community("Gammel", stage="retired")
    assert missing_reports() == []


def test_missing_reports_does_not_count_this_quarters_report():
    booking = community("Booking")
    report(booking, period_starts=date(2026, 4, 1))
    assert [p.body.name for p in missing_reports()] == ["Booking"]


def test_profiles_leave_out_an_internal_community_for_a_member():
    community("Booking")
    community("Hemmelig", visibility="internal")
    assert [p.body.name for p in profiles(viewer=MEMBER)] == ["Booking"]


def test_profiles_count_late_milestones():
    booking = community("Booking")
    milestone(booking, "Late", due=date(2026, 5, 1))
    milestone(booking, "Next", due=date(2026, 9, 1))
    found = profiles(viewer=SECRETARIAT).get()
    assert (found.late, found.next_due) == (1, date(2026, 9, 1))


def test_stage_counts_count_each_stage():
    community("A", stage="idea")
    community("B", stage="product")
    community("C", stage="product")
    assert stage_counts(viewer=SECRETARIAT) == {"idea": 1, "product": 2}


def test_programme_rows_give_next_and_late_milestones(programme):
    booking = community("Booking", programme=programme)
    community("Elsewhere")
    milestone(booking, "Late", due=date(2026, 3, 1))
    for month in (6, 7, 8, 9):
        milestone(booking, f"M{month}", due=date(2026, month, 1))
    rows = programme_rows(viewer=SECRETARIAT, programme=programme)
    assert [(r.profile.body.name, [m.title for m in r.next_milestones], [m.title for m in r.late_milestones]) for r in rows] == [
        ("Booking", ["M6", "M7", "M8"], ["Late"])
    ]


def test_reports_are_not_read_by_a_member():
    report(community("Booking"))
    assert list(reports(viewer=MEMBER)) == []


def test_reports_are_read_by_the_communitys_coordinator():
    booking = community("Booking")
    filed = report(booking)
    report(community("Kalender"))
    coordinator = Viewer(user_id=3, groups=frozenset({"coordinator"}), edits_bodies=frozenset({booking.body_id}))
    assert list(reports(viewer=coordinator)) == [filed]


def test_latest_reports_give_each_communitys_newest():
    booking = community("Booking")
    report(booking, period_starts=date(2025, 10, 1))
    newest = report(booking, period_starts=date(2026, 1, 1))
    assert latest_reports(viewer=SECRETARIAT) == [newest]


def test_gates_decided_by_names_the_gate_on_the_decision():
    booking = community("Booking", stage="project")
    save_gate_template(from_stage="project", items=["Licence chosen"])
    decision = board_decision(board_meeting())
    gate = pass_gate(open_gate(booking), decision=decision)
    found = gates_decided_by(SECRETARIAT, [decision.pk])
    assert {key: [(str(label), url) for label, url in value] for key, value in found.items()} == {
        decision.pk: [("Stage gate: Booking: project → product", f"/en/portefoelje/port/{gate.pk}/")]
    }


def test_gates_decided_by_hides_the_gate_from_a_member():
    booking = community("Booking", stage="project")
    save_gate_template(from_stage="project", items=["Licence chosen"])
    decision = board_decision(board_meeting())
    pass_gate(open_gate(booking), decision=decision)
    assert gates_decided_by(MEMBER, [decision.pk]) == {}
