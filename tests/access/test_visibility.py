"""What each viewer sees on the pages they may open: "nothing else, including
through search, feeds, exports and the API".

The world (world.py): A's meeting and agenda item are internal, B's meeting
is internal and its item public; A has a public, a members' and an internal
activity; the handbook has a page of each visibility.
"""

import pytest
from django.utils.html import strip_tags
from icalendar import Calendar

from os2org.access.groups import BOARD, COORDINATOR, MEMBER_CONTACT
from os2org.common.visibility import Visibility
from tests.access.world import PDF, PUBLIC, url
from tests.dom import menu, parse

pytestmark = pytest.mark.django_db


def get(client, world, viewer, path, **query):
    world.sign_in(client, viewer)
    return client.get(path, query)


def titles(found):
    return sorted(item.title for item in found)


def found(response):
    """{kind: [titles]} of a search's results."""
    return {group.key: [strip_tags(result.title) for result in group.results] for group in response.context["groups"]}


def test_public_search_finds_only_public_pages(client, world):
    response = get(client, world, PUBLIC, url("search:results", world), q="vejledning")

    assert found(response) == {"sider": ["Velkommen"]}


def test_board_search_finds_pages_of_every_visibility(client, world):
    response = get(client, world, BOARD, url("search:results", world), q="vejledning")

    # Each has the word once in its text: which ranks first is the database's, so compared sorted.
    assert sorted(found(response)["sider"]) == ["For medlemmer", "Intern huskeliste", "Velkommen"]


def test_public_search_finds_only_the_public_decision_and_its_follow_up(client, world):
    response = get(client, world, PUBLIC, url("search:results", world), q="budget")

    assert found(response) == {"beslutninger": ["Budget for B"], "opfoelgning": ["Budgettet for B sendes ud"]}


def test_public_search_links_a_decision_of_a_meeting_it_may_not_open_to_the_register(client, world):
    response = get(client, world, PUBLIC, url("search:results", world), q="budget")

    (decisions,) = [group for group in response.context["groups"] if group.key == "beslutninger"]
    assert [result.url for result in decisions.results] == ["/beslutninger/?q=Budget+for+B"]


def test_board_search_finds_every_meeting_decision_and_follow_up(client, world):
    response = get(client, world, BOARD, url("search:results", world), q="budget")

    assert found(response) == {
        "beslutninger": ["Budget for A", "Budget for B"],
        "opfoelgning": ["Budgettet for A sendes ud", "Budgettet for B sendes ud"],
    }


def test_public_search_does_not_find_internal_meetings(client, world):
    response = get(client, world, PUBLIC, url("search:results", world), q="styregruppemøde")

    assert found(response) == {}


def test_coordinator_search_finds_the_internal_meeting_of_their_community(client, world):
    response = get(client, world, COORDINATOR, url("search:results", world), q="styregruppemøde")

    assert found(response) == {"moeder": ["Styregruppemøde A"]}


def test_board_search_finds_every_meeting(client, world):
    response = get(client, world, BOARD, url("search:results", world), q="styregruppemøde")

    assert found(response) == {"moeder": ["Styregruppemøde A", "Styregruppemøde B"]}


def test_public_search_finds_only_public_activities(client, world):
    response = get(client, world, PUBLIC, url("search:results", world), q="frist")

    assert found(response) == {"aktiviteter": ["Offentlig frist"]}


def test_board_search_finds_activities_of_every_visibility(client, world):
    response = get(client, world, BOARD, url("search:results", world), q="frist")

    assert found(response) == {"aktiviteter": ["Offentlig frist", "Intern frist for A", "Intern frist for B"]}


def test_public_handbook_menu_leaves_out_pages_not_public(client, world):
    response = get(client, world, PUBLIC, url("handbook:page", world))

    assert [title for title, _address, _children in menu(parse(response))] == ["Roller", "Velkommen"]


def test_members_handbook_menu_has_the_members_page(client, world):
    response = get(client, world, MEMBER_CONTACT, url("handbook:page", world))

    assert [title for title, _address, _children in menu(parse(response))] == ["Roller", "Velkommen", "For medlemmer"]


def test_public_does_not_find_a_members_page(client, world):
    response = get(client, world, PUBLIC, world.pages[Visibility.MEMBERS].get_absolute_url())

    assert response.status_code == 404


def test_public_decision_register_lists_only_the_public_decision(client, world):
    response = get(client, world, PUBLIC, url("governance:decisions", world))

    assert titles(response.context["page"]) == ["Budget for B"]


def test_member_contact_decision_register_adds_their_communitys_internal_decision(client, world):
    response = get(client, world, MEMBER_CONTACT, url("governance:decisions", world))

    assert titles(response.context["page"]) == ["Budget for A", "Budget for B"]


def test_public_api_lists_only_the_public_decision(client, world):
    response = client.get(url("api:decisions-list", world))

    assert [decision["title"] for decision in response.json()["results"]] == ["Budget for B"]


def test_public_meeting_list_has_no_internal_meeting(client, world):
    response = get(client, world, PUBLIC, url("governance:meetings", world))

    assert (response.context["upcoming"], list(response.context["past"])) == ([], [])


