"""Optimistic locking through the API: ETag on read, If-Match on write, 412 when stale."""

import pytest
from rest_framework.test import APIClient

from os2org.governance.models import Meeting
from tests.accounts import make_user
from tests.governance.builders import board, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.force_authenticate(make_user("karen", "secretariat"))
    return client


@pytest.fixture
def stored():
    return meeting(board(), "2026-06-01 17:00")


def test_an_item_is_read_with_its_revision_as_etag(api, stored):
    from os2org.audit.selectors import revision

    response = api.get(f"/api/meetings/{stored.pk}/")

    assert response["ETag"] == f'"{revision(stored)}"'


def test_a_change_from_the_current_revision_is_saved(api, stored):
    etag = api.get(f"/api/meetings/{stored.pk}/")["ETag"]

    response = api.patch(f"/api/meetings/{stored.pk}/", {"place": "Aarhus"}, format="json", HTTP_IF_MATCH=etag)

    assert (response.status_code, Meeting.objects.get().place) == (200, "Aarhus")


def test_the_second_of_two_changes_from_the_same_revision_is_refused(api, stored):
    etag = api.get(f"/api/meetings/{stored.pk}/")["ETag"]
    api.patch(f"/api/meetings/{stored.pk}/", {"place": "Aarhus"}, format="json", HTTP_IF_MATCH=etag)

    response = api.patch(f"/api/meetings/{stored.pk}/", {"place": "Odense"}, format="json", HTTP_IF_MATCH=etag)

    assert (response.status_code, response.json(), Meeting.objects.get().place) == (
        412,
        {
            "detail": "Elementet er ændret, siden du læste det; intet blev gemt. "
            "Læs det igen, og send så din ændring."
        },
        "Aarhus",
    )


@pytest.mark.parametrize("if_match", [None, "*"])
def test_a_change_without_a_revision_is_refused(api, stored, if_match):
    headers = {"HTTP_IF_MATCH": if_match} if if_match else {}

    response = api.patch(f"/api/meetings/{stored.pk}/", {"place": "Aarhus"}, format="json", **headers)

    assert (response.status_code, response.json(), Meeting.objects.get().place) == (
        428,
        {
            "detail": "Send elementets ETag som If-Match med en ændring, så en ændring, som en anden har lavet "
            "imens, ikke bliver overskrevet: læs elementet, og send så din ændring med dets ETag."
        },
        "Mødelokale 1",
    )


def test_two_changes_of_different_fields_from_one_read_keep_the_first_and_refuse_the_second(api, stored):
    etag = api.get(f"/api/meetings/{stored.pk}/")["ETag"]
    api.patch(f"/api/meetings/{stored.pk}/", {"place": "Aarhus"}, format="json", HTTP_IF_MATCH=etag)

    response = api.patch(f"/api/meetings/{stored.pk}/", {"title": "Budgetmøde"}, format="json", HTTP_IF_MATCH=etag)

    stored.refresh_from_db()
    assert (response.status_code, stored.place, stored.title) == (412, "Aarhus", "")


def test_reading_an_item_with_its_etag_reads_it_once(api, stored, django_assert_num_queries):
    # The caller's groups and account; the meeting and its participants; its
    # newest audit entry for the ETag (reading the meeting twice made it 7).
    with django_assert_num_queries(5):
        api.get(f"/api/meetings/{stored.pk}/")
