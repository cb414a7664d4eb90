"""My overview: the start page after log-in, about the person who logged in."""

from datetime import date

import pytest

from os2org.access.groups import BOARD, COORDINATOR, MEMBER_CONTACT, SECRETARIAT
from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.governance.models import Meeting
from os2org.organisation.services import assign_role, save_person
from tests.accounts import PASSWORD, make_user
from tests.dom import attribute, element, elements, parse, text, texts
from tests.governance.builders import board, decision, meeting
from tests.governance.cycle_data import make_activity, make_role
from tests.overview.world import build, sign_in

pytestmark = pytest.mark.django_db

OVERVIEW = "/en/mit-overblik/"


@pytest.fixture
def world(monkeypatch):
    return build(monkeypatch)


@pytest.fixture
def ane(client, world):
    """Ane Holm, a board member, signed in."""
    return sign_in(client, "ane", BOARD, person=world["ane"])


def main(response):
    return element(parse(response), "main")


def part(response, name):
    return element(main(response), "section", aria_labelledby=name)


def items(response, name):
    return texts(elements(element(part(response, name), "ul"), "li"))


def links(node):
    return [(text(link), attribute(link, "href")) for link in elements(node, "a")]


def test_overview_counts_each_part(client, ane):
    summary = element(main(client.get(OVERVIEW)), "ul", class_="overview-summary")

    assert texts(elements(summary, "li")) == [
        "Minutes waiting for your answer 1",
        "Your follow-ups 2",
        "Your next meetings and activities 2",
        "Your assignments and hours 2",
        "Role descriptions to review 2",
    ]


def test_overview_heads_each_part_with_its_count(client, ane):
    headings = texts(elements(main(client.get(OVERVIEW)), "h2"))

    assert headings == [
        "Minutes waiting for your answer (1)",
        "Your follow-ups (2)",
        "Your next meetings and activities (2)",
        "Your assignments and hours (2)",
        "Role descriptions to review (2)",
    ]


def test_overview_links_the_minutes_waiting_to_their_answer_page(client, world, ane):
    (minutes,) = elements(part(client.get(OVERVIEW), "minutes"), "li")

    assert links(minutes) == [
        ("Answer the minutes of Bestyrelsen, March 5, 2026", f"/en/moeder/{world['march'].pk}/referat/svar/"),
        ("The meeting", f"/en/moeder/{world['march'].pk}/"),
    ]


def test_overview_leaves_out_minutes_once_answered(client, world, ane):
    services.answer_minutes(world["minutes"], person=world["ane"], answer="approved")

    found = part(client.get(OVERVIEW), "minutes")

    assert text(found) == "Minutes waiting for your answer (0) No minutes wait for your answer."


def test_overview_says_in_words_which_follow_ups_are_overdue(client, ane):
    assert items(client.get(OVERVIEW), "follow-ups") == [
        "Budgettet sendes ud · Due April 1, 2026 Overdue · Open · Decided at Bestyrelsen March 5, 2026",
        "Aftalen underskrives · Due May 20, 2026 · Open · through your role Sekretariatschef"
        " · Decided at Bestyrelsen March 5, 2026",
    ]


def test_overview_counts_the_overdue_follow_ups(client, ane):
    paragraphs = elements(part(client.get(OVERVIEW), "follow-ups"), "p")

    assert texts(paragraphs) == ["1 of them is overdue."]


def test_overview_links_each_follow_up_to_its_page(client, world, ane):
    found = [links(item)[0] for item in elements(part(client.get(OVERVIEW), "follow-ups"), "li")]

    assert found == [
        ("Budgettet sendes ud", f"/en/opfoelgning/{world['late'].pk}/"),
        ("Aftalen underskrives", f"/en/opfoelgning/{world['signed'].pk}/"),
    ]


def test_overview_lists_the_next_meetings_and_activities_in_order(client, ane):
    assert items(client.get(OVERVIEW), "ahead") == [
        "Tuesday May 12, 2026 Meeting Koordinatormøde · Sekretariatet",
        "Tuesday May 19, 2026 Meeting Bestyrelsen May 19, 2026 at 4 p.m. · Bestyrelsen",
    ]


def test_overview_looks_four_weeks_ahead(client, world, ane):
    make_activity("Bestyrelsesseminar", body=world["board"], starts=date(2026, 6, 5))

    explain = element(part(client.get(OVERVIEW), "ahead"), "p", class_="explain")

    assert text(explain) == (
        "The meetings you take part in, and the annual cycle of your roles and bodies, until June 4, 2026."
    )


def test_overview_sets_the_hours_against_the_contract(client, ane):
    summary = element(part(client.get(OVERVIEW), "hours"), "p", class_="workload-summary")

    assert text(summary) == "In total 39 of 37 contract hours a week: 105 % Over the contract by 2 hours a week."


