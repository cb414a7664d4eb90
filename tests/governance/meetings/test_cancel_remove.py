"""Cancelling a meeting, removing an agenda item and putting it back, and the checks around recording a decision."""

from datetime import date

import pytest

from os2org.audit.models import Entry
from os2org.governance.meetings import services
from os2org.governance.models import AgendaItem, CaseBrief, FollowUp, Meeting
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role
from tests.dom import attribute, element, elements, parse, shown_messages, text, texts
from tests.forms import submit
from tests.governance.builders import board, decision, meeting, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_meeting():
    """Bestyrelsen 05.03.2026 with two open items, the second with a case brief."""
    made = meeting(board(), "2026-03-05 16:00")
    services.add_agenda_item(made, title="Velkomst")
    budget = services.add_agenda_item(made, title="Budget 2027", description="Et *udkast*.")
    services.save_case_brief(
        budget, purpose=CaseBrief.Purpose.DECISION, date=date(2026, 2, 20), status=CaseBrief.Status.READY, aim="Et budget."
    )
    return made


def main(response):
    return element(parse(response), "main")


def budget_item():
    return AgendaItem.objects.get(title="Budget 2027")


# Cancelling a meeting


def test_cancel_page_asks_before_anything_changes(client, board_meeting, staff):
    response = client.get(f"/en/moeder/{board_meeting.pk}/aflys/")

    assert (response.status_code, text(element(main(response), "h1"))) == (200, "Cancel the meeting?")
    assert Meeting.objects.get().cancelled is False


def test_cancelling_marks_the_meeting_and_says_so(client, board_meeting, staff):
    response = submit(client, f"/en/moeder/{board_meeting.pk}/aflys/", {})

    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert shown_messages(followed) == [("status", "The meeting is cancelled. You can take it up again from its page.")]
    assert text(element(main(followed), "div", class_="meeting-cancelled")).startswith("This meeting is cancelled.")


def test_cancelling_writes_an_audit_entry(client, board_meeting, staff):
    submit(client, f"/en/moeder/{board_meeting.pk}/aflys/", {})

    entry = Entry.objects.filter(action="governance.meeting.cancel").get()
    assert (entry.object_id, entry.data["before"]["cancelled"], entry.data["after"]["cancelled"]) == (
        str(board_meeting.pk),
        False,
        True,
    )


def test_cancelling_from_a_stale_page_is_refused(client, board_meeting, staff):
    page = client.get(f"/en/moeder/{board_meeting.pk}/aflys/")
    assert page.status_code == 200
    services.save_meeting(board_meeting, body=board_meeting.body, starts=board_meeting.starts, place="Andet lokale")

    response = client.post(f"/en/moeder/{board_meeting.pk}/aflys/", {"revision": 0})

    assert response.status_code == 200
    assert Meeting.objects.get().cancelled is False


def test_a_cancelled_meeting_leaves_the_calendar(client, board_meeting, staff):
    from os2org.access.viewer import viewer_for
    from os2org.governance.cycle.selectors import meetings_in

    services.cancel_meeting(board_meeting)

    assert meetings_in(viewer=viewer_for(staff), start=date(2026, 3, 1), end=date(2026, 3, 31)) == []


def test_the_meetings_list_says_a_meeting_is_cancelled(client, board_meeting):
    services.cancel_meeting(board_meeting)

    response = client.get("/en/moeder/")

    (label,) = elements(main(response), "strong", class_="meeting-cancelled-label")
    assert text(label) == "Cancelled"


def test_a_cancelled_meeting_is_taken_up_again_from_its_page(client, board_meeting, staff):
    services.cancel_meeting(board_meeting)
    page = client.get(f"/en/moeder/{board_meeting.pk}/")
    form = element(element(main(page), "div", class_="meeting-cancelled"), "form")
    (revision,) = [attribute(field, "value") for field in elements(form, "input") if attribute(field, "name") == "revision"]

    response = client.post(attribute(form, "action"), {"revision": revision})

    assert response.status_code == 302
    assert Meeting.objects.get().cancelled is False
    assert list(Entry.objects.filter(object_type="governance.meeting").values_list("action", flat=True)[:2]) == [
        "governance.meeting.restore",
        "governance.meeting.cancel",
    ]


def test_the_public_may_not_cancel_a_meeting(client, board_meeting):
    response = client.post(f"/en/moeder/{board_meeting.pk}/aflys/", {"revision": 0})

    assert response.status_code in (302, 403)
    assert Meeting.objects.get().cancelled is False


# Removing an agenda item


def test_removing_an_item_asks_first(client, board_meeting, staff):
    response = client.get(f"/en/punkter/{budget_item().pk}/fjern/")

    assert text(element(main(response), "h1")) == "Remove the agenda item?"
    assert AgendaItem.objects.count() == 2


def test_removing_an_item_takes_it_and_its_brief_off_the_agenda(client, board_meeting, staff):
    response = submit(client, f"/en/punkter/{budget_item().pk}/fjern/", {})

    assert response["Location"] == f"/en/moeder/{board_meeting.pk}/#removed-items"
    assert (list(AgendaItem.objects.values_list("title", flat=True)), CaseBrief.objects.count()) == (["Velkomst"], 0)


def test_the_meeting_page_offers_a_removed_item_back(client, board_meeting, staff):
    submit(client, f"/en/punkter/{budget_item().pk}/fjern/", {})

    response = client.get(f"/en/moeder/{board_meeting.pk}/")

    section = element(main(response), "section", id="removed-items")
    assert texts(elements(section, "button")) == ["Put back"]
    assert text(element(section, "span", class_="meeting-removed-title")) == "Budget 2027"


