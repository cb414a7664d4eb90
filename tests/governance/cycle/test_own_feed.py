"""A person's own calendar: made by themselves, read as them."""

from datetime import date

import pytest
from icalendar import Calendar

from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.governance.models import Feed
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.dom import element, elements, parse, text
from tests.governance.builders import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    """Kasper coordinates community A; he takes part in an internal meeting of A's steering group and of B's."""
    kasper = save_person(name="Kasper")
    community_a = save_body(name="Fællesskab A", kind=Body.Kind.PRODUCT_COMMUNITY)
    community_b = save_body(name="Fællesskab B", kind=Body.Kind.PRODUCT_COMMUNITY)
    assign_role(kasper, body=community_a, function="coordinator", starts=date(2025, 1, 1), hours_per_week=10)
    for name, body in (("Møde i A", community_a), ("Møde i B", community_b)):
        services.save_meeting(
            body=body, starts=at("2027-03-05 10:00"), title=name, participants=[kasper], visibility=Visibility.INTERNAL
        )
    client.force_login(make_user("kasper", "coordinator", person=kasper))
    return kasper


def main(response):
    return element(parse(response), "main")


def test_own_feed_page_offers_to_make_the_address(client, coordinator):
    response = client.get("/en/aarshjul/min-kalender/")

    assert [text(button) for button in elements(main(response), "button")] == ["Make my calendar address"]


def test_making_the_own_feed_shows_its_address(client, coordinator):
    response = client.post("/en/aarshjul/min-kalender/")

    feed = Feed.objects.get()
    assert (response.status_code, feed.person, feed.visibility) == (302, coordinator, Visibility.INTERNAL)
    shown = client.get(response["Location"])
    address = text(element(main(shown), "code"))
    assert address == f"http://testserver{feed.get_absolute_url()}"


def test_own_feed_shows_only_what_the_person_may_open(client, coordinator):
    client.post("/en/aarshjul/min-kalender/")
    client.logout()

    calendar = Calendar.from_ical(client.get(Feed.objects.get().get_absolute_url()).content.decode())

    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Møde i A"]


def test_own_feed_page_without_a_person_says_what_to_do(client, db):
    client.force_login(make_user("nobody"))

    response = client.get("/en/aarshjul/min-kalender/")

    assert elements(main(response), "button") == []
    assert "Ask the secretariat to tie it to you." in text(main(response))


def test_a_person_opens_the_capacity_page_of_their_own_assignment(client, coordinator):
    held = coordinator.assignments.get()

    assert client.get(f"/en/organisation/tildelinger/{held.pk}/").status_code == 200


def test_a_person_may_not_open_the_capacity_page_of_anothers_assignment(client, coordinator):
    other = assign_role(save_person(name="Bo"), body=Body.objects.get(name="Fællesskab B"), starts=date(2025, 1, 1), hours_per_week=2)

    assert client.get(f"/en/organisation/tildelinger/{other.pk}/").status_code == 403