def addresses_on(response, world):
    everyone = [world.coordinator.email, world.board_member.email, world.steering_member.email]
    return [address for address in everyone if address in response.content.decode()]


@pytest.mark.parametrize(
    "name",
    [
        "organisation:overview",
        "organisation:chart",
        "organisation:bodies",
        "organisation:organisations",
        "organisation:organisation",
        "organisation:people",
    ],
)
def test_public_sees_no_email_address_on_the_organisation_pages(client, world, name):
    response = get(client, world, PUBLIC, url(name, world))

    assert addresses_on(response, world) == []


def test_public_finds_nobody_by_email_address(client, world):
    response = get(client, world, PUBLIC, url("organisation:people", world), q="kasper@example.org")

    assert list(response.context["page"]) == []


def test_signed_in_reader_finds_a_person_by_email_address(client, world):
    response = get(client, world, MEMBER_CONTACT, url("organisation:people", world), q="KASPER@EXAMPLE.ORG")

    assert [person.name for person in response.context["page"]] == ["Kasper Koordinator"]


@pytest.mark.parametrize("body", ["body", "steering"])
def test_public_sees_no_email_address_on_the_page_of_a_body_with_people(client, world, body):
    response = get(client, world, PUBLIC, getattr(world.a, body).get_absolute_url())

    assert (response.status_code, addresses_on(response, world)) == (200, [])


def test_signed_in_reader_sees_the_email_address_on_a_persons_page(client, world):
    response = get(client, world, MEMBER_CONTACT, url("organisation:person", world))

    assert addresses_on(response, world) == [world.coordinator.email]


def test_members_feed_has_no_internal_activity(client, world):
    response = client.get(url("governance:feed", world))
    events = Calendar.from_ical(response.content).walk("VEVENT")

    assert sorted(str(event["SUMMARY"]) for event in events) == ["Medlemsmøde", "Offentlig frist"]


def test_public_activity_list_shows_only_public_activities(client, world):
    response = get(client, world, PUBLIC, url("governance:activities", world))

    assert titles(row["activity"] for row in response.context["activities"]) == ["Offentlig frist"]


@pytest.mark.parametrize("name", ["governance:agenda", "governance:agenda-markdown", "governance:minutes"])
def test_public_does_not_find_an_internal_meetings_exports(client, world, name):
    response = get(client, world, PUBLIC, url(name, world))

    assert response.status_code == 404


def test_coordinator_does_not_find_the_other_communitys_agenda(client, world):
    response = get(client, world, COORDINATOR, url("governance:agenda", world, community="b"))

    assert response.status_code == 404


def test_coordinator_reads_their_communitys_agenda(client, world):
    response = get(client, world, COORDINATOR, url("governance:agenda", world))

    assert response.status_code == 200


def test_member_contact_reads_their_communitys_internal_meeting(client, world):
    response = get(client, world, MEMBER_CONTACT, url("governance:meeting", world))

    assert [item.title for item in response.context["items"]] == ["Budget for A", "Eventuelt for A"]


def test_member_contact_does_not_find_another_communitys_internal_meeting(client, world):
    response = get(client, world, MEMBER_CONTACT, url("governance:meeting", world, community="b"))

    assert response.status_code == 404


def test_participant_reads_the_minutes_sent_to_them(client, world):
    response = get(client, world, BOARD, url("governance:minutes-markdown", world))

    assert (response.status_code, "# Referat af styregruppemøde A" in response.content.decode()) == (200, True)


def test_participant_reads_the_minutes_sent_to_them_through_the_api(client, world):
    token = world.tokens[BOARD]
    response = client.get(url("api:minutes-list", world), HTTP_AUTHORIZATION=f"Token {token}")

    assert sorted(minutes["id"] for minutes in response.json()["results"]) == [world.a.minutes.pk, world.b.minutes.pk]


def test_member_contact_does_not_read_minutes_still_waiting_for_approval(client, world):
    response = get(client, world, MEMBER_CONTACT, url("governance:minutes-markdown", world))

    assert response.status_code == 404


def api_found(response):
    """{kind: (count, [titles])} of the API's search."""
    return {kind["kind"]: (kind["count"], [result["title"] for result in kind["results"]]) for kind in response.json()}


def test_public_api_search_finds_only_the_public_decision_and_its_follow_up(client, world):
    response = get(client, world, PUBLIC, "/api/search/", q="budget")

    assert api_found(response) == {
        "beslutninger": (1, ["Budget for B"]),
        "opfoelgning": (1, ["Budgettet for B sendes ud"]),
    }


def test_board_api_search_finds_every_decision_and_follow_up(client, world):
    response = get(client, world, BOARD, "/api/search/", q="budget")

    assert api_found(response) == {
        "beslutninger": (2, ["Budget for A", "Budget for B"]),
        "opfoelgning": (2, ["Budgettet for A sendes ud", "Budgettet for B sendes ud"]),
    }


def test_public_does_not_find_an_internal_items_attachment(client, world):
    response = get(client, world, PUBLIC, url("attachments:download", world))

    assert response.status_code == 404


def test_member_contact_downloads_their_communitys_internal_items_attachment(client, world):
    response = get(client, world, MEMBER_CONTACT, url("attachments:download", world))

    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)
