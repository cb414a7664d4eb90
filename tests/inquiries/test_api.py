from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from os2org.access.groups import BOARD, SECRETARIAT
from os2org.inquiries.services import add_note, receive_inquiry
from tests.accounts import make_user
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db


def headers(user):
    return {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"}


def receive(world, number):
    inquiry = receive_inquiry(
        topic=world["press"],
        channel="form",
        sender_name=f"Afsender {number}",
        sender_email="a@egeby.dk",
        subject=f"Sag {number}",
        text="Hej **der**",
        received=datetime(2026, 5, 7, 8, number, tzinfo=UTC),
    )
    add_note(inquiry, text="Notat")
    return inquiry


def test_the_secretariat_reads_an_inquiry_with_its_notes(client):
    world = secretariat_world()
    inquiry = receive(world, 1)
    found = client.get(f"/api/inquiries/{inquiry.pk}/", headers=headers(make_user("s", SECRETARIAT))).json()
    assert (
        found["topic"],
        found["assignee"],
        found["due"],
        found["text_html"],
        [n["text"] for n in found["notes"]],
    ) == (
        "presse-og-nyhedsbrev",
        world["sofie"].pk,
        "2026-05-11",
        "<p>Hej <strong>der</strong></p>\n",
        ["Notat"],
    )


def test_the_board_is_refused_the_inquiries(client):
    receive(secretariat_world(), 1)
    assert client.get("/api/inquiries/", headers=headers(make_user("b", BOARD))).status_code == 403


def test_the_list_asks_as_many_questions_for_one_inquiry_as_for_five(client):
    world = secretariat_world()
    token = headers(make_user("s", SECRETARIAT))

    def cost():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/inquiries/", headers=token).status_code == 200
        return len(captured)

    receive(world, 1)
    one = cost()
    for number in range(2, 6):
        receive(world, number)
    assert cost() == one
