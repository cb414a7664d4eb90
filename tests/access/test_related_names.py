"""Names of related things keep their own visibility, and a page and the API never disagree.

A public page that mentions something the reader may not read (a
participant, the holder of a role, a body, a role) shows a neutral
placeholder instead of its name; named people's hours are for the
secretariat and the board only. The parity tests ask the same questions of
each page and its API endpoint, per object type and per viewer.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from os2org.access.groups import BOARD, SECRETARIAT
from os2org.common.visibility import Visibility
from os2org.governance.cycle.services import save_activity
from os2org.governance.meetings import services
from os2org.governance.models import Activity, Approval
from os2org.handbook.models import Page
from os2org.handbook.services import save_page
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.sync.organisation_page import refreshed_source
from tests.access.world import PUBLIC, VIEWERS
from tests.governance.builders import at

HIDDEN = "(ikke vist)"
IVAN, CLOSED = "Ivan Intern", "Lukket Udvalg"
SEES_HOURS = {SECRETARIAT, BOARD}


@pytest.fixture(scope="module")
def mixed(world, django_db_blocker):
    """Beside the world (in its transaction): an internal person, body and role on public items,
    and a public person with hours and a contract only the secretariat and the board may see."""
    with django_db_blocker.unblock():
        ivan = save_person(name=IVAN, email="ivan@example.org", visibility=Visibility.INTERNAL)
        closed = save_body(name=CLOSED, kind=Body.Kind.COMMITTEE, visibility=Visibility.INTERNAL)
        role_page = world.role.page
        save_page(role_page, source=role_page.source, visibility=Visibility.INTERNAL)
        world.role.refresh_from_db()
        assign_role(ivan, body=closed, role=world.role, starts=date(2025, 1, 1), hours_per_week=4)
        petra = save_person(
            name="Petra Public", email="petra@example.org", contract_hours=Decimal("31.5"), visibility=Visibility.PUBLIC
        )
        held = assign_role(petra, body=world.a.body, starts=date(2025, 1, 1), hours_per_week=Decimal("13.75"))
        meeting = services.save_meeting(
            body=world.a.steering,
            starts=at("2026-06-01 10:00"),
            title="Åbent møde",
            participants=[ivan, petra],
            visibility=Visibility.PUBLIC,
        )
        item = services.add_agenda_item(meeting, title="Åben beslutning", visibility=Visibility.PUBLIC)
        item = services.record_outcome(item, outcome="decision", text="Det besluttes.")
        by_role = services.add_follow_up(item, title="Rollen følger op", due=date(2026, 7, 1), owner_role=world.role)
        by_ivan = services.add_follow_up(item, title="Ivan følger op", due=date(2026, 7, 1), owner_person=ivan)
        soon = timezone.localdate() + timedelta(days=7)
        activity = save_activity(
            title="Åben frist", kind=Activity.Kind.DEADLINE, body=closed, role=world.role, starts=soon,
            visibility=Visibility.PUBLIC,
        )  # fmt: skip
        minutes = services.write_minutes(meeting, text="Mødet som helhed.", parts={item: "Det blev besluttet."})
        services.send_minutes(minutes, notify=False)
        for person in (ivan, petra):
            services.answer_minutes(minutes, person=person, answer=Approval.Answer.APPROVED)
    return {
        "ivan": ivan, "closed": closed, "petra": petra, "held": held, "meeting": meeting, "item": item,
        "by_role": by_role, "by_ivan": by_ivan, "activity": activity, "minutes": minutes,
    }  # fmt: skip


def get(client, world, viewer, address):
    if address.startswith("/api/"):
        headers = {"HTTP_AUTHORIZATION": f"Token {world.tokens[viewer]}"} if viewer != PUBLIC else {}
        return client.get(address, **headers)
    world.sign_in(client, viewer)
    return client.get(address)


# Pages that name the internal person, body and role on public items.
PAGES = {
    "meeting": lambda made: made["meeting"].get_absolute_url(),
    "agenda": lambda made: f"/moeder/{made['meeting'].pk}/dagsorden/",
    "agenda markdown": lambda made: f"/moeder/{made['meeting'].pk}/dagsorden.md",
    "minutes": lambda made: f"/moeder/{made['meeting'].pk}/referat/udskrift/",
    "minutes markdown": lambda made: f"/moeder/{made['meeting'].pk}/referat.md",
    "follow-up by role": lambda made: made["by_role"].get_absolute_url(),
    "follow-up by person": lambda made: made["by_ivan"].get_absolute_url(),
    "activity": lambda made: made["activity"].get_absolute_url(),
    "activities": lambda made: "/aarshjul/aktiviteter/",
    "upcoming": lambda made: "/aarshjul/kommende/",
    "decisions": lambda made: "/beslutninger/",
}


def names_on(content, world):
    text = content.decode()
    return {"person": IVAN in text, "body": CLOSED in text, "role": world.role.name in text}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
def test_public_page_shows_a_placeholder_for_what_the_public_may_not_read(world, mixed, client, page):
    response = get(client, world, PUBLIC, PAGES[page](mixed))

    assert (response.status_code, names_on(response.content, world), HIDDEN in response.content.decode()) == (
        200,
        {"person": False, "body": False, "role": False},
        True,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["meeting", "follow-up by role", "follow-up by person", "activity"])
def test_secretariat_reads_the_names_on_the_same_pages(world, mixed, client, page):
    response = get(client, world, SECRETARIAT, PAGES[page](mixed))

    assert (response.status_code, HIDDEN in response.content.decode()) == (200, False)


@pytest.mark.django_db
def test_refreshed_organisation_page_holds_only_what_the_public_may_see(world, mixed):
    page = Page.objects.get(path="index.md")
    page.source = "# Organisation\n\n```mermaid\ngraph TD\n  a[Foreningen]\n```\n"

    refreshed = refreshed_source(page)

    assert (IVAN in refreshed, CLOSED in refreshed, "Petra Public" in refreshed, "13" in refreshed) == (
        False,
        False,
        True,
        False,
    )


# Page and API, per object type and viewer: the same items found, the same names, the same hours.

OBJECTS = {
    "person": (lambda made: made["petra"].get_absolute_url(), lambda made: f"/api/people/{made['petra'].pk}/"),
    "internal person": (lambda made: made["ivan"].get_absolute_url(), lambda made: f"/api/people/{made['ivan'].pk}/"),
    "body": (lambda made: made["closed"].get_absolute_url(), lambda made: f"/api/bodies/{made['closed'].pk}/"),
    "meeting": (lambda made: made["meeting"].get_absolute_url(), lambda made: f"/api/meetings/{made['meeting'].pk}/"),
    "activity": (
        lambda made: made["activity"].get_absolute_url(),
        lambda made: f"/api/activities/{made['activity'].pk}/",
    ),
    "follow-up": (
        lambda made: made["by_role"].get_absolute_url(),
        lambda made: f"/api/follow-ups/{made['by_role'].pk}/",
    ),
    "minutes": (
        lambda made: f"/moeder/{made['meeting'].pk}/referat/udskrift/",
        lambda made: f"/api/minutes/{made['minutes'].pk}/",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("kind", list(OBJECTS))
def test_page_and_api_find_the_same_items(world, mixed, client, kind, viewer):
    page, api = (address(mixed) for address in OBJECTS[kind])

    found = (get(client, world, viewer, page).status_code == 200, get(client, world, viewer, api).status_code == 200)

    assert found[0] == found[1]


def readable_through_api(client, world, viewer, address):
    return get(client, world, viewer, address).status_code == 200


# Each name a page may show of a related item, and the API address of that item.
RELATED = {
    "meeting participant": ("meeting", IVAN, lambda made: f"/api/people/{made['ivan'].pk}/"),
    "activity's body": ("activity", CLOSED, lambda made: f"/api/bodies/{made['closed'].pk}/"),
    "follow-up owner": ("follow-up by person", IVAN, lambda made: f"/api/people/{made['ivan'].pk}/"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("related", list(RELATED))
def test_page_names_a_related_item_exactly_when_the_api_lets_the_viewer_read_it(world, mixed, client, related, viewer):
    page, name, api = RELATED[related]

    shown = name in get(client, world, viewer, PAGES[page](mixed)).content.decode()

    assert shown == readable_through_api(client, world, viewer, api(mixed))


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_role_name_on_a_page_exactly_when_the_api_lets_the_viewer_read_the_role(world, mixed, client, viewer):
    shown = world.role.name in get(client, world, viewer, PAGES["follow-up by role"](mixed)).content.decode()

    assert shown == readable_through_api(client, world, viewer, f"/api/roles/{world.role.pk}/")


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_person_page_and_api_show_the_same_contract_hours_and_e_mail(world, mixed, client, viewer):
    page = get(client, world, viewer, mixed["petra"].get_absolute_url()).content.decode()
    api = get(client, world, viewer, f"/api/people/{mixed['petra'].pk}/").json()

    assert (("31,5" in page, "petra@example.org" in page), ("contract_hours" in api, "email" in api)) == (
        (viewer in SEES_HOURS, viewer != PUBLIC),
        (viewer in SEES_HOURS, viewer != PUBLIC),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_body_page_and_api_show_the_same_hours_of_a_holder(world, mixed, client, viewer):
    page = get(client, world, viewer, world.a.body.get_absolute_url()).content.decode()
    api = get(client, world, viewer, f"/api/assignments/{mixed['held'].pk}/").json()

    assert ("13,75" in page, "hours_per_week" in api) == (viewer in SEES_HOURS, viewer in SEES_HOURS)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_org_chart_shows_hours_only_to_those_the_api_shows_them(world, mixed, client, viewer):
    page = get(client, world, viewer, "/organisation/diagram/").content.decode()
    api = get(client, world, viewer, f"/api/assignments/{mixed['held'].pk}/").json()

    assert ("13,75 t" in page, "hours_per_week" in api) == (viewer in SEES_HOURS, viewer in SEES_HOURS)
