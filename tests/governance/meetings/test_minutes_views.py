"""Minutes on the meeting page, and the staff pages that draft, send and record answers to them."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.formats import date_format

from os2org.access.groups import BOARD
from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.governance.meetings import services
from os2org.governance.meetings.minutes_text import skeleton
from os2org.governance.models import Approval, Minutes
from tests.accounts import make_user
from tests.dom import attribute, children, element, elements, parse, shown_messages, text, texts
from tests.forms import submit
from tests.governance.builders import board, decision, meeting, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def ane_bo_cecilie():
    return people("Ane Holm", "Bo Lund", "Cecilie Dahl")


@pytest.fixture
def march(ane_bo_cecilie):
    """Bestyrelsen 05.03.2026 with Ane and Bo (not Cecilie), and a decision on its agenda."""
    made = meeting(board(), "2026-03-05 16:00", participants=ane_bo_cecilie[:2])
    decision(made, "Budget 2027", "Budgettet godkendes.")
    return made


@pytest.fixture
def draft(march):
    return services.write_minutes(march, text="Referatet, *version 1*.")


@pytest.fixture
def sent(draft):
    return services.send_minutes(draft)


@pytest.fixture
def approved(sent, ane_bo_cecilie):
    for person in ane_bo_cecilie[:2]:
        services.answer_minutes(sent, person=person, answer="approved")
    return Minutes.objects.get(pk=sent.pk)


def main(response):
    return element(parse(response), "main")


def section(response):
    return element(main(response), "section", id="minutes")


def status(response):
    return text(element(section(response), "p", class_="meeting-minutes-status"))


def field_errors(response, field):
    return texts(elements(element(main(response), "div", id=f"field-{field}"), "li"))


def today():
    return date_format(timezone.localdate(), "DATE_FORMAT")


def versions(meeting):
    return list(meeting.minutes.order_by("version").values_list("version", "status", "text"))


def state():
    return (
        list(Minutes.objects.order_by("version").values_list("version", "status", "text")),
        list(Approval.objects.values_list("person__name", "answer")),
        Entry.objects.count(),
    )


# The minutes on the meeting page


def test_meeting_page_says_there_are_no_minutes_yet(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    assert texts(elements(section(response), "p")) == ["No minutes yet."]


def test_meeting_page_keeps_a_draft_from_the_public(client, draft):
    response = client.get(f"/en/moeder/{draft.meeting_id}/")

    assert texts(elements(section(response), "p")) == [
        f"Version 1: draft, written {today()}.",
        "The minutes are published here once the participants have approved them.",
    ]
    assert "Referatet" not in response.content.decode()


def test_meeting_page_shows_staff_the_draft(client, draft, staff):
    response = client.get(f"/en/moeder/{draft.meeting_id}/")

    minutes_text = element(section(response), "div", class_="meeting-minutes-text")
    assert (text(minutes_text), texts(elements(minutes_text, "em"))) == ("Referatet, version 1 .", ["version 1"])


def test_meeting_page_offers_staff_to_change_or_send_a_draft(client, draft, staff):
    response = client.get(f"/en/moeder/{draft.meeting_id}/")

    actions = element(section(response), "ul", class_="minutes-actions")
    assert [(text(a), attribute(a, "href")) for a in elements(actions, "a")] == [
        ("Change the minutes", f"/en/moeder/{draft.meeting_id}/referat/")
    ]
    form = element(actions, "form")
    assert (attribute(form, "action"), text(element(form, "button"))) == (
        f"/en/moeder/{draft.meeting_id}/referat/send/",
        "Send for approval",
    )


def test_meeting_page_says_a_draft_needs_participants_before_sending(client, staff):
    alone = meeting(board(), "2026-06-04 16:00")
    services.write_minutes(alone, text="Referat")

    response = client.get(f"/en/moeder/{alone.pk}/")

    actions = element(section(response), "ul", class_="minutes-actions")
    assert (texts(children(actions)), elements(actions, "form")) == (
        ["Change the minutes", "Add the participants to the meeting before sending the minutes for approval."],
        [],
    )


def test_meeting_page_shows_staff_the_answers_so_far(client, sent, ane_bo_cecilie, staff):
    services.answer_minutes(sent, person=ane_bo_cecilie[0], answer="amend", comment="Punkt 2 mangler.")

    response = client.get(f"/en/moeder/{sent.meeting_id}/")

    rows = [texts(children(row)) for row in elements(element(section(response), "table"), "tr")]
    assert [row[:3] for row in rows] == [
        ["Participant", "Answer", "Comment"],
        ["Ane Holm", "Amendment asked for", "Punkt 2 mangler."],
    ]
    assert text(element(section(response), "p", class_="meeting-unanswered")) == "Not answered yet: Bo Lund"


def test_meeting_page_offers_staff_to_record_an_answer_to_sent_minutes(client, sent, staff):
    response = client.get(f"/en/moeder/{sent.meeting_id}/")

    actions = elements(element(section(response), "ul", class_="minutes-actions"), "a")
    assert [(text(a), attribute(a, "href")) for a in actions] == [
        ("Change the minutes", f"/en/moeder/{sent.meeting_id}/referat/"),
        ("Record an answer", f"/en/moeder/{sent.meeting_id}/referat/svar/"),
    ]


def test_meeting_page_shows_approved_minutes_to_everyone(client, approved):
    response = client.get(f"/en/moeder/{approved.meeting_id}/")

    assert status(response) == f"Version 1: approved on {today()}."
    assert text(element(section(response), "div", class_="meeting-minutes-text")) == "Referatet, version 1 ."


def test_meeting_page_keeps_approved_versions_readable_under_a_new_draft(client, approved):
    services.write_minutes(approved.meeting, text="Referatet, version 2.")

    response = client.get(f"/en/moeder/{approved.meeting_id}/")

    history = element(section(response), "ol", class_="meeting-minutes-history")
    assert texts(elements(history, "summary")) == [f"Version 1: approved on {today()}"]
    assert texts(elements(history, "div", class_="meeting-minutes-text")) == ["Referatet, version 1 ."]
    assert status(response) == f"Version 2: draft, written {today()}."
    assert "version 2" not in response.content.decode()


def test_meeting_page_offers_staff_a_new_version_of_approved_minutes(client, approved, staff):
    response = client.get(f"/en/moeder/{approved.meeting_id}/")

    actions = element(section(response), "ul", class_="minutes-actions")
    assert (texts(elements(actions, "a")), elements(actions, "form")) == (["Write a new version"], [])


# Writing the minutes


def test_minutes_edit_starts_a_first_draft_from_the_agenda(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/referat/")

    form, draft = response.context["form"], skeleton(march)
    (item,) = march.items.all()
    assert (form["text"].value(), form[f"item_{item.pk}"].value()) == (draft.text, draft.parts[item.pk])
    assert text(element(main(response), "p", class_="minutes-note")) == (
        "A first draft, made from the agenda and what came of each item. Change it as needed."
    )


def test_minutes_edit_saves_version_one_as_a_draft(client, march, staff):
    response = submit(client, f"/en/moeder/{march.pk}/referat/", {"text": "Referat"})

    assert response["Location"] == f"/en/moeder/{march.pk}/#minutes"
    assert versions(march) == [(1, "draft", "Referat")]


def test_minutes_edit_says_the_minutes_are_saved(client, march, staff):
    submitted = submit(client, f"/moeder/{march.pk}/referat/", {"text": "Referat"})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "Referatet er gemt.")]


def test_minutes_edit_shows_the_current_text(client, draft, staff):
    response = client.get(f"/en/moeder/{draft.meeting_id}/referat/")

    assert response.context["form"]["text"].value() == "Referatet, *version 1*."


def test_minutes_edit_requires_a_text(client, draft, staff):
    before = state()

    response = client.post(f"/en/moeder/{draft.meeting_id}/referat/", {"text": "  ", "revision": revision(draft)})

    assert field_errors(response, "text") == ["The minutes are empty."]
    assert state() == before


def test_minutes_edit_says_before_saving_that_approved_minutes_get_a_new_version(client, approved, staff):
    response = client.get(f"/en/moeder/{approved.meeting_id}/referat/")

    document = main(response)
    assert text(element(document, "p", class_="minutes-note")) == (
        "Version 1 is approved and locked. Saving makes version 2, a new draft; version 1 stays as it was approved."
    )
    assert text(element(document, "button")) == "Save as a new version"


def test_minutes_edit_of_approved_minutes_makes_version_two(client, approved, staff):
    submit(client, f"/en/moeder/{approved.meeting_id}/referat/", {"text": "Referatet, version 2."})

    assert versions(approved.meeting) == [
        (1, "approved", "Referatet, *version 1*."),
        (2, "draft", "Referatet, version 2."),
    ]


def test_minutes_edit_says_before_saving_that_answers_to_sent_minutes_are_cleared(client, sent, ane_bo_cecilie, staff):
    services.answer_minutes(sent, person=ane_bo_cecilie[0], answer="approved")

    response = client.get(f"/en/moeder/{sent.meeting_id}/referat/")

    assert text(element(main(response), "p", class_="minutes-note")) == (
        "Version 1 has been sent for approval. Saving changes it, and the 1 answer so far is cleared: "
        "the participants answer again."
    )


def test_minutes_edit_of_sent_minutes_clears_the_answers(client, sent, ane_bo_cecilie, staff):
    services.answer_minutes(sent, person=ane_bo_cecilie[0], answer="approved")

    submit(client, f"/en/moeder/{sent.meeting_id}/referat/", {"text": "Rettet referat"})

    assert (versions(sent.meeting), Approval.objects.count()) == ([(1, "sent", "Rettet referat")], 0)


# Sending the minutes for approval


def send(client, minutes):
    """The send button as the meeting page shows it: with the draft's revision."""
    return client.post(f"/en/moeder/{minutes.meeting_id}/referat/send/", {"revision": revision(minutes)})