def test_putting_an_item_back_restores_it_with_its_brief(client, board_meeting, staff):
    pk = budget_item().pk
    submit(client, f"/en/punkter/{pk}/fjern/", {})
    entry = Entry.objects.get(action="governance.agenda_item.remove")

    response = client.post(f"/en/moeder/{board_meeting.pk}/punkter/gendan/{entry.pk}/", {"revision": entry.pk})

    assert response["Location"] == f"/en/moeder/{board_meeting.pk}/#item-{pk}"
    restored = AgendaItem.objects.get(pk=pk)
    assert (restored.position, restored.description_html, restored.brief.aim, restored.brief.aim_html) == (
        2,
        "<p>Et <em>udkast</em>.</p>\n",
        "Et budget.",
        "<p>Et budget.</p>\n",
    )


def test_a_restored_item_is_offered_back_no_more(client, board_meeting, staff):
    submit(client, f"/en/punkter/{budget_item().pk}/fjern/", {})
    entry = Entry.objects.get(action="governance.agenda_item.remove")
    client.post(f"/en/moeder/{board_meeting.pk}/punkter/gendan/{entry.pk}/", {"revision": entry.pk})

    again = client.post(f"/en/moeder/{board_meeting.pk}/punkter/gendan/{entry.pk}/", {"revision": entry.pk})

    assert again.status_code == 404
    assert elements(main(client.get(f"/en/moeder/{board_meeting.pk}/")), "section", id="removed-items") == []


def test_an_item_put_back_on_a_taken_place_goes_last(board_meeting):
    entry = services.remove_agenda_item(budget_item())
    services.add_agenda_item(board_meeting, title="Nyt punkt")

    restored = services.restore_agenda_item(entry)

    assert list(board_meeting.items.order_by("position").values_list("title", "position")) == [
        ("Velkomst", 1),
        ("Nyt punkt", 2),
        ("Budget 2027", 3),
    ]
    assert restored.title == "Budget 2027"


def test_an_item_with_an_outcome_cannot_be_removed(client, board_meeting, staff):
    item = decision(board_meeting, "Vedtægter", "Vedtaget.")

    response = submit(client, f"/en/punkter/{item.pk}/fjern/", {})

    assert response.status_code == 200
    assert "Set its outcome back to “not dealt with yet” before removing it." in text(main(response))
    assert AgendaItem.objects.filter(pk=item.pk).exists()


# Recording a decision


def test_a_decision_moves_its_case_brief_to_decided(board_meeting):
    services.record_outcome(budget_item(), outcome="decision", text="Godkendt.")

    assert CaseBrief.objects.get().status == CaseBrief.Status.DECIDED


def test_taking_a_decision_back_returns_its_brief_to_ready(board_meeting):
    services.record_outcome(budget_item(), outcome="decision", text="Godkendt.")

    services.record_outcome(budget_item(), outcome="discussed")

    assert CaseBrief.objects.get().status == CaseBrief.Status.READY


def test_a_brief_moved_by_a_decision_has_its_own_audit_entry(board_meeting):
    services.record_outcome(budget_item(), outcome="decision", text="Godkendt.")

    entry = Entry.objects.filter(object_type="governance.casebrief").first()
    assert (entry.data["before"]["status"], entry.data["after"]["status"]) == ("ready", "decided")


def test_a_decision_on_a_meeting_to_come_asks_for_confirmation(client, staff):
    ahead = meeting(board(), "2099-03-05 16:00")
    item = services.add_agenda_item(ahead, title="Budget")

    response = submit(client, f"/en/punkter/{item.pk}/udfald/", {"outcome": "decision", "outcome_text": "Godkendt."})

    errors = texts(elements(element(main(response), "div", id="field-ahead"), "li"))
    assert errors == [
        "The meeting is on March 5, 2099 and has not been held yet. Tick the box to record the decision anyway."
    ]
    assert AgendaItem.objects.get().outcome == ""


def test_a_confirmed_decision_on_a_meeting_to_come_is_recorded(client, staff):
    ahead = meeting(board(), "2099-03-05 16:00")
    item = services.add_agenda_item(ahead, title="Budget")

    submit(client, f"/en/punkter/{item.pk}/udfald/", {"outcome": "decision", "outcome_text": "Godkendt.", "ahead": "on"})

    assert AgendaItem.objects.get().outcome == "decision"


def test_a_held_meeting_asks_no_confirmation(client, board_meeting, staff):
    response = client.get(f"/en/punkter/{budget_item().pk}/udfald/")

    assert elements(main(response), "div", id="field-ahead") == []


# Follow-ups and new meetings


def test_an_open_follow_up_past_its_date_says_overdue_in_words(client, board_meeting):
    item = decision(board_meeting, "Vedtægter", "Vedtaget.")
    services.add_follow_up(item, title="Send vedtægterne", due=date(2026, 4, 1), owner_person=people("Ane")[0])

    response = client.get(f"/opfoelgning/{FollowUp.objects.get().pk}/")

    assert text(element(main(response), "strong", class_="follow-up-overdue")) == "Overskredet"


def test_a_new_meeting_form_knows_each_bodys_current_members(client, staff):
    body = board()
    board("Styregruppen", kind=Body.Kind.STEERING_GROUP)
    ane, bo = people("Ane", "Bo")
    for person in (ane, bo):
        assign_role(person, body=body, starts=date(2025, 1, 1), hours_per_week=1)

    response = client.get("/en/moeder/nyt/")

    data = element(parse(response), "script", id="body-members")
    assert text(data) == f'{{"{body.pk}": ["{ane.pk}", "{bo.pk}"]}}'
