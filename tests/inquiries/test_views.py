from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from os2org.access.groups import BOARD, SECRETARIAT
from os2org.audit.selectors import revision
from os2org.inquiries.models import Inquiry, Note
from os2org.inquiries.services import add_note, receive_inquiry
from tests.accounts import make_user
from tests.dom import element, elements, parse, text, texts
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db

FORM = {
    "sender_name": "Jens Olsen",
    "sender_email": "jens@egeby.dk",
    "organisation_name": "Egeby Kommune",
    "subject": "Nyhedsbrev",
    "text": "Kan vi komme med?",
    "website": "",
}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def world():
    return secretariat_world()


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def receive(world, **fields):
    return receive_inquiry(
        topic=world["press"],
        channel="form",
        sender_name="Jens Olsen",
        sender_email="jens@egeby.dk",
        subject="Nyhedsbrev",
        text="Kan vi komme med?",
        received=datetime(2026, 5, 7, 8, tzinfo=UTC),
        **fields,
    )


def test_public_form_stores_a_routed_inquiry_without_logging_in(client, world):
    response = client.post("/en/henvendelser/ny/", {**FORM, "topic": world["press"].pk})
    inquiry = Inquiry.objects.get()
    assert (response.status_code, response["Location"], inquiry.assignee, inquiry.channel) == (
        302,
        "/en/henvendelser/tak/",
        world["sofie"],
        "form",
    )


def test_public_form_answers_spam_like_success_and_stores_nothing(client, world):
    response = client.post("/en/henvendelser/ny/", {**FORM, "topic": world["press"].pk, "website": "http://spam"})
    assert (response.status_code, response["Location"], Inquiry.objects.count()) == (302, "/en/henvendelser/tak/", 0)


def test_public_form_refuses_the_sixth_inquiry_in_an_hour_with_429(client, world):
    for _ in range(5):
        client.post("/en/henvendelser/ny/", {**FORM, "topic": world["press"].pk})
    response = client.post("/en/henvendelser/ny/", {**FORM, "topic": world["press"].pk})
    assert (response.status_code, Inquiry.objects.count()) == (429, 5)


def test_public_form_offers_only_public_topics(client, world):
    world["general"].public = False
    world["general"].save()
    select = element(parse(client.get("/en/henvendelser/ny/")), "select", id="inquiry-topic")
    assert texts(elements(select, "option")) == ["Presse og nyhedsbrev"]


def test_public_form_names_a_missing_field(client, world):
    response = client.post(
        "/en/henvendelser/ny/", {**FORM, "topic": world["press"].pk, "sender_email": "ikke-en-adresse"}
    )
    assert (response.status_code, Inquiry.objects.count()) == (200, 0)
    assert "Enter a valid email address." in text(element(parse(response), "div", id="field-sender_email"))


def test_the_board_does_not_see_the_inbox(client, world):
    client.force_login(make_user("bestyrelse", BOARD))
    assert client.get("/en/henvendelser/").status_code == 403


def test_the_inbox_lists_open_inquiries_with_their_assignee(client, world, secretariat):
    receive(world)
    row = element(element(parse(client.get("/en/henvendelser/")), "tbody"), "tr")
    assert [text(cell) for cell in row.children if getattr(cell, "name", None) in ("th", "td")] == [
        str(Inquiry.objects.get().pk),
        "Nyhedsbrev",
        "Jens Olsen",
        "Presse og nyhedsbrev",
        "Sofie Lund",
        "New",
        "05/11/2026",
    ]


def test_the_inbox_filters_those_nobody_has(client, world, secretariat):
    receive(world)
    response = client.get("/en/henvendelser/", {"assignee": "ingen"})
    assert text(element(parse(response), "p", id="register-count")) == "0 inquiries"


def test_status_change_with_a_stale_revision_is_refused(client, world, secretariat):
    inquiry = receive(world)
    seen = revision(inquiry)
    add_note(inquiry, text="Ringet op.")
    response = client.post(f"/en/henvendelser/{inquiry.pk}/status/", {"status": "closed", "revision": seen})
    inquiry.refresh_from_db()
    assert (response.status_code, inquiry.status) == (400, "new")


def test_a_note_is_added_from_the_page(client, world, secretariat):
    inquiry = receive(world)
    response = client.post(
        f"/en/henvendelser/{inquiry.pk}/note/", {"text": "Ringet op.", "revision": revision(inquiry)}
    )
    assert (response.status_code, Note.objects.get().text) == (302, "Ringet op.")


def test_uploading_a_file_that_is_no_mail_names_it_and_stores_nothing(client, world, secretariat):
    upload = SimpleUploadedFile("brev.eml", b"\x89PNG\r\n\x1a\n\x00\x00")
    response = client.post("/en/henvendelser/e-mail/", {"file": upload})
    error = text(element(parse(response), "div", id="field-file"))
    assert (
        "brev.eml: is not an e-mail message: it has no From header with an address." in error,
        Inquiry.objects.count(),
    ) == (True, 0)


def test_the_statistics_count_by_topic(client, world, secretariat):
    receive(world)
    receive(world)
    section = element(parse(client.get("/en/henvendelser/statistik/")), "section", aria_labelledby="topic")
    row = element(element(section, "tbody"), "tr")
    assert [text(cell) for cell in row.children if getattr(cell, "name", None) in ("th", "td")] == [
        "Presse og nyhedsbrev",
        "2",
    ]


def test_the_inbox_filters_overdue_inquiries(client, world, secretariat, today):
    receive(world)
    receive_inquiry(
        topic=world["press"],
        channel="staff",
        sender_name="Ida Berg",
        subject="Gammel sag",
        text="Hej",
        received=datetime(2026, 4, 1, 8, tzinfo=UTC),
    )
    response = client.get("/en/henvendelser/", {"overdue": "on"})
    assert texts(elements(element(parse(response), "tbody"), "a")) == ["Gammel sag"]


def test_the_holder_finds_their_own_inquiries(client, world):
    receive(world)
    receive_inquiry(topic=world["general"], channel="staff", sender_name="Ida Berg", subject="Til chefen", text="Hej")
    client.force_login(make_user("sofie", SECRETARIAT, person=world["sofie"]))
    response = client.get("/en/henvendelser/", {"assignee": "mig"})
    assert texts(elements(element(parse(response), "tbody"), "a")) == ["Nyhedsbrev"]