def test_minutes_send_sends_the_draft(client, draft, staff):
    response = send(client, draft)

    assert response["Location"] == f"/en/moeder/{draft.meeting_id}/#minutes"
    assert versions(draft.meeting) == [(1, "sent", "Referatet, *version 1*.")]


def test_minutes_send_says_the_minutes_are_sent(client, draft, staff):
    response = client.get(send(client, draft)["Location"])

    assert shown_messages(response) == [("status", "The minutes are sent to the participants for their answer.")]


def test_minutes_send_refuses_minutes_already_sent(client, sent, staff):
    before = state()

    response = send(client, sent)

    assert response.status_code == 409
    assert texts(elements(main(response), "li")) == ["Only a draft can be sent for approval."]
    assert state() == before


def test_minutes_send_refuses_a_meeting_without_participants(client, staff):
    alone = meeting(board(), "2026-06-04 16:00")
    response = send(client, services.write_minutes(alone, text="Referat"))

    assert texts(elements(main(response), "li")) == [
        "The meeting has no participants to approve the minutes. Add them first."
    ]
    assert versions(alone) == [(1, "draft", "Referat")]


def test_minutes_send_without_minutes_is_not_found(client, march, staff):
    assert client.post(f"/en/moeder/{march.pk}/referat/send/").status_code == 404


