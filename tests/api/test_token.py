"""Token authentication: a token for a username and password, sent as `Authorization: Token …`.

The API answers in the association's language, Danish.
"""

import pytest
from rest_framework.authtoken.models import Token

from tests.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return make_user("sekretariat", "secretariat")


def test_token_is_given_for_username_and_password(client, user):
    response = client.post(
        "/api/token/", {"username": "sekretariat", "password": PASSWORD}, content_type="application/json"
    )

    assert (response.status_code, response.json()) == (200, {"token": Token.objects.get(user=user).key})


def test_token_is_refused_for_a_wrong_password(client, user):
    response = client.post(
        "/api/token/",
        {"username": "sekretariat", "password": "wrong"},
        content_type="application/json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Kunne ikke logge ind med den angivne legitimation."]},
    )


def test_token_signs_the_caller_in(client, user):
    token = client.post(
        "/api/token/", {"username": "sekretariat", "password": PASSWORD}, content_type="application/json"
    ).json()["token"]

    response = client.get("/api/organisations/", headers={"Authorization": f"Token {token}"})

    assert response.status_code == 200


def test_wrong_token_is_refused(client, user):
    Token.objects.create(user=user)

    response = client.get("/api/organisations/", headers={"Authorization": "Token wrong"})

    assert (response.status_code, response.json()) == (401, {"detail": "Ugyldigt token."})

