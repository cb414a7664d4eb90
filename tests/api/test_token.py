"""Token authentication: a new token for a username and password, sent as `Authorization: Token …`.

The API answers in the association's language, Danish.
"""

from datetime import date, timedelta

import pytest
from django.apps import apps
from knox.crypto import hash_token
from knox.models import AuthToken

from tests.accounts import PASSWORD, make_user
from tests.governance.cycle_data import freeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return make_user("sekretariat", "secretariat")


def ask_token(client, password=PASSWORD, headers=None):
    data = {"username": "sekretariat", "password": password}
    return client.post("/api/token/", data, content_type="application/json", headers=headers)


def read_with(client, token):
    return client.get("/api/organisations/", headers={"Authorization": f"Token {token}"})


def test_token_is_given_for_username_and_password(client, user, monkeypatch):
    freeze(monkeypatch, date(2026, 5, 7))

    response = ask_token(client)

    body = response.json()
    assert (response.status_code, sorted(body), hash_token(body["token"])) == (
        200,
        ["expiry", "token"],
        AuthToken.objects.get(user=user).digest,
    )


def test_token_ends_after_api_token_days(client, user, monkeypatch):
    freeze(monkeypatch, date(2026, 5, 7))

    response = ask_token(client)

    assert response.json()["expiry"] == "2026-08-05T12:00:00+02:00"


def test_token_is_refused_for_a_wrong_password(client, user):
    response = ask_token(client, password="wrong")

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Kunne ikke logge ind med den angivne legitimation."]},
    )


def test_token_signs_the_caller_in(client, user):
    token = ask_token(client).json()["token"]

    response = read_with(client, token)

    assert response.status_code == 200


def test_token_is_given_despite_a_stale_token_in_the_header(client, user):
    response = ask_token(client, headers={"Authorization": "Token stale"})

    assert response.status_code == 200


def test_token_is_stored_only_as_its_digest(client, user):
    token = ask_token(client).json()["token"]

    rows = [str(row) for model in apps.get_models() for row in model._base_manager.values_list()]
    assert [row for row in rows if token in row] == []


def test_each_log_in_gives_a_new_token(client, user):
    first = ask_token(client).json()["token"]
    second = ask_token(client).json()["token"]

    assert (first != second, read_with(client, first).status_code, read_with(client, second).status_code) == (
        True,
        200,
        200,
    )


def test_token_works_until_it_ends(client, user, monkeypatch):
    freeze(monkeypatch, date(2026, 5, 7))
    token = ask_token(client).json()["token"]
    freeze(monkeypatch, date(2026, 5, 7) + timedelta(days=89))

    response = read_with(client, token)

    assert response.status_code == 200


def test_expired_token_is_refused(client, user, monkeypatch):
    freeze(monkeypatch, date(2026, 5, 7))
    token = ask_token(client).json()["token"]
    freeze(monkeypatch, date(2026, 5, 7) + timedelta(days=91))

    response = read_with(client, token)

    assert (response.status_code, response.json()) == (401, {"detail": "Ugyldigt token."})


def test_wrong_token_is_refused(client, user):
    ask_token(client)

    response = read_with(client, "wrong")

    assert (response.status_code, response.json()) == (401, {"detail": "Ugyldigt token."})


def test_token_that_is_not_utf8_is_refused(client, user):
    # Sent as Latin-1, as a client may send it; knox alone answered this with a 500.
    response = client.get("/api/organisations/", HTTP_AUTHORIZATION="Token \xe6\xf8")

    assert (response.status_code, response.json()) == (401, {"detail": "Ugyldigt token."})
