"""Each caller lists only what they may read, and finds nothing else."""

import pytest

from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from tests.governance.builders import meeting

pytestmark = pytest.mark.django_db


def ids(client, address, headers=None):
    response = client.get(address, headers=headers or {})
    assert response.status_code == 200
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def members_meeting(world):
    """A meeting of OS2mo's steering group for everyone signed in."""
    return meeting(world.mo_steering, "2026-04-01 10:00", visibility=Visibility.MEMBERS)


def test_public_lists_public_meetings(client, world, members_meeting):
    assert ids(client, "/api/meetings/") == [world.public_meeting.pk]


def test_public_lists_public_decisions(client, world):
    assert ids(client, "/api/decisions/") == [world.public_decision.pk]


def test_public_lists_public_pages(client, world):
    response = client.get("/api/pages/")

    assert [page["slug"] for page in response.json()["results"]] == ["roller"]


def test_public_reads_a_public_person_without_e_mail_or_hours(client, world):
    response = client.get(f"/api/people/{world.karen.pk}/")

    assert (response.status_code, sorted(response.json())) == (200, ["employer", "id", "name", "slug", "visibility"])


def test_public_reads_an_assignment_without_its_hours(client, world):
    (assignment,) = world.karen.assignments.all()

    response = client.get(f"/api/assignments/{assignment.pk}/")

    assert (response.status_code, "hours_per_week" in response.json(), "share" in response.json()) == (
        200,
        False,
        False,
    )


def test_public_does_not_find_an_internal_meeting(client, world):
    response = client.get(f"/api/meetings/{world.board_meeting.pk}/")

    assert (response.status_code, response.json()) == (404, {"detail": "Ikke fundet."})


def test_member_contact_lists_members_meetings_and_their_communitys(client, world, members_meeting, member_contact):
    assert ids(client, "/api/meetings/", member_contact) == [
        world.booking_meeting.pk,
        members_meeting.pk,
        world.public_meeting.pk,
    ]


def test_member_contact_lists_their_communitys_decisions(client, world, member_contact):
    assert ids(client, "/api/decisions/", member_contact) == [world.public_decision.pk, world.booking_decision.pk]


def test_member_contact_lists_members_pages(client, world, member_contact):
    response = client.get("/api/pages/", headers=member_contact)

    assert [page["slug"] for page in response.json()["results"]] == ["rolle-01", "roller"]


def test_board_lists_internal_meetings(client, world, members_meeting, board):
    assert ids(client, "/api/meetings/", board) == [
        world.booking_meeting.pk,
        world.mo_meeting.pk,
        world.board_meeting.pk,
        members_meeting.pk,
        world.public_meeting.pk,
    ]


def test_board_lists_approved_minutes_only(client, world, board):
    services.write_minutes(world.board_meeting, text="Et udkast.")

    assert ids(client, "/api/minutes/", board) == []


def test_coordinator_lists_draft_minutes_of_their_community(client, world, coordinator):
    draft = services.write_minutes(world.booking_meeting, text="Et udkast.")
    services.write_minutes(world.mo_meeting, text="Et andet udkast.")

    assert ids(client, "/api/minutes/", coordinator) == [draft.pk]


def test_public_lists_approved_minutes_of_public_meetings(client, world):
    participant = world.karen
    services.save_meeting(
        world.public_meeting, body=world.bestyrelsen, starts=world.public_meeting.starts, participants=[participant]
    )
    minutes = services.send_minutes(services.write_minutes(world.public_meeting, text="Referat."), notify=False)
    services.answer_minutes(minutes, person=participant, answer="approved")

    assert ids(client, "/api/minutes/") == [minutes.pk]
