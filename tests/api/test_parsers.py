"""JSON bodies: one nesting deeper than any request needs is refused with 400, before it is parsed."""

import pytest

from os2org.common.limits import MAX_DEPTH

pytestmark = pytest.mark.django_db

# Deep enough that Python's own parser gives up with a RecursionError.
VERY_DEEP = "[" * 100_000 + "]" * 100_000
# English, whatever the Danish catalogue says.
ENGLISH = {"Accept-Language": "en"}
TOO_DEEP = {"detail": f"JSON'en ligger dybere end {MAX_DEPTH} niveauer (linje 1)."}


def send(client, method, address, body, headers=None):
    headers = {**ENGLISH, **(headers or {})}
    return getattr(client, method)(address, body, content_type="application/json", headers=headers)


def test_deep_json_for_a_token_is_refused(client):
    response = send(client, "post", "/api/token/", VERY_DEEP)

    assert (response.status_code, response.json()) == (400, TOO_DEEP)


def test_deep_json_for_a_change_is_refused(client, world, secretariat):
    response = send(client, "patch", f"/api/meetings/{world.board_meeting.pk}/", VERY_DEEP, secretariat)

    assert (response.status_code, response.json()) == (400, TOO_DEEP)


def test_json_one_level_too_deep_is_refused(client, world, secretariat):
    body = '{"title": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"

    response = send(client, "post", "/api/meetings/", body, secretariat)

    assert (response.status_code, response.json()) == (400, TOO_DEEP)


def test_json_as_deep_as_allowed_is_read(client, world, secretariat):
    body = '{"title": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"

    response = send(client, "post", "/api/meetings/", body, secretariat)

    # Read, then refused by the serializer: a title is no list.
    assert (response.status_code, sorted(response.json())) == (400, ["body", "starts", "title"])


def test_invalid_json_is_refused_as_drf_refuses_it(client):
    response = send(client, "post", "/api/token/", '{"username": ')

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "JSON parse error - Expecting value: line 1 column 14 (char 13)"},
    )
