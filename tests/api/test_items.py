"""One item of every endpoint, exactly as the secretariat reads it."""

from datetime import date

import pytest
from django.utils import timezone

from os2org.governance.meetings import services
from os2org.governance.models import Activity
from tests.governance.cycle_data import freeze

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Today is 7 May 2026 (before the world is made: pages carry the time they were saved)."""
    freeze(monkeypatch, date(2026, 5, 7))


def read(client, headers, address):
    response = client.get(address, headers=headers)
    assert response.status_code == 200
    return response.json()


def test_page_has_its_source_and_html(client, world, secretariat):
    assert read(client, secretariat, "/api/pages/roller/") == {
        "slug": "roller",
        "path": "roller.md",
        "title": "Roller",
        "heading": "Roller",
        "parent": "",
        "grand_parent": "",
        "nav_order": 1.0,
        "nav_exclude": False,
        "kind": "page",
        "visibility": "public",
        "updated": "2026-05-07T12:00:00+02:00",
        "source": "---\ntitle: Roller\nnav_order: 1\nhas_children: true\n---\n\n# Roller\n",
        "html": '<h1 id="roller">Roller</h1>\n',
    }


def test_role_has_its_tasks_by_priority(client, world, secretariat):
    assert read(client, secretariat, f"/api/roles/{world.role.pk}/") == {
        "id": world.role.pk,
        "slug": "rolle-01",
        "name": "Rolle 01",
        "page": "rolle-01",
        "purpose": "Rolle 01 løser en opgave for foreningen.",
        "responsibilities": [],
        "competencies": [],
        "qualities": [],
        "relationships": ["Sekretariatschefen (primær reference)."],
        "reports_to": "Sekretariatschefen",
        "hours_min": "10.00",
        "hours_max": "10.00",
        "hours_text": "10 timer pr. uge.",
        "staff_responsibility": None,
        "budget_responsibility": None,
        "review_rule": "",
        "reviewed_on": None,
        "tasks": [
            {"priority": "MUST", "position": 1, "text": "Opgave 01.1 der skal løses.", "hours_per_week": None},
            {"priority": "SHOULD", "position": 1, "text": "Opgave 01 der bør løses.", "hours_per_week": None},
            {"priority": "COULD", "position": 1, "text": "Opgave 01 der kan løses.", "hours_per_week": None},
        ],
    }


def test_body_names_its_parent_and_authorities(client, world, secretariat):
    assert read(client, secretariat, f"/api/bodies/{world.booking.pk}/") == {
        "id": world.booking.pk,
        "slug": "fælleskode-booking",
        "name": "Fælleskode Booking",
        "kind": "product_community",
        "position": 0,
        "parent": None,
        "programme": None,
        "description": "",
        "member_authorities": [world.egebjerg.pk],
        "suppliers": [],
        "visibility": "public",
    }


def test_organisation(client, world, secretariat):
    assert read(client, secretariat, f"/api/organisations/{world.egebjerg.pk}/") == {
        "id": world.egebjerg.pk,
        "slug": "egebjerg-kommune",
        "name": "Egebjerg Kommune",
        "kind": "municipality",
        "cvr": "38990608",
        "ean": "",
        "address": "",
        "is_member": True,
        "member_since": None,
        "member_until": None,
        "is_supplier": False,
        "is_partner": False,
        "partner_role": "",
        "visibility": "public",
    }


def test_person_has_an_email_address_for_the_signed_in(client, world, secretariat):
    assert read(client, secretariat, f"/api/people/{world.karen.pk}/") == {
        "id": world.karen.pk,
        "slug": "karen-lund",
        "name": "Karen Lund",
        "email": "karen.lund@example.org",
        "employer": world.egebjerg.pk,
        "contract_hours": "37.00",
        "visibility": "public",
    }


def test_assignment_has_its_share_and_hours(client, world, secretariat):
    (assignment,) = world.karen.assignments.all()

    assert read(client, secretariat, f"/api/assignments/{assignment.pk}/") == {
        "id": assignment.pk,
        "person": world.karen.pk,
        "body": world.booking.pk,
        "role": world.role.pk,
        "function": "coordinator",
        "starts": "2025-01-01",
        "ends": None,
        "hours_per_week": "12.33",
        "share": "0.3333",
        "reports_to": None,
    }


def test_activity_has_its_rule(client, world, secretariat):
    (activity,) = Activity.objects.all()

    assert read(client, secretariat, f"/api/activities/{activity.pk}/") == {
        "id": activity.pk,
        "title": "Budgetfrist",
        "kind": "deadline",
        "body": None,
        "role": None,
        "audience": "",
        "description": "",
        "starts": "2026-09-01",
        "time": None,
        "duration": 60,
        "rule": "FREQ=YEARLY",
        "dates": [],
        "visibility": "members",
    }


def test_meeting_has_its_participants(client, world, secretariat):
    assert read(client, secretariat, f"/api/meetings/{world.board_meeting.pk}/") == {
        "id": world.board_meeting.pk,
        "body": world.bestyrelsen.pk,
        "title": "Bestyrelsesmøde",
        "starts": "2026-03-05T16:00:00+01:00",
        "duration": 120,
        "place": "Mødelokale 1",
        "participants": [world.karen.pk, world.mads.pk],
        "visibility": "internal",
    }


def test_agenda_item_has_its_case_brief(client, world, secretariat):
    item = world.board_decision
    services.save_case_brief(item, purpose="decision", date=date(2026, 2, 20), author=world.karen, aim="Et budget.")

    assert read(client, secretariat, f"/api/agenda-items/{item.pk}/") == {
        "id": item.pk,
        "meeting": world.board_meeting.pk,
        "position": 1,
        "title": "Budget 2027",
        "description": "",
        "outcome": "decision",
        "outcome_text": "Budgettet vedtages.",
        "visibility": "internal",
        "brief": {
            "status": "draft",
            "purpose": "decision",
            "author": world.karen.pk,
            "owner": None,
            "date": "2026-02-20",
            "aim": "Et budget.",
            "background": "",
            "analysis": "",
            "recommendation": "",
            "consequences": "",
        },
    }


def test_follow_up_has_its_owner_and_due_date(client, world, secretariat):
    follow_up = services.add_follow_up(
        world.board_decision, title="Send budgettet", due=date(2026, 4, 1), owner_person=world.mads
    )

    assert read(client, secretariat, f"/api/follow-ups/{follow_up.pk}/") == {
        "id": follow_up.pk,
        "item": world.board_decision.pk,
        "title": "Send budgettet",
        "owner_person": world.mads.pk,
        "owner_role": None,
        "due": "2026-04-01",
        "status": "open",
        "closed_on": None,
    }


def test_minutes_have_their_text_and_status(client, world, secretariat):
    minutes = services.send_minutes(services.write_minutes(world.board_meeting, text="Referat."), notify=False)

    assert read(client, secretariat, f"/api/minutes/{minutes.pk}/") == {
        "id": minutes.pk,
        "meeting": world.board_meeting.pk,
        "version": 1,
        "status": "sent",
        "text": "Referat.",
        "parts": [],
        # Written at the real time: the model's default is the clock as it was imported.
        "created": timezone.localtime(minutes.created).isoformat(),
        "sent": "2026-05-07T12:00:00+02:00",
        "approved": None,
    }


def test_decision_has_its_day_and_body(client, world, secretariat):
    assert read(client, secretariat, f"/api/decisions/{world.board_decision.pk}/") == {
        "id": world.board_decision.pk,
        "meeting": world.board_meeting.pk,
        "body": world.bestyrelsen.pk,
        "day": "2026-03-05",
        "title": "Budget 2027",
        "decision": "Budgettet vedtages.",
        "visibility": "internal",
    }