def test_overview_lists_the_assignments_with_their_hours(client, world, ane):
    assert items(client.get(OVERVIEW), "hours") == [
        "Sekretariatet – Sekretariatschef (member): 37 hours a week, 100 % of a full year"
        " · Its tasks against its hours",
        "Bestyrelsen (member): 2 hours a week, 5 % of a full year",
    ]


def test_overview_links_everyone_to_the_capacity_page_of_their_own_assignment(client, world):
    sign_in(client, "ane", COORDINATOR, person=world["ane"])

    hours = part(client.get(OVERVIEW), "hours")

    held = world["ane"].assignments.get(role__name="Sekretariatschef")
    assert [address for _name, address in links(hours)] == [
        "/en/organisation/organer/sekretariatet/",
        "/en/roller/sekretariatschef/",
        f"/en/organisation/tildelinger/{held.pk}/",
        "/en/organisation/organer/bestyrelsen/",
    ]


def test_overview_lists_the_reviews_of_the_roles_held_and_reported_to(client, ane):
    assert items(client.get(OVERVIEW), "reviews") == [
        "Kommunikationsmedarbejder · Bo Lund · Never reviewed",
        "Sekretariatschef · your own · Due May 20, 2026",
    ]


def test_overview_says_what_an_empty_part_means(client, world):
    nobody = save_person(name="Cecilie Dahl")
    sign_in(client, "cecilie", BOARD, person=nobody)

    empty = elements(main(client.get(OVERVIEW)), "p", class_="overview-empty")

    assert texts(empty) == [
        "No minutes wait for your answer.",
        "No follow-ups wait for you.",
        "Nothing of yours is planned in the next four weeks.",
        "You hold no assignment today.",
        "None of the role descriptions you agree falls due in the next four weeks.",
    ]


def test_overview_in_danish_writes_dates_and_overdue_in_words(client, ane):
    response = client.get("/mit-overblik/")

    assert items(response, "follow-ups")[0] == (
        "Budgettet sendes ud · Frist 1. april 2026 Overskredet · Åben · Besluttet på Bestyrelsen 5. marts 2026"
    )


def test_overview_of_a_log_in_without_a_person_says_whom_to_ask(client, world):
    sign_in(client, "gaest", BOARD)

    assert texts(elements(main(client.get("/mit-overblik/")), "p")) == [
        "Dit login er ikke knyttet til en person i organisationen, så her er intet af dit at vise.",
        "Bed sekretariatet om at knytte dit login til dig som person i organisationen. Så viser siden de referater, "
        "der venter på dit svar, dine opfølgninger, dine næste møder, dine timer og de funktionsbeskrivelser, "
        "du reviderer.",
    ]


def test_overview_tells_the_secretariat_without_a_person_how_to_tie_a_log_in(client, world):
    sign_in(client, "staff", SECRETARIAT)

    nobody = element(main(client.get(OVERVIEW)), "div", class_="overview-nobody")

    assert text(element(nobody, "code")) == "os2org access user USERNAME --person ADDRESS"


def test_overview_shows_the_secretariat_what_the_coverage_report_finds(client, world):
    sign_in(client, "staff", SECRETARIAT, person=world["ane"])

    assert items(client.get(OVERVIEW), "coverage") == ["People over 100 % 1", "Never reviewed 1"]


def test_overview_links_each_coverage_finding_to_its_section(client, world):
    sign_in(client, "staff", SECRETARIAT, person=world["ane"])

    assert links(element(part(client.get(OVERVIEW), "coverage"), "ul")) == [
        ("People over 100 %", "/en/organisation/daekning/#over_allocated_people"),
        ("Never reviewed", "/en/organisation/daekning/#never_reviewed"),
    ]


def test_overview_shows_the_board_no_coverage(client, ane):
    assert elements(main(client.get(OVERVIEW)), "section", aria_labelledby="coverage") == []


def test_overview_is_kept_for_each_person_on_their_own(client, world, ane):
    client.get(OVERVIEW)
    sign_in(client, "bo", BOARD, person=world["bo"])

    explain = elements(main(client.get(OVERVIEW)), "p", class_="explain")[0]

    assert text(explain) == "What waits for you, Bo Lund, today, May 7, 2026."


def test_overview_shows_a_member_contact_no_minutes_of_a_meeting_they_may_not_read(client, world):
    secret = meeting(board("Fortroligt udvalg"), "2026-03-10 16:00", participants=[world["ane"]])
    Meeting.objects.filter(pk=secret.pk).update(visibility=Visibility.INTERNAL)
    services.send_minutes(services.write_minutes(secret, text="Fortroligt."), notify=False)
    sign_in(client, "ane", MEMBER_CONTACT, person=world["ane"])

    assert [name for name, _address in links(part(client.get(OVERVIEW), "minutes"))] == [
        "Answer the minutes of Bestyrelsen, March 5, 2026",
        "The meeting",
    ]


