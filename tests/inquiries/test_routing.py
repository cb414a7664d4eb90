from datetime import date

import pytest

from os2org.inquiries.routing import Route, fallback_topics, route
from os2org.organisation.services import save_person
from tests.inquiries.world import hold, secretariat_world

pytestmark = pytest.mark.django_db


def test_route_goes_to_the_holder_of_the_topics_role():
    world = secretariat_world()
    assert route(world["press"], date(2026, 5, 7)) == Route(
        role=world["communications"], person=world["sofie"], by_fallback=False
    )


def test_route_of_a_vacant_role_goes_to_the_chief_by_fallback():
    world = secretariat_world(communications_held=False)
    assert route(world["press"], date(2026, 5, 7)) == Route(
        role=world["chief"], person=world["mette"], by_fallback=True
    )


def test_route_follows_the_holder_on_the_day_the_inquiry_arrived():
    world = secretariat_world(communications_held=False)
    hold(world["sofie"], world["communications"], body=world["body"], starts=date(2026, 6, 1))
    assert (route(world["press"], date(2026, 5, 31)).person, route(world["press"], date(2026, 6, 1)).person) == (
        world["mette"],
        world["sofie"],
    )


def test_route_picks_the_longest_serving_of_two_holders():
    world = secretariat_world()
    hold(save_person(name="Anders Berg"), world["communications"], body=world["body"], starts=date(2026, 2, 1))
    assert route(world["press"], date(2026, 5, 7)).person == world["sofie"]


def test_route_with_both_roles_vacant_keeps_the_fallback_role_unassigned():
    world = secretariat_world(communications_held=False)
    world["mette"].assignments.update(ends=date(2026, 5, 1))
    assert route(world["press"], date(2026, 5, 7)) == Route(role=world["chief"], person=None, by_fallback=True)


def test_route_without_a_fallback_role_stays_with_the_vacant_role(settings):
    settings.INQUIRY_FALLBACK_ROLE = "findes-ikke"
    world = secretariat_world(communications_held=False)
    assert route(world["press"], date(2026, 5, 7)) == Route(
        role=world["communications"], person=None, by_fallback=False
    )


def test_fallback_topics_names_each_vacant_topic_and_where_it_goes():
    secretariat_world(communications_held=False)
    assert fallback_topics(date(2026, 5, 7))["rows"] == [
        ("Presse og nyhedsbrev", "Kommunikationsmedarbejder", "Sekretariatschef (Mette Holm)")
    ]


def test_fallback_topics_is_empty_when_every_role_is_held():
    secretariat_world()
    assert fallback_topics(date(2026, 5, 7))["rows"] == []
