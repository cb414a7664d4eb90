"""The standards' pages ask the database the same number of questions with one review or many."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import SECRETARIAT
from os2org.organisation.models import Body
from os2org.organisation.services import save_body
from os2org.standards.services import complete_review, start_review
from tests.accounts import make_user
from tests.standards.builders import answer

pytestmark = pytest.mark.django_db


def grow(world, size):
    """`size` more completed reviews of the product, and as many more products each with one; every review
    finds two deviations."""
    for number in range(size):
        other = save_body(name=f"Produkt {number}", kind=Body.Kind.PRODUCT_COMMUNITY)
        for product in (world.product, other):
            review = start_review(
                product=product, checklist=world.checklist, held_on=date(2026, 1, 1 + number), reviewer=world.reviewer
            )
            answer(review, "not_met", "not_met", "met")
            complete_review(review, owner_role=world.role)


def pages(world):
    deviation = world.product.standards_deviations.order_by("pk").first()
    return [
        "/en/standarder/",
        "/en/standarder/produkter/bookingsystem/",
        f"/en/standarder/{world.review.pk}/",
        "/en/standarder/afvigelser/",
        f"/en/standarder/afvigelser/{deviation.pk}/",
        "/en/standarder/tjeklister/",
        f"/en/standarder/tjeklister/{world.checklist.pk}/",
        "/en/opfoelgning/",
    ]


def counts(client, world):
    found = []
    for address in pages(world):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        found.append(len(queries))
    return found


def test_pages_ask_as_many_queries_with_many_reviews_as_with_one(client, world, settings):
    # Every page is made afresh, not served from the cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(make_user("sekretaer", SECRETARIAT))
    grow(world, 1)
    small = counts(client, world)
    grow(world, 4)
    assert counts(client, world) == small
