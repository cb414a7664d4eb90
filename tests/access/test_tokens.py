"""API tokens: made by `os2org access token`, shown once, and ended with the password."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.audit.models import Entry
from tests.accounts import PASSWORD, make_user
from tests.governance.cycle_data import freeze

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-test-password"


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (the Danish is the catalogue's)."""
    with translation.override("en"):
        yield


@pytest.fixture
def ane():
    return make_user("ane", "board")


def ask_token(client):
    data = {"username": "ane", "password": PASSWORD}
    return client.post("/api/token/", data, content_type="application/json").json()["token"]


def status_with(client, token):
    return client.get("/api/organisations/", headers={"Authorization": f"Token {token}"}).status_code


def make_token_by_command(username="ane"):
    out = StringIO()
    call_command("access", "token", username, stdout=out)
    return out.getvalue()


def test_token_ends_when_the_password_is_changed_on_its_page(client, ane):
    token = ask_token(client)
    client.force_login(ane)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    changed = client.post("/konto/password_change/", data)
    client.logout()

    assert (changed.status_code, status_with(client, token)) == (302, 401)


def test_token_ends_when_the_password_is_set(client, ane):
    token = ask_token(client)

    ane.set_password(NEW_PASSWORD)
    ane.save()

    assert status_with(client, token) == 401


def test_token_ends_when_the_password_is_made_unusable(client, ane):
    token = ask_token(client)

    ane.set_unusable_password()
    ane.save()

    assert status_with(client, token) == 401


def test_token_lasts_when_the_user_is_saved_with_the_same_password(client, ane):
    token = ask_token(client)

    ane.email = "ane@example.org"
    ane.save()

    assert status_with(client, token) == 200


def test_tokens_ended_with_the_password_are_recorded(client, ane):
    ask_token(client)
    ask_token(client)

    ane.set_password(NEW_PASSWORD)
    ane.save()

    entry = Entry.objects.get(action="access.tokens_ended")
    assert (entry.summary, entry.object_id, entry.data) == (
        "API-tokens for ane udløb med adgangskoden",
        str(ane.pk),
        {"tokens": 2},
    )


def test_command_prints_a_working_token_once(client, ane):
    printed = make_token_by_command()

    token = printed.splitlines()[0]
    assert (status_with(client, token), printed.count(token)) == (200, 1)


def test_command_says_when_the_token_ends(ane, monkeypatch):
    freeze(monkeypatch, date(2026, 5, 7))

    printed = make_token_by_command()

    assert printed.splitlines()[1:] == ["The token ends 2026-08-05 12:00. It is shown only this once."]


def test_command_records_the_token_without_it(ane, monkeypatch):
    freeze(monkeypatch, date(2026, 5, 7))

    token = make_token_by_command().splitlines()[0]

    entry = Entry.objects.get(action="access.token")
    assert (entry.summary, entry.object_id, entry.data, token in str(vars(entry))) == (
        "API token for ane",
        str(ane.pk),
        {"expiry": "2026-08-05T10:00:00+00:00"},
        False,
    )


def test_command_refuses_an_unknown_log_in():
    with pytest.raises(CommandError) as raised:
        make_token_by_command("bo")

    assert str(raised.value) == "No log-in is called bo."
