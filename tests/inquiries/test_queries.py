"""Each page of the inbox asks the database the same number of questions with one inquiry as with many."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import SECRETARIAT
from os2org.inquiries.models import Inquiry
from os2org.inquiries.services import add_note, add_reply, receive_inquiry
from os2org.organisation.services import save_organisation
from tests.accounts import make_user
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db

PAGES = ["/henvendelser/", "/henvendelser/?status=alle&overdue=on", "/henvendelser/statistik/", "/henvendelser/emner/"]


def add(world, number):
    organisation = save_organisation(name=f"Kommune {number}")
    inquiry = receive_inquiry(
        topic=world["press"] if number % 2 else world["general"],
        channel="form",
        sender_name=f"Afsender {number}",
        subject=f"Sag {number}",
        text="Hej",
        organisation=organisation,
        received=datetime(2026, 1 + number % 5, 3, 9, tzinfo=UTC),
    )
    # The first inquiry's log grows too: its page shows a line per note and reply.
    first = Inquiry.objects.order_by("pk").first()
    add_note(first, text="Notat")
    add_reply(first, text="Svar", sent_to="a@example.org")
    return inquiry


def queries(client, address):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.fixture
def measure(client):
    world = secretariat_world()
    client.force_login(make_user("sekretaer", SECRETARIAT))

    def at(count):
        while Inquiry.objects.count() < count:
            add(world, Inquiry.objects.count() + 1)
        first = Inquiry.objects.order_by("pk").first()
        return [queries(client, address) for address in [*PAGES, f"/henvendelser/{first.pk}/"]]

    return at


def test_inbox_pages_ask_as_many_questions_for_one_inquiry_as_for_six(measure):
    assert measure(1) == measure(6)
