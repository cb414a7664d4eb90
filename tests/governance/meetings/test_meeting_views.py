"""The meetings list, a meeting's page with its agenda, and the staff pages that change them."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.governance.meetings import services
from os2org.governance.models import AgendaItem, CaseBrief, FollowUp, Meeting
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, end_assignment, save_body
from os2org.roles.models import RoleDescription
from tests.dom import attribute, children, element, elements, parse, shown_messages, text, texts
from tests.forms import submit
from tests.governance.builders import COPENHAGEN, at, board, decision, meeting, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    """A board with two current members and a former one, a steering group, and a secretariat.

    A secretariat holds no meetings.
    """
    bestyrelsen = board()
    steering = board("Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP)
    board("Sekretariatet", kind=Body.Kind.SECRETARIAT)
    ane, bo, cecilie = people("Ane Holm", "Bo Lund", "Cecilie Dahl")
    for person in (ane, bo):
        assign_role(person, body=bestyrelsen, starts=date(2025, 1, 1), hours_per_week=2)
    former = assign_role(cecilie, body=bestyrelsen, starts=date(2024, 1, 1), hours_per_week=2)
    end_assignment(former, ends=date(2025, 1, 1))
    return {"board": bestyrelsen, "steering": steering, "ane": ane, "bo": bo, "cecilie": cecilie}


@pytest.fixture
def march(org):
    """Bestyrelsen March 5, 2026: three items; the second has a case brief, a decision and a follow-up."""
    made = meeting(org["board"], "2026-03-05 16:00", participants=[org["ane"], org["bo"]])
    services.add_agenda_item(made, title="Godkendelse af dagsorden", description="Dagsordenen *godkendes*.")
    budget = decision(made, "Budget 2027", "Budgettet **godkendes**.")
    services.save_case_brief(
        budget,
        purpose=CaseBrief.Purpose.DECISION,
        date=date(2026, 2, 20),
        status=CaseBrief.Status.READY,
        author=org["ane"],
        owner=org["bo"],
        aim="Et **budget** for 2027.",
        consequences="<script>alert(1)</script>Ingen.",
    )
    services.add_follow_up(
        budget, title="Send budgettet til medlemmerne", due=date(2026, 4, 1), owner_person=org["ane"]
    )
    services.record_outcome(services.add_agenda_item(made, title="Eventuelt"), outcome="noted")
    return made


@pytest.fixture
def later(org, march):
    """Bestyrelsen April 9, 2099 (upcoming), and a past meeting of the steering group."""
    meeting(org["steering"], "2026-02-10 10:00", place="Online")
    return meeting(org["board"], "2099-04-09 16:00", participants=[org["ane"], org["bo"]])


def main(response):
    return element(parse(response), "main")


def rows(table):
    return [texts(children(row)) for row in elements(table, "tr")]


def is_set(node, name):
    """Whether a boolean attribute (checked, selected) is present."""
    return name in dict(node.attributes)


def chosen(select):
    (option,) = [option for option in elements(select, "option") if is_set(option, "selected")]
    return text(option)


def field_errors(response, field):
    return texts(elements(element(main(response), "div", id=f"field-{field}"), "li"))


def item(response, number):
    return elements(element(main(response), "ol", class_="meeting-agenda"), "li", class_="meeting-item")[number - 1]


def counts():
    return (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        CaseBrief.objects.count(),
        FollowUp.objects.count(),
        Entry.objects.count(),
    )


# The meetings list


def test_meetings_list_shows_upcoming_and_past_meetings(client, later):
    response = client.get("/en/moeder/")

    upcoming, past = elements(main(response), "table", class_="meeting-list")
    assert rows(upcoming)[1:] == [
        ["April 9, 2099, 16:00", "Bestyrelsen April 9, 2099", "Bestyrelsen", "Mødelokale 1", "0", "—"]
    ]
    assert rows(past)[1:] == [
        ["March 5, 2026, 16:00", "Bestyrelsen March 5, 2026", "Bestyrelsen", "Mødelokale 1", "3", "—"],
        ["Feb. 10, 2026, 10:00", "Styregruppen for OS2mo Feb. 10, 2026", "Styregruppen for OS2mo", "Online", "0", "—"],
    ]


def test_meetings_list_shows_the_status_of_the_newest_minutes(client, march):
    services.send_minutes(services.write_minutes(march, text="Referat"))

    response = client.get("/en/moeder/")

    assert rows(element(main(response), "table", class_="meeting-list"))[1][5] == "Sent for approval"


def test_meetings_list_filters_by_body(client, later):
    response = client.get("/en/moeder/?organ=styregruppen-for-os2mo")

    document = main(response)
    assert texts(elements(document, "h2")) == ["Upcoming meetings", "Past meetings"]
    assert text(element(document, "p")) == "No upcoming meetings."
    assert [row[1] for row in rows(element(document, "table"))[1:]] == ["Styregruppen for OS2mo Feb. 10, 2026"]


def test_meetings_list_shows_only_upcoming_meetings(client, later):
    response = client.get("/en/moeder/?tid=kommende")

    document = main(response)
    assert texts(elements(document, "h2")) == ["Upcoming meetings"]
    assert [row[1] for row in rows(element(document, "table"))[1:]] == ["Bestyrelsen April 9, 2099"]


def test_meetings_list_shows_only_past_meetings(client, later):
    response = client.get("/en/moeder/?tid=tidligere")

    assert texts(elements(main(response), "h2")) == ["Past meetings"]


def test_meetings_list_offers_only_bodies_that_hold_meetings(client, org):
    response = client.get("/en/moeder/")

    options = elements(element(main(response), "select", id="id_organ"), "option")
    assert texts(options) == ["(all)", "Bestyrelsen", "Styregruppen for OS2mo"]


def test_meetings_list_says_an_unknown_body_next_to_the_filter(client, later):
    response = client.get("/en/moeder/?organ=sekretariatet")

    assert field_errors(response, "organ") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_meetings_list_links_staff_to_plan_a_meeting_of_the_chosen_body(client, org, staff):
    response = client.get("/en/moeder/?organ=bestyrelsen")

    actions = elements(element(main(response), "ul", class_="meeting-actions"), "a")
    assert [(text(a), attribute(a, "href")) for a in actions] == [
        ("Plan a meeting", "/en/moeder/nyt/?organ=bestyrelsen")
    ]


def test_meetings_list_has_no_edit_links_for_the_public(client, org):
    response = client.get("/en/moeder/")

    assert elements(main(response), "ul", class_="meeting-actions") == []


# A meeting's page


def test_meeting_page_shows_body_time_place_and_participants(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    facts = element(main(response), "dl", class_="meeting-facts")
    assert texts(elements(facts, "dd")) == [
        "Bestyrelsen",
        "March 5, 2026, 16:00 – 18:00",
        "Mødelokale 1",
        "Ane Holm Bo Lund",
    ]


def test_meeting_page_lists_the_agenda_in_order(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    headings = elements(element(main(response), "ol", class_="meeting-agenda"), "h3")
    assert texts(headings) == ["1. Godkendelse af dagsorden", "2. Budget 2027", "3. Eventuelt"]


def test_meeting_page_renders_an_items_description(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    assert texts(elements(element(item(response, 1), "div", class_="meeting-text"), "em")) == ["godkendes"]


def test_meeting_page_shows_the_case_brief_facts(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    brief = element(item(response, 2), "section", class_="meeting-brief")
    assert texts(elements(element(brief, "dl"), "dd")) == [
        "Ready for decision",
        "Decision",
        "Ane Holm",
        "Bo Lund",
        "Feb. 20, 2026",
    ]


def test_meeting_page_shows_the_written_sections_of_the_case_brief(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    brief = element(item(response, 2), "section", class_="meeting-brief")
    assert texts(elements(brief, "h5")) == ["Aim", "Consequences"]
    assert texts(elements(brief, "div", class_="meeting-text")) == ["Et budget for 2027.", "Ingen."]


def test_meeting_page_renders_the_case_brief_through_markup(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    brief = element(item(response, 2), "section", class_="meeting-brief")
    assert texts(elements(brief, "strong")) == ["budget"]
    assert "<script>" not in response.content.decode()


def test_meeting_page_shows_the_html_stored_when_the_texts_were_written(client, march):
    # Changed behind the services' back: a page that rendered the Markdown itself would not show it.
    AgendaItem.objects.filter(meeting=march).update(description_html="<p>Gemt</p>", outcome_html="<p>Gemt udfald</p>")
    CaseBrief.objects.update(aim_html="<p>Gemt formål</p>", consequences_html="<p>Gemte konsekvenser</p>")

    response = client.get(f"/en/moeder/{march.pk}/")

    assert texts(elements(main(response), "div", class_="meeting-text")) == [
        "Gemt",
        "Gemt formål",
        "Gemte konsekvenser",
        "Gemt udfald",
    ]


def test_meeting_page_shows_the_outcome_of_each_item(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    outcomes = elements(main(response), "div", class_="meeting-outcome")
    assert texts(outcomes) == ["Decision Budgettet godkendes .", "Noted"]


def test_meeting_page_shows_the_follow_ups_of_a_decision(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    table = element(item(response, 2), "table", class_="meeting-follow-ups")
    assert rows(table) == [
        ["Action", "Owner", "Due", "Status"],
        ["Send budgettet til medlemmerne", "Ane Holm", "April 1, 2026", "Open Overdue"],
    ]


def test_meeting_page_says_when_nothing_is_carried(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    follow_up = element(main(response), "section", id="follow-up")
    assert text(element(follow_up, "p")) == "No follow-ups from earlier meetings are open."


def test_meeting_page_carries_open_follow_ups_of_the_body(client, later):
    response = client.get(f"/en/moeder/{later.pk}/")

    table = element(element(main(response), "section", id="follow-up"), "table")
    assert rows(table) == [
        ["Action", "Decided at", "Owner", "Due", "Status"],
        ["Send budgettet til medlemmerne", "Bestyrelsen March 5, 2026", "Ane Holm", "April 1, 2026", "Open Overdue"],
    ]


def test_meeting_page_shows_a_carried_follow_up_closed_on_the_day(client, march, later):
    follow_up = FollowUp.objects.get()
    services.change_follow_up(follow_up, status="done", on=date(2099, 4, 9))

    response = client.get(f"/en/moeder/{later.pk}/")

    table = element(element(main(response), "section", id="follow-up"), "table")
    assert rows(table)[1][4] == "Done (closed April 9, 2099)"


def test_meeting_page_links_a_carried_follow_up_to_its_decision(client, march, later):
    response = client.get(f"/en/moeder/{later.pk}/")

    links = elements(element(element(main(response), "section", id="follow-up"), "tbody"), "a")
    budget = AgendaItem.objects.get(title="Budget 2027")
    assert [attribute(a, "href") for a in links] == [
        f"/en/opfoelgning/{FollowUp.objects.get().pk}/",
        f"/en/moeder/{march.pk}/#item-{budget.pk}",
        "/en/organisation/personer/ane-holm/",
    ]


@pytest.fixture
def thirty_carried(org, march, later):
    """29 more open follow-ups of the budget decision, due a day apart after the first (1 April 2026)."""
    budget = AgendaItem.objects.get(title="Budget 2027")
    for number in range(1, 30):
        services.add_follow_up(
            budget, title=f"Handling {number}", due=date(2026, 4, 1) + timedelta(days=number), owner_person=org["ane"]
        )
    return later


def carried_titles(response):
    table = element(element(main(response), "section", id="follow-up"), "table")
    return [row[0] for row in rows(table)[1:]]


def test_meeting_page_carries_twenty_five_follow_ups_a_page(client, thirty_carried):
    titles = carried_titles(client.get(f"/en/moeder/{thirty_carried.pk}/"))

    assert titles == ["Send budgettet til medlemmerne", *[f"Handling {number}" for number in range(1, 25)]]


def test_meeting_page_carries_the_rest_on_the_next_page(client, thirty_carried):
    titles = carried_titles(client.get(f"/en/moeder/{thirty_carried.pk}/?opfoelgning=2"))

    assert titles == [f"Handling {number}" for number in range(25, 30)]


def test_meeting_page_links_to_the_next_page_of_carried_follow_ups(client, thirty_carried):
    follow_up = element(main(client.get(f"/en/moeder/{thirty_carried.pk}/")), "section", id="follow-up")

    assert attribute(element(element(follow_up, "nav", class_="pagination"), "a"), "href") == "?opfoelgning=2#follow-up"


def test_meeting_page_links_to_the_agenda_exports(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    links = elements(element(main(response), "nav", class_="meeting-exports"), "a")
    assert [(text(a), attribute(a, "href")) for a in links] == [
        ("Agenda for print", f"/en/moeder/{march.pk}/dagsorden/"),
        ("Agenda as Markdown", f"/en/moeder/{march.pk}/dagsorden.md"),
    ]


def test_meeting_page_links_to_the_minutes_exports_once_approved(client, march, org):
    minutes = services.send_minutes(services.write_minutes(march, text="Referat"))
    for person in (org["ane"], org["bo"]):
        services.answer_minutes(minutes, person=person, answer="approved")

    response = client.get(f"/en/moeder/{march.pk}/")

    links = elements(element(main(response), "nav", class_="meeting-exports"), "a")
    assert [attribute(a, "href") for a in links][2:] == [
        f"/en/moeder/{march.pk}/referat/udskrift/",
        f"/en/moeder/{march.pk}/referat.md",
    ]


def test_meeting_page_has_no_edit_controls_for_the_public(client, march):
    response = client.get(f"/en/moeder/{march.pk}/")

    document = main(response)
    assert (elements(document, "ul", class_="org-actions"), elements(document, "form")) == ([], [])


def test_meeting_page_shows_staff_the_meeting_controls(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/")

    actions = elements(element(main(response), "ul", class_="meeting-actions"), "a")
    assert [(text(a), attribute(a, "href")) for a in actions] == [
        ("Edit meeting", f"/en/moeder/{march.pk}/rediger/"),
        ("Add an agenda item", f"/en/moeder/{march.pk}/punkter/nyt/"),
        ("Cancel the meeting", f"/en/moeder/{march.pk}/aflys/"),
    ]


def test_meeting_page_shows_staff_the_controls_of_a_decision(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/")

    pk = AgendaItem.objects.get(title="Budget 2027").pk
    actions = element(item(response, 2), "ul", class_="item-actions")
    assert [(text(a), attribute(a, "href")) for a in elements(actions, "a")] == [
        ("Edit item", f"/en/punkter/{pk}/rediger/"),
        ("Edit case brief", f"/en/punkter/{pk}/sagsoplaeg/"),
        ("Record outcome", f"/en/punkter/{pk}/udfald/"),
        ("Add follow-up", f"/en/punkter/{pk}/opfoelgning/ny/"),
    ]
    moves = elements(actions, "form")
    assert [(attribute(form, "action"), text(element(form, "button"))) for form in moves] == [
        (f"/en/punkter/{pk}/flyt/", "Move up : Budget 2027"),
        (f"/en/punkter/{pk}/flyt/", "Move down : Budget 2027"),
    ]


def test_meeting_page_offers_no_move_up_for_the_first_item(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/")

    buttons = elements(element(item(response, 1), "ul", class_="item-actions"), "button")
    assert texts(buttons) == ["Move down : Godkendelse af dagsorden"]


def test_meeting_page_offers_no_move_down_for_the_last_item(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/")

    buttons = elements(element(item(response, 3), "ul", class_="item-actions"), "button")
    assert texts(buttons) == ["Move up : Eventuelt"]


def test_meeting_page_offers_follow_ups_only_for_a_decision(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/")

    links = [texts(elements(element(item(response, n), "ul", class_="item-actions"), "a")) for n in (1, 3)]
    assert links == [["Edit item", "Write case brief", "Record outcome", "Remove item"], ["Edit item", "Write case brief", "Record outcome"]]


def test_meeting_page_of_an_unknown_meeting_is_not_found(client, db):
    assert client.get("/en/moeder/999/").status_code == 404


def test_meeting_page_refuses_post(client, march):
    assert client.post(f"/en/moeder/{march.pk}/").status_code == 405


# Planning and changing a meeting


def meeting_post(org, **fields):
    return {
        "body": org["board"].pk,
        "title": "",
        "starts": "2026-06-04",
        "time": "16:30",
        "duration": "90",
        "place": "Aarhus",
        "participants": [org["ane"].pk, org["cecilie"].pk],
        "visibility": "internal",
        **fields,
    }


def test_meeting_create_invites_the_bodys_current_members(client, org, staff):
    response = client.get("/en/moeder/nyt/?organ=bestyrelsen")

    boxes = elements(element(main(response), "div", id="field-participants"), "input")
    checked = [box for box in boxes if is_set(box, "checked")]
    assert [attribute(box, "value") for box in checked] == [str(org["ane"].pk), str(org["bo"].pk)]


def test_meeting_create_chooses_the_body_given(client, org, staff):
    response = client.get("/en/moeder/nyt/?organ=bestyrelsen")

    assert chosen(element(main(response), "select", id="id_body")) == "Bestyrelsen"


def test_meeting_create_offers_only_bodies_that_hold_meetings(client, org, staff):
    response = client.get("/en/moeder/nyt/")

    options = elements(element(main(response), "select", id="id_body"), "option")
    assert texts(options) == ["---------", "Bestyrelsen", "Styregruppen for OS2mo"]


def test_meeting_create_saves_the_meeting(client, org, staff):
    response = client.post("/en/moeder/nyt/", meeting_post(org))

    made = Meeting.objects.get()
    assert response["Location"] == f"/en/moeder/{made.pk}/"
    assert (made.body, made.starts, made.duration, made.place, made.title, made.visibility) == (
        org["board"],
        datetime(2026, 6, 4, 16, 30, tzinfo=COPENHAGEN),
        90,
        "Aarhus",
        "",
        "internal",
    )
    assert list(made.participants.order_by("name").values_list("name", flat=True)) == ["Ane Holm", "Cecilie Dahl"]


def test_meeting_create_says_the_meeting_is_saved(client, org, staff):
    response = client.post("/moeder/nyt/", meeting_post(org), follow=True)

    assert shown_messages(response) == [("status", "Mødet er gemt.")]


def test_meeting_create_records_who_planned_it(client, org, staff):
    client.post("/en/moeder/nyt/", meeting_post(org))

    assert Entry.objects.get(action="governance.meeting").actor == staff


def test_meeting_create_requires_a_date_and_a_time(client, org, staff):
    before = counts()

    response = client.post("/en/moeder/nyt/", meeting_post(org, starts="", time=""))

    assert (field_errors(response, "starts"), field_errors(response, "time")) == (
        ["This field is required."],
        ["This field is required."],
    )
    assert counts() == before


def test_meeting_create_refuses_a_second_meeting_at_the_same_time(client, org, march, staff):
    before = counts()

    response = client.post("/en/moeder/nyt/", meeting_post(org, starts="2026-03-05", time="16:00"))

    assert field_errors(response, "starts") == ["Bestyrelsen already meets at that time."]
    assert counts() == before


def test_meeting_create_refuses_a_body_that_holds_no_meetings(client, org, staff):
    secretariat = Body.objects.get(slug="sekretariatet")

    response = client.post("/en/moeder/nyt/", meeting_post(org, body=secretariat.pk))

    assert field_errors(response, "body") == ["Choose one of the bodies listed: those whose meetings you may plan."]
    assert Meeting.objects.count() == 0


def test_meeting_edit_shows_the_meeting_as_it_is(client, march, staff):
    response = client.get(f"/en/moeder/{march.pk}/rediger/")

    document = main(response)
    values = [attribute(element(document, "input", id=f"id_{name}"), "value") for name in ("starts", "time", "place")]
    assert values == ["2026-03-05", "16:00", "Mødelokale 1"]


def test_meeting_edit_changes_the_place(client, org, march, staff):
    post = meeting_post(org, starts="2026-03-05", time="16:00", place="Online", participants=[org["ane"].pk])

    submit(client, f"/en/moeder/{march.pk}/rediger/", post)

    changed = Meeting.objects.get(pk=march.pk)
    assert (changed.place, list(changed.participants.all())) == ("Online", [org["ane"]])


# Agenda items


def test_item_create_puts_the_item_last(client, march, staff):
    response = client.post(
        f"/en/moeder/{march.pk}/punkter/nyt/", {"title": "Strategi", "description": "", "visibility": "public"}
    )

    made = AgendaItem.objects.get(title="Strategi")
    assert (made.position, response["Location"]) == (4, f"/en/moeder/{march.pk}/#item-{made.pk}")


def test_item_create_says_the_item_is_on_the_agenda(client, march, staff):
    fields = {"title": "Strategi", "description": "", "visibility": "public"}

    response = client.post(f"/moeder/{march.pk}/punkter/nyt/", fields, follow=True)

    assert shown_messages(response) == [("status", "Punktet er sat på dagsordenen.")]


def test_item_create_requires_a_title(client, march, staff):
    before = counts()

    response = client.post(
        f"/en/moeder/{march.pk}/punkter/nyt/", {"title": " ", "description": "Tekst", "visibility": "public"}
    )

    assert field_errors(response, "title") == ["This field is required."]
    assert counts() == before


def test_item_edit_changes_the_title(client, march, staff):
    budget = AgendaItem.objects.get(title="Budget 2027")

    submit(client, 
        f"/en/punkter/{budget.pk}/rediger/", {"title": "Budget 2027-2028", "description": "", "visibility": "public"}
    )

    assert AgendaItem.objects.get(pk=budget.pk).title == "Budget 2027-2028"


def test_item_edit_says_the_item_is_saved(client, march, staff):
    budget = AgendaItem.objects.get(title="Budget 2027")
    address = f"/en/punkter/{budget.pk}/rediger/"
    submitted = submit(client, address, {"title": "Budget 2027-2028", "description": "", "visibility": "public"})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "The agenda item is saved.")]


def agenda_titles(meeting):
    return list(meeting.items.order_by("position").values_list("title", flat=True))


def test_item_move_up_swaps_with_the_item_above(client, march, staff):
    last = AgendaItem.objects.get(title="Eventuelt")

    response = client.post(f"/en/punkter/{last.pk}/flyt/", {"direction": "up", "revision": revision(last)})

    assert response["Location"] == f"/en/moeder/{march.pk}/#item-{last.pk}"
    assert agenda_titles(march) == ["Godkendelse af dagsorden", "Eventuelt", "Budget 2027"]


def test_item_move_says_the_item_is_moved(client, march, staff):
    last = AgendaItem.objects.get(title="Eventuelt")

    response = client.post(f"/en/punkter/{last.pk}/flyt/", {"direction": "up", "revision": revision(last)}, follow=True)

    assert shown_messages(response) == [("status", "The item is moved.")]


def test_item_move_down_of_the_last_item_changes_nothing(client, march, staff):
    last = AgendaItem.objects.get(title="Eventuelt")

    client.post(f"/en/punkter/{last.pk}/flyt/", {"direction": "down", "revision": revision(last)})

    assert agenda_titles(march) == ["Godkendelse af dagsorden", "Budget 2027", "Eventuelt"]


def test_item_move_from_an_agenda_shown_before_the_item_changed_is_refused(client, march, staff):
    last = AgendaItem.objects.get(title="Eventuelt")
    shown = revision(last)
    services.save_agenda_item(last, title="Eventuelt og afslutning")

    response = client.post(f"/en/punkter/{last.pk}/flyt/", {"direction": "up", "revision": shown})

    assert (response.status_code, agenda_titles(march)) == (
        409,
        ["Godkendelse af dagsorden", "Budget 2027", "Eventuelt og afslutning"],
    )


def test_item_move_refuses_an_unknown_direction(client, march, staff):
    last = AgendaItem.objects.get(title="Eventuelt")

    response = client.post(f"/en/punkter/{last.pk}/flyt/", {"direction": "sideways", "revision": revision(last)})

    assert response.status_code == 400
    assert agenda_titles(march) == ["Godkendelse af dagsorden", "Budget 2027", "Eventuelt"]


def test_item_move_refuses_get(client, march, staff):
    assert client.get(f"/en/punkter/{AgendaItem.objects.first().pk}/flyt/").status_code == 405


# Case briefs


def brief_post(org, **fields):
    return {
        "status": "for_discussion",
        "purpose": "discussion",
        "author": org["bo"].pk,
        "owner": "",
        "date": "2026-02-25",
        "aim": "Formål",
        "background": "Baggrund",
        "analysis": "",
        "recommendation": "",
        "consequences": "",
        **fields,
    }


def test_brief_edit_writes_a_new_brief(client, org, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")

    response = submit(client, f"/en/punkter/{first.pk}/sagsoplaeg/", brief_post(org))

    brief = CaseBrief.objects.get(item=first)
    assert response["Location"] == f"/en/moeder/{march.pk}/#item-{first.pk}"
    assert (brief.status, brief.purpose, brief.author, brief.owner, brief.date, brief.aim, brief.background) == (
        "for_discussion",
        "discussion",
        org["bo"],
        None,
        date(2026, 2, 25),
        "Formål",
        "Baggrund",
    )


def test_brief_edit_says_the_brief_is_saved(client, org, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")
    submitted = submit(client, f"/en/punkter/{first.pk}/sagsoplaeg/", brief_post(org))

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "The case brief is saved.")]


def test_brief_edit_shows_the_brief_as_it_is(client, march, staff):
    budget = AgendaItem.objects.get(title="Budget 2027")

    response = client.get(f"/en/punkter/{budget.pk}/sagsoplaeg/")

    document = main(response)
    assert (
        chosen(element(document, "select", id="id_purpose")),
        attribute(element(document, "input", id="id_date"), "value"),
        text(element(document, "textarea", id="id_aim")),
    ) == ("decision", "2026-02-20", "Et **budget** for 2027.")


def test_brief_edit_requires_purpose_and_date_and_saves_nothing(client, org, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")
    before = counts()

    response = client.post(f"/en/punkter/{first.pk}/sagsoplaeg/", brief_post(org, purpose="", date=""))

    assert (field_errors(response, "purpose"), field_errors(response, "date")) == (
        ["This field is required."],
        ["This field is required."],
    )
    assert counts() == before


# Outcomes


def test_outcome_edit_records_a_note(client, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")

    submit(client, f"/en/punkter/{first.pk}/udfald/", {"outcome": "noted", "outcome_text": "Godkendt uden ændringer."})

    saved = AgendaItem.objects.get(pk=first.pk)
    assert (saved.outcome, saved.outcome_text) == ("noted", "Godkendt uden ændringer.")


def test_outcome_edit_says_the_decision_is_recorded(client, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")
    submitted = submit(client, f"/punkter/{first.pk}/udfald/", {"outcome": "decision", "outcome_text": "Godkendt."})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "Beslutningen er registreret.")]


def test_outcome_edit_says_what_the_item_is_recorded_as(client, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")
    submitted = submit(client, f"/punkter/{first.pk}/udfald/", {"outcome": "noted", "outcome_text": ""})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "Punktet er registreret som taget til efterretning.")]


def test_outcome_edit_refuses_a_decision_without_text(client, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")
    before = counts()

    response = submit(client, f"/en/punkter/{first.pk}/udfald/", {"outcome": "decision", "outcome_text": ""})

    assert field_errors(response, "outcome_text") == ["Write the decision as it was made."]
    assert (AgendaItem.objects.get(pk=first.pk).outcome, counts()) == ("", before)


def test_outcome_edit_keeps_a_decision_that_has_follow_ups(client, march, staff):
    budget = AgendaItem.objects.get(title="Budget 2027")

    response = submit(client, f"/en/punkter/{budget.pk}/udfald/", {"outcome": "discussed", "outcome_text": ""})

    assert field_errors(response, "outcome") == [
        "This decision has follow-ups; close or move them before changing the outcome."
    ]
    assert AgendaItem.objects.get(pk=budget.pk).outcome == "decision"


# Follow-ups


def follow_up_post(**fields):
    return {"title": "Opdater hjemmesiden", "owner_person": "", "owner_role": "", "due": "2026-05-01", **fields}


@pytest.fixture
def budget(march):
    return AgendaItem.objects.get(title="Budget 2027")


def test_follow_up_create_adds_an_action_for_a_person(client, org, budget, staff):
    response = client.post(f"/en/punkter/{budget.pk}/opfoelgning/ny/", follow_up_post(owner_person=org["bo"].pk))

    made = FollowUp.objects.get(title="Opdater hjemmesiden")
    assert response["Location"] == f"/en/moeder/{budget.meeting_id}/#item-{budget.pk}"
    assert (made.item, made.owner, made.due, made.status) == (budget, org["bo"], date(2026, 5, 1), "open")


def test_follow_up_create_says_the_follow_up_is_added(client, org, budget, staff):
    address = f"/en/punkter/{budget.pk}/opfoelgning/ny/"

    response = client.post(address, follow_up_post(owner_person=org["bo"].pk), follow=True)

    assert shown_messages(response) == [("status", "The follow-up is added.")]


def test_follow_up_create_adds_an_action_for_a_role(client, budget, staff, demo_dir):
    import_handbook([demo_dir])
    chief = RoleDescription.objects.get(slug="sekretariatschef")

    client.post(f"/en/punkter/{budget.pk}/opfoelgning/ny/", follow_up_post(owner_role=chief.pk))

    assert FollowUp.objects.get(title="Opdater hjemmesiden").owner == chief


def test_follow_up_create_refuses_a_due_date_before_the_meeting(client, org, budget, staff):
    before = counts()

    response = client.post(
        f"/en/punkter/{budget.pk}/opfoelgning/ny/", follow_up_post(owner_person=org["bo"].pk, due="2026-03-04")
    )

    assert field_errors(response, "due") == ["The due date cannot be before the meeting (March 5, 2026)."]
    assert counts() == before


def test_follow_up_create_refuses_an_action_without_owner(client, budget, staff):
    before = counts()

    response = client.post(f"/en/punkter/{budget.pk}/opfoelgning/ny/", follow_up_post())

    assert field_errors(response, "owner_person") == ["Name the owner: either a person or a role."]
    assert counts() == before


def test_follow_up_create_refuses_two_owners(client, org, budget, staff, demo_dir):
    import_handbook([demo_dir])
    chief = RoleDescription.objects.get(slug="sekretariatschef")
    before = counts()

    response = client.post(
        f"/en/punkter/{budget.pk}/opfoelgning/ny/", follow_up_post(owner_person=org["bo"].pk, owner_role=chief.pk)
    )

    assert field_errors(response, "owner_person") == ["Name the owner: either a person or a role."]
    assert counts() == before


def test_follow_up_create_refuses_an_item_that_is_no_decision(client, org, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")

    response = client.post(f"/en/punkter/{first.pk}/opfoelgning/ny/", follow_up_post(owner_person=org["bo"].pk))

    errors = element(main(response), "div", class_="org-form-errors")
    assert texts(elements(errors, "li")) == ["Only a decision can have follow-ups. Record the decision first."]
    assert FollowUp.objects.filter(item=first).count() == 0


@pytest.fixture
def send_budget(budget):
    return budget.follow_ups.get()


def test_follow_up_page_shows_decision_owner_due_and_status(client, send_budget):
    response = client.get(f"/en/opfoelgning/{send_budget.pk}/")

    document = main(response)
    assert text(element(document, "h1")) == "Send budgettet til medlemmerne"
    assert texts(elements(element(document, "dl"), "dd")) == [
        "Bestyrelsen March 5, 2026",
        "Budget 2027",
        "Budgettet godkendes .",
        "Ane Holm",
        "April 1, 2026",
        "Open Overdue",
    ]


def test_follow_up_page_shows_the_decision_as_stored_when_it_was_written(client, send_budget):
    AgendaItem.objects.filter(pk=send_budget.item_id).update(outcome_html="<p>Gemt udfald</p>")

    response = client.get(f"/en/opfoelgning/{send_budget.pk}/")

    assert text(element(main(response), "dd", class_="meeting-text")) == "Gemt udfald"


def test_follow_up_page_lists_the_meetings_that_carry_it(client, later, send_budget):
    response = client.get(f"/en/opfoelgning/{send_budget.pk}/")

    carried = elements(element(main(response), "ul", class_="follow-up-carried"), "a")
    assert [(text(a), attribute(a, "href")) for a in carried] == [
        ("Bestyrelsen April 9, 2099", f"/en/moeder/{later.pk}/#follow-up")
    ]


def test_follow_up_page_lists_no_meeting_after_it_was_closed(client, later, send_budget):
    services.change_follow_up(send_budget, status="done", on=date(2026, 4, 1))

    response = client.get(f"/en/opfoelgning/{send_budget.pk}/")

    assert elements(main(response), "ul", class_="follow-up-carried") == []


def test_follow_up_page_has_no_status_form_for_the_public(client, send_budget):
    response = client.get(f"/en/opfoelgning/{send_budget.pk}/")

    assert elements(main(response), "form") == []


def test_follow_up_status_closes_it_on_the_day_given(client, send_budget, staff):
    response = submit(client, f"/en/opfoelgning/{send_budget.pk}/", {"status": "done", "on": "2026-03-20"})

    assert response["Location"] == f"/en/opfoelgning/{send_budget.pk}/"
    assert FollowUp.objects.filter(pk=send_budget.pk).values_list("status", "closed_on").get() == (
        "done",
        date(2026, 3, 20),
    )


def test_follow_up_status_says_the_follow_up_is_saved(client, send_budget, staff):
    submitted = submit(client, f"/en/opfoelgning/{send_budget.pk}/", {"status": "done", "on": "2026-03-20"})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "The follow-up is saved.")]


def test_follow_up_status_refuses_an_unknown_status(client, send_budget, staff):
    response = client.post(f"/en/opfoelgning/{send_budget.pk}/", {"status": "forgotten", "on": ""})

    assert field_errors(response, "status") == [
        "Select a valid choice. forgotten is not one of the available choices."
    ]
    assert FollowUp.objects.get(pk=send_budget.pk).status == "open"


def test_follow_up_status_by_the_public_leads_to_login_and_changes_nothing(client, send_budget):
    response = client.post(f"/en/opfoelgning/{send_budget.pk}/", {"status": "done", "on": ""})

    assert response["Location"] == f"/en/konto/login/?next=/en/opfoelgning/{send_budget.pk}/"
    assert FollowUp.objects.get(pk=send_budget.pk).status == "open"


def test_follow_up_status_by_a_non_staff_user_is_forbidden(client, send_budget):
    client.force_login(User.objects.create_user("reader"))

    response = client.post(f"/en/opfoelgning/{send_budget.pk}/", {"status": "done", "on": ""})

    assert (response.status_code, FollowUp.objects.get(pk=send_budget.pk).status) == (403, "open")


# Who may use the edit pages


def edit_pages(march):
    budget = AgendaItem.objects.get(title="Budget 2027")
    return [
        "/en/moeder/nyt/",
        f"/en/moeder/{march.pk}/rediger/",
        f"/en/moeder/{march.pk}/punkter/nyt/",
        f"/en/punkter/{budget.pk}/rediger/",
        f"/en/punkter/{budget.pk}/sagsoplaeg/",
        f"/en/punkter/{budget.pk}/udfald/",
        f"/en/punkter/{budget.pk}/opfoelgning/ny/",
    ]


def test_edit_pages_send_the_public_to_log_in(client, march):
    found = {address: client.get(address)["Location"] for address in edit_pages(march)}

    assert found == {address: f"/en/konto/login/?next={address}" for address in edit_pages(march)}


def test_edit_pages_are_forbidden_to_non_staff_users(client, march):
    client.force_login(User.objects.create_user("reader"))

    found = {address: client.get(address).status_code for address in edit_pages(march)}

    assert found == {address: 403 for address in edit_pages(march)}


def test_item_move_is_forbidden_to_non_staff_users(client, march):
    client.force_login(User.objects.create_user("reader"))
    last = AgendaItem.objects.get(title="Eventuelt")

    response = client.post(f"/en/punkter/{last.pk}/flyt/", {"direction": "up"})

    assert response.status_code == 403
    assert agenda_titles(march) == ["Godkendelse af dagsorden", "Budget 2027", "Eventuelt"]


# Queries do not grow with the list


def _queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def _meetings(body, count, first=0):
    for number in range(first, first + count):
        made = services.save_meeting(body=body, starts=at("2026-01-01 10:00") + timedelta(days=number))
        services.add_agenda_item(made, title=f"Punkt {number}")
        services.write_minutes(made, text="Referat")


def test_meetings_list_queries_do_not_grow_with_meetings(client, org):
    _meetings(org["board"], 1)
    one = _queries(client, "/en/moeder/")
    _meetings(org["board"], 49, first=1)

    assert Meeting.objects.count() == 50
    assert _queries(client, "/en/moeder/") == one


def _items(meeting, person, count, first=0):
    for number in range(first, first + count):
        made = decision(meeting, f"Punkt {number}", f"Beslutning {number}")
        services.save_case_brief(
            made, purpose="decision", date=date(2026, 2, 1), author=person, owner=person, aim="Formål"
        )
        services.add_follow_up(made, title=f"Handling {number}", due=date(2026, 6, 1), owner_person=person)


@pytest.fixture
def busy_meeting(org):
    """A meeting with a carried follow-up and minutes answered once; the items are added by the tests."""
    earlier = meeting(org["board"], "2026-01-08 16:00")
    earlier_decision = decision(earlier, "Tidligere", "Noget besluttes.")
    services.add_follow_up(earlier_decision, title="Gammel handling", due=date(2026, 6, 1), owner_person=org["ane"])
    made = meeting(org["board"], "2026-03-05 16:00", participants=[org["ane"], org["bo"]])
    minutes = services.send_minutes(services.write_minutes(made, text="Referat"))
    services.answer_minutes(minutes, person=org["ane"], answer="approved")
    return made


def test_meeting_page_queries_do_not_grow_with_agenda_items(client, org, busy_meeting):
    _items(busy_meeting, org["bo"], 1)
    one = _queries(client, f"/en/moeder/{busy_meeting.pk}/")
    _items(busy_meeting, org["bo"], 49, first=1)

    assert busy_meeting.items.count() == 50
    assert _queries(client, f"/en/moeder/{busy_meeting.pk}/") == one


def test_meeting_page_queries_for_staff_do_not_grow_with_agenda_items(client, org, busy_meeting, staff):
    _items(busy_meeting, org["bo"], 1)
    one = _queries(client, f"/en/moeder/{busy_meeting.pk}/")
    _items(busy_meeting, org["bo"], 49, first=1)

    assert _queries(client, f"/en/moeder/{busy_meeting.pk}/") == one


# What each viewer may read

CONFLICT = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)


@pytest.fixture
def levels(org):
    """A meeting of the board at each visibility (Bestyrelsen, 1, 2 and 3 June 2026), an item each."""
    made = {}
    for day, visibility in enumerate(["public", "members", "internal"], start=1):
        made[visibility] = meeting(org["board"], f"2026-06-0{day} 16:00", visibility=visibility)
        services.add_agenda_item(made[visibility], title=f"Punkt for {visibility}")
    return made


def listed(response):
    return [row[1] for row in rows(element(main(response), "table", class_="meeting-list"))[1:]]


def test_meetings_list_for_the_public_has_only_public_meetings(client, levels):
    assert listed(client.get("/en/moeder/?tid=tidligere")) == ["Bestyrelsen June 1, 2026"]


def test_meetings_list_for_a_member_has_public_and_members_meetings(client, levels, member):
    assert listed(client.get("/en/moeder/?tid=tidligere")) == ["Bestyrelsen June 2, 2026", "Bestyrelsen June 1, 2026"]


def test_meetings_list_for_the_board_has_every_meeting(client, levels, board_member):
    assert listed(client.get("/en/moeder/?tid=tidligere")) == [
        "Bestyrelsen June 3, 2026",
        "Bestyrelsen June 2, 2026",
        "Bestyrelsen June 1, 2026",
    ]


def test_meetings_list_counts_only_the_items_the_viewer_may_read(client, levels):
    services.add_agenda_item(levels["public"], title="Personalesag", visibility="internal")

    table = element(main(client.get("/en/moeder/?tid=tidligere")), "table", class_="meeting-list")

    assert rows(table)[1][4] == "1"


def test_meeting_page_of_an_internal_meeting_is_not_found_by_the_public(client, levels):
    assert client.get(f"/en/moeder/{levels['internal'].pk}/").status_code == 404


def test_meeting_page_of_an_internal_meeting_is_not_found_by_a_member(client, levels, member):
    assert client.get(f"/en/moeder/{levels['internal'].pk}/").status_code == 404


def test_meeting_page_lists_only_the_items_the_viewer_may_read(client, levels):
    services.add_agenda_item(levels["public"], title="Personalesag", visibility="internal")
    services.add_agenda_item(levels["public"], title="Medlemssag", visibility="members")

    headings = elements(element(main(client.get(f"/en/moeder/{levels['public'].pk}/")), "ol", class_="meeting-agenda"), "h3")

    assert texts(headings) == ["1. Punkt for public"]


def test_meeting_page_shows_a_signed_in_viewer_the_visibility_of_the_meeting_and_its_items(client, levels, member):
    document = main(client.get(f"/en/moeder/{levels['members'].pk}/"))

    assert (
        text(element(document, "p", class_="meeting-visibility")),
        texts(elements(document, "p", class_="item-visibility")),
    ) == ("Visibility: Members", ["Visibility: Members"])


def test_meeting_page_shows_the_public_no_visibility(client, levels):
    document = main(client.get(f"/en/moeder/{levels['public'].pk}/"))

    assert elements(document, "p", class_="meeting-visibility") + elements(document, "p", class_="item-visibility") == []


def test_meeting_page_does_not_carry_a_follow_up_the_viewer_may_not_read(client, org, march, later):
    services.save_agenda_item(AgendaItem.objects.get(title="Budget 2027"), title="Budget 2027", visibility="internal")

    follow_up = element(main(client.get(f"/en/moeder/{later.pk}/")), "section", id="follow-up")

    assert text(element(follow_up, "p")) == "No follow-ups from earlier meetings are open."


def test_follow_up_of_an_internal_decision_is_not_found_by_the_public(client, send_budget):
    services.save_agenda_item(send_budget.item, title="Budget 2027", visibility="internal")

    assert client.get(f"/en/opfoelgning/{send_budget.pk}/").status_code == 404


def test_follow_up_of_a_public_decision_at_an_internal_meeting_neither_links_nor_names_the_meeting(
    client, send_budget
):
    Meeting.objects.filter(pk=send_budget.item.meeting_id).update(visibility="internal")

    facts = element(main(client.get(f"/en/opfoelgning/{send_budget.pk}/")), "dl")

    assert (texts(elements(facts, "dd"))[:2], elements(facts, "a")) == (
        ["(not shown)", "Budget 2027"],
        [element(facts, "a", href="/en/organisation/personer/ane-holm/")],
    )


def test_item_create_offers_the_meetings_visibility(client, levels, staff):
    response = client.get(f"/en/moeder/{levels['members'].pk}/punkter/nyt/")

    assert chosen(element(main(response), "select", id="id_visibility")) == "Members"


def test_item_create_saves_the_visibility_chosen(client, levels, staff):
    client.post(
        f"/en/moeder/{levels['members'].pk}/punkter/nyt/", {"title": "Åbent punkt", "description": "", "visibility": "public"}
    )

    assert AgendaItem.objects.get(title="Åbent punkt").visibility == "public"


# Two saves from the same form: the second is refused


def opened_form(client, address):
    """What an edit form posts back unchanged, as opened now (with its revision)."""
    form = client.get(address).context["form"]
    posted = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        posted[name] = [str(one) for one in value] if isinstance(value, list) else value
    return posted


def refusal(response):
    return texts(elements(element(main(response), "div", class_="org-form-errors"), "li"))


# The edit page of each form, the field each save changes, and that field as stored.
STALE_SAVES = {
    "meeting": (
        lambda budget: f"/en/moeder/{budget.meeting_id}/rediger/",
        "place",
        lambda budget: Meeting.objects.get(pk=budget.meeting_id).place,
    ),
    "agenda item": (
        lambda budget: f"/en/punkter/{budget.pk}/rediger/",
        "title",
        lambda budget: AgendaItem.objects.get(pk=budget.pk).title,
    ),
    "case brief": (
        lambda budget: f"/en/punkter/{budget.pk}/sagsoplaeg/",
        "aim",
        lambda budget: CaseBrief.objects.get(item=budget).aim,
    ),
}


@pytest.mark.parametrize("form", STALE_SAVES)
def test_edit_refuses_the_second_of_two_saves_from_the_same_form(client, budget, staff, form):
    page, field, stored = STALE_SAVES[form]
    opened = opened_form(client, page(budget))
    client.post(page(budget), {**opened, field: "Første ændring"})
    before = counts()

    response = client.post(page(budget), {**opened, field: "Anden ændring"})

    assert refusal(response) == [CONFLICT]
    assert (stored(budget), counts()) == ("Første ændring", before)


def test_brief_edit_refuses_a_brief_written_since_the_form_was_opened(client, org, march, staff):
    first = AgendaItem.objects.get(title="Godkendelse af dagsorden")
    address = f"/en/punkter/{first.pk}/sagsoplaeg/"
    opened = opened_form(client, address)
    submit(client, address, brief_post(org))
    before = counts()

    response = client.post(address, {**brief_post(org, aim="Et andet formål."), "revision": opened["revision"]})

    assert refusal(response) == [CONFLICT]
    assert (CaseBrief.objects.get(item=first).aim, counts()) == ("Formål", before)


# A coordinator plans and changes the meetings of their own community


@pytest.fixture
def steering_b(communities):
    return meeting(communities["steering B"], "2026-03-10 10:00", visibility="internal")


def community_meeting(body):
    return {"body": body.pk, "starts": "2026-06-04", "time": "16:30", "duration": "90", "visibility": "internal"}


def test_meeting_create_by_a_coordinator_offers_only_their_community(client, communities, coordinator):
    options = elements(element(main(client.get("/en/moeder/nyt/")), "select", id="id_body"), "option")

    assert texts(options) == ["---------", "Styregruppen for A"]


def test_meeting_create_by_a_coordinator_in_their_community(client, communities, coordinator):
    response = client.post("/en/moeder/nyt/", community_meeting(communities["steering A"]))

    made = Meeting.objects.get()
    assert (response.status_code, response["Location"], made.body) == (
        302,
        f"/en/moeder/{made.pk}/",
        communities["steering A"],
    )


def test_meeting_create_by_a_coordinator_refuses_another_communitys_body(client, communities, coordinator):
    before = counts()

    response = client.post("/en/moeder/nyt/", community_meeting(communities["steering B"]))

    assert field_errors(response, "body") == ["Choose one of the bodies listed: those whose meetings you may plan."]
    assert counts() == before


def test_meeting_edit_by_a_coordinator_of_another_community_is_forbidden(client, steering_b, coordinator):
    assert client.get(f"/en/moeder/{steering_b.pk}/rediger/").status_code == 403


def test_meeting_page_shows_a_coordinator_the_controls_of_their_own_community(client, communities, coordinator):
    own = meeting(communities["steering A"], "2026-03-10 10:00", visibility="internal")

    actions = elements(element(main(client.get(f"/en/moeder/{own.pk}/")), "ul", class_="meeting-actions"), "a")

    assert texts(actions) == ["Edit meeting", "Add an agenda item", "Cancel the meeting"]


def test_meeting_page_shows_a_coordinator_no_controls_of_another_community(client, communities, coordinator):
    other = meeting(communities["steering B"], "2026-03-10 10:00", visibility="members")

    document = main(client.get(f"/en/moeder/{other.pk}/"))

    assert elements(document, "ul", class_="org-actions") == []


def test_meetings_list_for_a_coordinator_has_their_communitys_internal_meetings(client, communities, steering_b, coordinator):
    meeting(communities["steering A"], "2026-03-11 10:00", visibility="internal")

    assert listed(client.get("/en/moeder/?tid=tidligere")) == ["Styregruppen for A March 11, 2026"]


def test_meetings_list_queries_for_a_coordinator_do_not_grow_with_meetings(client, communities, coordinator):
    _meetings(communities["steering A"], 1)
    one = _queries(client, "/en/moeder/")
    _meetings(communities["steering A"], 49, first=1)

    assert (Meeting.objects.count(), _queries(client, "/en/moeder/")) == (50, one)


def test_a_meeting_longer_than_a_week_is_refused_on_its_field(client, staff):
    body = save_body(name="Bestyrelsen", kind="board")
    response = client.post(
        "/en/moeder/nyt/",
        {"body": body.pk, "starts_0": "2026-06-01", "starts_1": "17:00", "duration": "10081", "visibility": "internal"},
    )

    assert (response.context["form"].errors.get("duration"), Meeting.objects.count()) == (
        ["Ensure this value is less than or equal to 10080."],
        0,
    )


def test_the_database_refuses_a_meeting_longer_than_a_week(db):
    body = save_body(name="Bestyrelsen", kind="board")
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(body=body, starts=at("2026-06-01 17:00"), duration=10081)


def sixty_board_meetings(org, first):
    """60 board meetings at 16:00, one a day from `first`."""
    for number in range(60):
        meeting(org["board"], f"{first + timedelta(days=number)} 16:00")


@pytest.fixture
def sixty_past(org):
    sixty_board_meetings(org, date(2025, 1, 1))


def test_meetings_list_shows_fifty_past_meetings_a_page(client, sixty_past):
    (past,) = elements(main(client.get("/en/moeder/?tid=tidligere")), "table", class_="meeting-list")

    assert len(rows(past)) == 1 + 50


def test_meetings_list_shows_the_earliest_past_meetings_on_the_last_page(client, sixty_past):
    (past,) = elements(main(client.get("/en/moeder/?tid=tidligere&side=2")), "table", class_="meeting-list")

    assert [row[1] for row in rows(past)[1:]] == [f"Bestyrelsen Jan. {day}, 2025" for day in range(10, 0, -1)]


def test_meetings_list_page_links_keep_the_filters(client, sixty_past):
    pages = element(main(client.get("/en/moeder/?organ=bestyrelsen")), "nav", class_="pagination")

    assert attribute(element(pages, "a"), "href") == "?organ=bestyrelsen&side=2"


@pytest.fixture
def sixty_upcoming(org):
    sixty_board_meetings(org, date(2099, 1, 1))


def test_meetings_list_shows_the_next_ten_upcoming_meetings_beside_the_past(client, sixty_upcoming):
    (upcoming,) = elements(main(client.get("/en/moeder/")), "table", class_="meeting-list")

    assert [row[1] for row in rows(upcoming)[1:]] == [f"Bestyrelsen Jan. {day}, 2099" for day in range(1, 11)]


def test_meetings_list_links_to_all_the_upcoming_meetings(client, sixty_upcoming):
    more = element(element(main(client.get("/en/moeder/?organ=bestyrelsen")), "p", class_="meeting-more"), "a")

    assert (text(more), attribute(more, "href")) == (
        "Show all 60 upcoming meetings",
        "?organ=bestyrelsen&tid=kommende",
    )


def test_meetings_list_of_upcoming_meetings_shows_fifty_a_page(client, sixty_upcoming):
    (upcoming,) = elements(main(client.get("/en/moeder/?tid=kommende")), "table", class_="meeting-list")

    assert len(rows(upcoming)) == 1 + 50


def test_meetings_list_of_upcoming_meetings_shows_the_latest_on_the_last_page(client, sixty_upcoming):
    (upcoming,) = elements(main(client.get("/en/moeder/?tid=kommende&side=2")), "table", class_="meeting-list")

    assert [row[1] for row in rows(upcoming)[1:]] == [
        *(f"Bestyrelsen Feb. {day}, 2099" for day in range(20, 29)),
        "Bestyrelsen March 1, 2099",
    ]


def test_meetings_list_with_few_upcoming_meetings_links_to_no_more(client, later):
    assert elements(main(client.get("/en/moeder/")), "p", class_="meeting-more") == []