def test_minutes_send_refuses_a_draft_changed_since_the_page_was_shown(client, draft, staff):
    shown = revision(draft)
    services.write_minutes(draft.meeting, text="Referatet, rettet.", revision=shown)

    response = client.post(f"/en/moeder/{draft.meeting_id}/referat/send/", {"revision": shown})

    assert (response.status_code, versions(draft.meeting)) == (409, [(1, "draft", "Referatet, rettet.")])


def test_minutes_send_refuses_get(client, draft, staff):
    assert client.get(f"/en/moeder/{draft.meeting_id}/referat/send/").status_code == 405


# Recording the participants' answers


def answer(client, minutes, data):
    """An answer as the answer page sends it: with the revision of the minutes it showed."""
    return client.post(f"/en/moeder/{minutes.meeting_id}/referat/svar/", {**data, "revision": revision(minutes)})


def test_minutes_answer_offers_the_participants_only(client, sent, staff):
    response = client.get(f"/en/moeder/{sent.meeting_id}/referat/svar/")

    options = elements(element(main(response), "select", id="id_person"), "option")
    assert texts(options) == ["---------", "Ane Holm", "Bo Lund"]


def test_minutes_answer_records_an_approval(client, sent, ane_bo_cecilie, staff):
    response = answer(client, sent, {"person": ane_bo_cecilie[0].pk, "answer": "approved"})

    assert response["Location"] == f"/en/moeder/{sent.meeting_id}/#minutes"
    assert list(Approval.objects.values_list("person__name", "answer", "comment")) == [("Ane Holm", "approved", "")]


