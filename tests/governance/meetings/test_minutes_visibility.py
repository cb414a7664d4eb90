"""Minutes are kept per agenda item, each part as visible as its item: every channel shows a reader
only the parts about what they may read."""

import pytest
from django.db import connection
from knox.models import AuthToken

from os2org.access.groups import BOARD, MEMBER_CONTACT
from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.governance.models import Approval
from tests.accounts import make_user
from tests.governance.builders import board, decision, meeting, people

pytestmark = pytest.mark.django_db

PUBLIC_PART = "Budgettet blev vedtaget uden ændringer."
INTERNAL_PART = "Direktøren fratræder ved årets udgang."


@pytest.fixture
def approved():
    """A public meeting with a public and an internal decision, and approved minutes in parts."""
    ane, bo = people("Ane Holm", "Bo Lund")
    made = meeting(board(), "2026-03-05 16:00", participants=[ane, bo], visibility=Visibility.PUBLIC)
    public = decision(made, "Budget 2027", "Budgettet godkendes.")
    internal = services.add_agenda_item(made, title="Personalesag", visibility=Visibility.INTERNAL)
    services.record_outcome(internal, outcome="decision", text="Fratrædelsen tages til efterretning.")
    minutes = services.write_minutes(
        made, text="Alle var til stede.", parts={public: PUBLIC_PART, internal: INTERNAL_PART}
    )
    services.send_minutes(minutes, notify=False)
    for person in (ane, bo):
        services.answer_minutes(minutes, person=person, answer=Approval.Answer.APPROVED)
    return minutes


def shown(content):
    text = content.decode()
    return (PUBLIC_PART in text, INTERNAL_PART in text, "Personalesag" in text)


@pytest.mark.parametrize(
    "address",
    ["/moeder/{pk}/", "/moeder/{pk}/referat/udskrift/", "/moeder/{pk}/referat.md"],
    ids=["meeting page", "print", "markdown"],
)
def test_public_reads_only_the_parts_about_public_items(client, approved, address):
    response = client.get(address.format(pk=approved.meeting_id))

    assert (response.status_code, shown(response.content)) == (200, (True, False, False))


@pytest.mark.parametrize(
    "address",
    ["/moeder/{pk}/", "/moeder/{pk}/referat/udskrift/", "/moeder/{pk}/referat.md"],
    ids=["meeting page", "print", "markdown"],
)
def test_board_reads_every_part(client, approved, address):
    client.force_login(make_user("bestyrelse", BOARD))

    response = client.get(address.format(pk=approved.meeting_id))

    assert (response.status_code, shown(response.content)) == (200, (True, True, True))


def test_api_gives_the_public_only_the_parts_about_public_items(client, approved):
    response = client.get(f"/api/minutes/{approved.pk}/")

    assert [(part["title"], part["text"]) for part in response.json()["parts"]] == [("Budget 2027", PUBLIC_PART)]


def test_api_gives_the_board_every_part(client, approved):
    token = AuthToken.objects.create(make_user("bestyrelse", BOARD))[1]

    response = client.get(f"/api/minutes/{approved.pk}/", headers={"Authorization": f"Token {token}"})

    assert [part["title"] for part in response.json()["parts"]] == ["Budget 2027", "Personalesag"]


def test_participant_who_may_not_read_the_meeting_may_not_answer(client):
    """Bo takes part, but his log-in is a member contact's, who does not read an internal board meeting."""
    ane, bo = people("Ane Holm", "Bo Lund")
    made = meeting(board(), "2026-03-05 16:00", participants=[ane, bo], visibility=Visibility.INTERNAL)
    minutes = services.send_minutes(services.write_minutes(made, text="Referat"), notify=False)
    client.force_login(make_user("bo", MEMBER_CONTACT, person=bo))

    response = client.post(f"/moeder/{made.pk}/referat/svar/", {"answer": "approved", "revision": "0"})

    assert (response.status_code, minutes.approvals.count()) == (403, 0)


def test_answer_page_shows_the_minutes_being_answered(client, approved):
    ane = approved.meeting.participants.get(name="Ane Holm")
    services.write_minutes(approved.meeting, text="Ny version.")
    minutes = approved.meeting.minutes.get(version=2)
    services.send_minutes(minutes, notify=False)
    client.force_login(make_user("ane", BOARD, person=ane))

    response = client.get(f"/moeder/{approved.meeting_id}/referat/svar/")

    assert ("Ny version." in response.content.decode(), response.status_code) == (True, 200)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one transaction write at a time")
@pytest.mark.django_db(transaction=True)
def test_two_last_approvals_at_the_same_moment_approve_the_minutes():
    """Each of the last two participants approves in a thread of their own, at once, twelve times over."""
    import threading

    from django.db import connections

    outcomes = []
    for attempt in range(12):
        last = people(f"Ane {attempt}", f"Bo {attempt}")
        made = meeting(board(f"Bestyrelsen {attempt}"), "2026-03-05 16:00", participants=last)
        minutes = services.send_minutes(services.write_minutes(made, text="Referat"), notify=False)
        start = threading.Barrier(2)

        def approve(person):
            start.wait()
            try:
                services.answer_minutes(minutes, person=person, answer=Approval.Answer.APPROVED)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=approve, args=(person,)) for person in last]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        minutes.refresh_from_db()
        outcomes.append(minutes.status)

    assert outcomes == ["approved"] * 12