def test_overview_shows_at_most_twenty_follow_ups_and_says_how_many_there_are(client, world, ane):
    for number in range(20):
        services.add_follow_up(
            world["march"].items.get(), title=f"Opgave {number:02}", due=date(2026, 6, 1), owner_person=world["ane"]
        )

    found = part(client.get(OVERVIEW), "follow-ups")

    assert (len(elements(element(found, "ul"), "li")), text(element(found, "p", class_="overview-more"))) == (
        20,
        "The first 20 of 22.",
    )


def test_overview_asks_the_public_to_log_in(client, world):
    response = client.get(OVERVIEW)

    assert (response.status_code, response["Location"]) == (302, "/en/konto/login/?next=/en/mit-overblik/")


def test_header_links_the_overview_for_those_signed_in(client, ane):
    navigation = element(parse(client.get("/en/roller/")), "nav", class_="site-links")

    assert links(navigation)[0] == ("My overview", "/en/mit-overblik/")


def test_header_has_no_overview_for_the_public(client, world):
    navigation = element(parse(client.get("/en/roller/")), "nav", class_="site-links")

    assert "/en/mit-overblik/" not in [address for _name, address in links(navigation)]


def test_log_in_leads_to_the_overview(client, world):
    make_user("ane", BOARD, person=world["ane"])

    response = client.post("/konto/login/", {"username": "ane", "password": PASSWORD})

    assert response["Location"] == "/mit-overblik/"


def test_log_in_in_english_leads_to_the_english_overview(client, world):
    make_user("ane", BOARD, person=world["ane"])

    response = client.post("/en/konto/login/", {"username": "ane", "password": PASSWORD})

    assert response["Location"] == "/en/mit-overblik/"


def test_log_in_follows_a_safe_next(client, world):
    make_user("ane", BOARD, person=world["ane"])

    response = client.post("/konto/login/", {"username": "ane", "password": PASSWORD, "next": "/moeder/"})

    assert response["Location"] == "/moeder/"


def test_log_in_ignores_a_next_to_another_site(client, world):
    make_user("ane", BOARD, person=world["ane"])

    response = client.post("/konto/login/", {"username": "ane", "password": PASSWORD, "next": "https://example.com/"})

    assert response["Location"] == "/mit-overblik/"


def crowd(world, size):
    """`size` more of all the overview lists for Ane: minutes, follow-ups, meetings, activities, hours, reviews."""
    ane = world["ane"]
    for number in range(size):
        body = board(f"Udvalg {number:02}")
        held = meeting(body, "2026-03-06 16:00", participants=[ane])
        item = decision(held, "Beslutning", "Vedtaget.")
        services.add_follow_up(item, title=f"Opgave {number:02}", due=date(2026, 5, 1), owner_person=ane)
        services.send_minutes(services.write_minutes(held, text="Referatet."), notify=False)
        meeting(body, "2026-05-20 10:00", participants=[ane])
        make_activity(f"Aktivitet {number:02}", body=body, starts=date(2026, 5, 21))
        person = save_person(name=f"Person {number:02}")
        role = make_role(f"Rolle {number:02}")
        assign_role(ane, body=body, starts=date(2026, 1, 1), hours_per_week=1)
        assign_role(person, body=body, role=role, starts=date(2026, 1, 1), hours_per_week=1, reports_to=ane)


@pytest.mark.parametrize("size", [1, 30])
def test_overview_queries_do_not_grow_with_what_waits(client, world, ane, django_assert_num_queries, size):
    crowd(world, size)

    # The session, its user, the viewer's groups and account; the data's
    # version; the person; the minutes and their count; the follow-ups'
    # counts and rows, and those of each source of follow-ups kept elsewhere
    # (a review's deviations); the activities and the meetings ahead; the
    # assignments; the reviews; the overdue onboarding tasks' rows and count; the menu rows; the site's settings.
    with django_assert_num_queries(20):
        response = client.get(OVERVIEW)

    assert text(element(main(response), "h2", id="minutes")) == f"Minutes waiting for your answer ({1 + size})"


def test_overview_served_again_reads_only_the_session_its_user_and_the_version(
    client, ane, django_assert_num_queries
):
    client.get(OVERVIEW)

    with django_assert_num_queries(3):
        client.get(OVERVIEW)


def test_log_in_form_without_a_page_asked_for_leaves_the_way_on_to_the_settings(client, world):
    form = element(main(client.get("/konto/login/")), "form")

    assert [attribute(field, "name") for field in elements(form, "input", type="hidden")] == ["csrfmiddlewaretoken"]


def test_overview_writes_one_hour_in_the_singular_in_danish(client, world, ane):
    world["ane"].assignments.filter(body=world["board"]).update(hours_per_week=1)

    hours = part(client.get("/mit-overblik/"), "hours")

    assert (text(element(hours, "strong", class_="workload-over")), texts(elements(hours, "li"))[1]) == (
        "1 time om ugen over kontrakten.",
        "Bestyrelsen (medlem): 1 time om ugen, 3 % af et årsværk",
    )