def test_minutes_answer_for_a_participant_says_whose_answer_is_recorded(client, sent, ane_bo_cecilie, staff):
    submitted = answer(client, sent, {"person": ane_bo_cecilie[0].pk, "answer": "approved"})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "The answer from Ane Holm is recorded.")]


def test_minutes_answer_by_the_last_participant_approves_and_locks_them(client, sent, ane_bo_cecilie, staff):
    for person in ane_bo_cecilie[:2]:
        answer(client, sent, {"person": person.pk, "answer": "approved"})

    assert Minutes.objects.get().is_locked is True


def test_minutes_answer_refuses_a_non_participant_and_changes_nothing(client, sent, ane_bo_cecilie, staff):
    before = state()

    response = answer(client, sent, {"person": ane_bo_cecilie[2].pk, "answer": "approved"})

    assert field_errors(response, "person") == [
        "Cecilie Dahl did not take part in the meeting and cannot approve its minutes."
    ]
    assert state() == before


def test_minutes_answer_refuses_an_amendment_without_a_comment(client, sent, ane_bo_cecilie, staff):
    before = state()

    response = answer(client, sent, {"person": ane_bo_cecilie[0].pk, "answer": "amend", "comment": ""})

    assert field_errors(response, "comment") == ["Say what should be amended."]
    assert state() == before


def test_minutes_answer_refuses_a_draft(client, draft, ane_bo_cecilie, staff):
    response = answer(client, draft, {"person": ane_bo_cecilie[0].pk, "answer": "approved"})

    assert field_errors(response, "answer") == ["These minutes are not waiting for approval."]
    assert Approval.objects.count() == 0


def test_minutes_answer_without_minutes_is_not_found(client, march, staff):
    assert client.get(f"/en/moeder/{march.pk}/referat/svar/").status_code == 404


# Who may use the minutes pages


def test_minutes_pages_send_the_public_to_log_in(client, draft):
    pk = draft.meeting_id
    found = [
        client.get(f"/en/moeder/{pk}/referat/")["Location"],
        client.post(f"/en/moeder/{pk}/referat/send/")["Location"],
        client.get(f"/en/moeder/{pk}/referat/svar/")["Location"],
    ]

    assert found == [
        f"/en/konto/login/?next=/en/moeder/{pk}/referat/",
        f"/en/konto/login/?next=/en/moeder/{pk}/referat/send/",
        f"/en/konto/login/?next=/en/moeder/{pk}/referat/svar/",
    ]
    assert versions(draft.meeting) == [(1, "draft", "Referatet, *version 1*.")]


def test_minutes_pages_are_forbidden_to_non_staff_users(client, draft):
    client.force_login(User.objects.create_user("reader"))
    pk = draft.meeting_id

    found = [
        client.get(f"/en/moeder/{pk}/referat/").status_code,
        client.post(f"/en/moeder/{pk}/referat/send/").status_code,
        client.get(f"/en/moeder/{pk}/referat/svar/").status_code,
    ]

    assert found == [403, 403, 403]
    assert versions(draft.meeting) == [(1, "draft", "Referatet, *version 1*.")]


# The participants answer for themselves

CONFLICT = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)


@pytest.fixture
def ane_logged_in(client, ane_bo_cecilie):
    """Ane Holm, a board member who took part in the March meeting, logged in."""
    user = make_user("ane", BOARD, person=ane_bo_cecilie[0])
    client.force_login(user)
    return user


