"""Writing through the API: through the services, with an audit entry, only where the rules allow."""

from datetime import date

import pytest

from os2org.audit.models import Entry
from os2org.common.visibility import Visibility
from os2org.governance.models import FollowUp, Meeting
from tests.governance.builders import meeting

pytestmark = pytest.mark.django_db


def post(client, address, data, headers):
    return client.post(address, data, content_type="application/json", headers=headers)


def patch(client, address, data, headers):
    """A change as a caller sends it: with the ETag of the item as they read it (none if they cannot)."""
    etag = client.get(address, headers=headers).get("ETag", '"0"')
    return client.patch(address, data, content_type="application/json", headers={**headers, "If-Match": etag})


@pytest.fixture
def mo_members_meeting(world):
    """A meeting of OS2mo's steering group that every signed-in caller reads."""
    return meeting(world.mo_steering, "2026-04-01 10:00", visibility=Visibility.MEMBERS)


def test_secretariat_creates_a_meeting(client, world, secretariat):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-09-03T16:00:00+02:00", "participants": [world.mads.pk]}

    response = post(client, "/api/meetings/", data, secretariat)

    made = Meeting.objects.get(pk=response.json()["id"])
    assert (response.status_code, made.title, list(made.participants.all())) == (201, "", [world.mads])


def test_created_meeting_has_an_audit_entry_with_its_actor(client, world, secretariat):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-09-03T16:00:00+02:00"}

    made = post(client, "/api/meetings/", data, secretariat).json()

    entry = Entry.objects.get(object_type="governance.meeting", object_id=str(made["id"]))
    assert (entry.action, entry.actor.username) == ("governance.meeting", "sekretariat")


def test_coordinator_changes_a_meeting_of_their_community(client, world, coordinator):
    response = patch(client, f"/api/meetings/{world.booking_meeting.pk}/", {"title": "Styregruppemøde"}, coordinator)

    assert (response.status_code, response.json()["title"]) == (200, "Styregruppemøde")


def test_partial_change_keeps_the_other_fields(client, world, secretariat):
    patch(client, f"/api/meetings/{world.board_meeting.pk}/", {"place": "Aarhus"}, secretariat)

    changed = Meeting.objects.get(pk=world.board_meeting.pk)
    assert (changed.title, changed.place, changed.duration, changed.visibility) == (
        "Bestyrelsesmøde",
        "Aarhus",
        120,
        "internal",
    )


def test_secretariat_makes_a_meeting_public(client, world, secretariat):
    patch(client, f"/api/meetings/{world.board_meeting.pk}/", {"visibility": "public"}, secretariat)

    assert [item["id"] for item in client.get("/api/meetings/").json()["results"]] == [
        world.board_meeting.pk,
        world.public_meeting.pk,
    ]


def test_coordinator_may_not_change_another_communitys_meeting(client, world, mo_members_meeting, coordinator):
    response = patch(client, f"/api/meetings/{mo_members_meeting.pk}/", {"title": "Nej"}, coordinator)

    assert response.status_code == 403


def test_coordinator_may_not_move_a_meeting_out_of_their_community(client, world, coordinator):
    data = {"body": world.mo_steering.pk}

    response = patch(client, f"/api/meetings/{world.booking_meeting.pk}/", data, coordinator)

    assert (response.status_code, Meeting.objects.get(pk=world.booking_meeting.pk).body) == (
        403,
        world.booking_steering,
    )


def test_coordinator_may_not_create_a_meeting_of_another_community(client, world, coordinator):
    data = {"body": world.mo_steering.pk, "starts": "2026-09-03T16:00:00+02:00"}

    response = post(client, "/api/meetings/", data, coordinator)

    assert (response.status_code, Meeting.objects.count()) == (403, 4)


def test_board_may_not_write(client, world, board):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-09-03T16:00:00+02:00"}

    response = post(client, "/api/meetings/", data, board)

    assert (response.status_code, Meeting.objects.count()) == (403, 4)


def test_public_may_not_write(client, world):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-09-03T16:00:00+02:00"}

    response = post(client, "/api/meetings/", data, {})

    assert (response.status_code, Meeting.objects.count()) == (401, 4)


def test_service_refusal_names_the_field_and_saves_nothing(client, world, secretariat):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-03-05T16:00:00+01:00"}

    response = post(client, "/api/meetings/", data, secretariat)

    assert (response.status_code, response.json(), Meeting.objects.count()) == (
        400,
        {"starts": ["Bestyrelsen har allerede møde på det tidspunkt."]},
        4,
    )


def test_invalid_field_is_named(client, world, secretariat):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-09-03T16:00:00+02:00", "duration": 0}

    response = post(client, "/api/meetings/", data, secretariat)

    assert (response.status_code, list(response.json()), Meeting.objects.count()) == (400, ["duration"], 4)


def test_meeting_of_more_than_a_week_is_refused(client, world, secretariat):
    data = {"body": world.bestyrelsen.pk, "starts": "2026-09-03T16:00:00+02:00", "duration": 7 * 24 * 60 + 1}

    response = post(client, "/api/meetings/", data, secretariat)

    assert (response.status_code, list(response.json()), Meeting.objects.count()) == (400, ["duration"], 4)


def test_meeting_before_1900_is_refused(client, world, secretariat):
    data = {"body": world.bestyrelsen.pk, "starts": "1623-02-13T13:17:25+01:00"}

    response = post(client, "/api/meetings/", data, secretariat)

    assert (response.status_code, list(response.json()), Meeting.objects.count()) == (400, ["starts"], 4)


def test_coordinator_adds_a_follow_up_to_their_communitys_decision(client, world, coordinator):
    data = {"item": world.booking_decision.pk, "title": "Kontrakt", "due": "2026-03-01", "owner_person": world.karen.pk}

    response = post(client, "/api/follow-ups/", data, coordinator)

    assert (response.status_code, list(FollowUp.objects.values_list("title", "due"))) == (
        201,
        [("Kontrakt", date(2026, 3, 1))],
    )


def test_agenda_item_stays_on_its_meeting(client, world, secretariat):
    data = {"meeting": world.public_meeting.pk}

    response = patch(client, f"/api/agenda-items/{world.board_decision.pk}/", data, secretariat)

    assert (response.status_code, list(response.json())) == (400, ["meeting"])


def test_assignment_read_back_is_saved_unchanged(client, world, secretariat):
    (assignment,) = world.karen.assignments.all()
    address = f"/api/assignments/{assignment.pk}/"
    got = client.get(address, headers=secretariat)
    read = got.json()

    response = client.put(
        address, read, content_type="application/json", headers={**secretariat, "If-Match": got["ETag"]}
    )

    assert (response.status_code, response.json()) == (200, read)


def test_there_are_no_deletes(client, world, secretariat):
    response = client.delete(f"/api/meetings/{world.public_meeting.pk}/", headers=secretariat)

    assert (response.status_code, Meeting.objects.count()) == (405, 4)