def test_minutes_answer_by_a_participant_has_no_person_to_choose(client, sent, ane_logged_in):
    response = client.get(f"/en/moeder/{sent.meeting_id}/referat/svar/")

    document = main(response)
    assert (text(element(document, "h1")), elements(document, "select", id="id_person")) == (
        "Your answer to the minutes",
        [],
    )


def test_minutes_answer_by_a_participant_is_stored_as_theirs(client, sent, ane_logged_in):
    response = answer(client, sent, {"answer": "amend", "comment": "Punkt 2 mangler."})

    assert response["Location"] == f"/en/moeder/{sent.meeting_id}/#minutes"
    assert list(Approval.objects.values_list("minutes", "person__name", "answer", "comment")) == [
        (sent.pk, "Ane Holm", "amend", "Punkt 2 mangler.")
    ]


def test_minutes_answer_by_a_participant_says_their_answer_is_recorded(client, sent, ane_logged_in):
    submitted = answer(client, sent, {"answer": "approved"})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "Your answer is recorded.")]


def test_minutes_answer_by_a_participant_ignores_a_person_posted(client, sent, ane_bo_cecilie, ane_logged_in):
    answer(client, sent, {"person": ane_bo_cecilie[1].pk, "answer": "approved"})

    assert list(Approval.objects.values_list("person__name", "answer", "comment")) == [("Ane Holm", "approved", "")]


def test_minutes_answer_by_the_secretariat_for_a_participant_is_stored_as_the_participants(
    client, sent, ane_bo_cecilie, staff
):
    answer(client, sent, {"person": ane_bo_cecilie[1].pk, "answer": "approved"})

    assert list(Approval.objects.values_list("minutes", "person__name", "answer", "comment")) == [
        (sent.pk, "Bo Lund", "approved", "")
    ]


def test_minutes_answer_by_a_board_member_who_was_not_there_is_forbidden(client, sent, ane_bo_cecilie):
    client.force_login(make_user("cecilie", BOARD, person=ane_bo_cecilie[2]))

    response = answer(client, sent, {"answer": "approved"})

    assert (response.status_code, Approval.objects.count()) == (403, 0)


def test_meeting_page_shows_a_participant_the_minutes_sent_to_them(client, sent, ane_logged_in):
    response = client.get(f"/en/moeder/{sent.meeting_id}/")

    assert text(element(section(response), "div", class_="meeting-minutes-text")) == "Referatet, version 1 ."


def test_meeting_page_offers_a_participant_to_answer(client, sent, ane_logged_in):
    actions = elements(element(section(client.get(f"/en/moeder/{sent.meeting_id}/")), "ul", class_="minutes-actions"), "a")

    assert [(text(a), attribute(a, "href")) for a in actions] == [
        ("Answer the minutes", f"/en/moeder/{sent.meeting_id}/referat/svar/")
    ]


def test_meeting_page_keeps_a_draft_from_a_board_member(client, draft, ane_logged_in):
    response = client.get(f"/en/moeder/{draft.meeting_id}/")

    assert texts(elements(section(response), "p"))[1] == (
        "The minutes are published here once the participants have approved them."
    )


def test_meeting_page_keeps_minutes_sent_from_a_board_member_who_was_not_there(client, sent, ane_bo_cecilie):
    client.force_login(make_user("cecilie", BOARD, person=ane_bo_cecilie[2]))

    response = client.get(f"/en/moeder/{sent.meeting_id}/")

    assert (elements(section(response), "div", class_="meeting-minutes-text"), elements(section(response), "ul")) == (
        [],
        [],
    )


@pytest.mark.parametrize("minutes", ["none yet", "a draft"])
def test_minutes_edit_refuses_the_second_of_two_saves_from_the_same_form(client, march, staff, minutes):
    if minutes == "a draft":
        services.write_minutes(march, text="Udkast")
    address = f"/en/moeder/{march.pk}/referat/"
    revision = client.get(address).context["form"]["revision"].value()
    client.post(address, {"text": "Første rettelse", "revision": revision})
    before = state()

    response = client.post(address, {"text": "Anden rettelse", "revision": revision})

    assert texts(elements(element(main(response), "div", class_="org-form-errors"), "li")) == [CONFLICT]
    assert state() == before
