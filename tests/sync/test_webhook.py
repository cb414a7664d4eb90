import hashlib
import hmac
import json

import pytest

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.sync.services import pull
from tests.sync.repos import page

pytestmark = pytest.mark.django_db

ADDRESS = "/git/webhook/"
SECRET = "delt-hemmelighed"
CHANGED = page("Velkommen", "Ny velkomst.")


@pytest.fixture
def pushed(remote, settings):
    """The handbook pulled; then a person pushed a change to main, of which the webhook is to hear."""
    settings.HANDBOOK_GIT_WEBHOOK_SECRET = SECRET
    pull()
    remote.commit({"index.md": CHANGED})
    return remote


def event(branch="main"):
    return json.dumps({"ref": f"refs/heads/{branch}", "after": "0" * 40}).encode()


def github(client, body, *, secret=SECRET, kind="push"):
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {"X-GitHub-Event": kind, "X-Hub-Signature-256": signature}
    return client.post(ADDRESS, body, content_type="application/json", headers=headers)


def gitlab(client, body, *, token=SECRET):
    headers = {"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": token}
    return client.post(ADDRESS, body, content_type="application/json", headers=headers)


def welcome():
    return Page.objects.get(path="index.md").source


def test_github_push_with_a_valid_signature_pulls(client, pushed):
    response = github(client, event())

    assert (response.status_code, response.json(), welcome()) == (
        200,
        {"commit": pushed.head().hexsha, "conflicts": []},
        CHANGED,
    )


def test_github_push_with_a_wrong_signature_is_refused_and_changes_nothing(client, pushed):
    written = Entry.objects.count()

    response = github(client, event(), secret="gættet")

    assert (response.status_code, welcome(), Entry.objects.count()) == (403, page("Velkommen"), written)


def test_github_signature_of_another_body_is_refused(client, pushed):
    signature = "sha256=" + hmac.new(SECRET.encode(), event("other"), hashlib.sha256).hexdigest()
    headers = {"X-GitHub-Event": "push", "X-Hub-Signature-256": signature}

    response = client.post(ADDRESS, event(), content_type="application/json", headers=headers)

    assert (response.status_code, welcome()) == (403, page("Velkommen"))


def test_gitlab_push_with_the_right_token_pulls(client, pushed):
    response = gitlab(client, event())

    assert (response.status_code, welcome()) == (200, CHANGED)


def test_gitlab_push_with_a_wrong_token_is_refused_and_changes_nothing(client, pushed):
    response = gitlab(client, event(), token="gættet")

    assert (response.status_code, welcome()) == (403, page("Velkommen"))


def test_push_without_a_signature_is_refused(client, pushed):
    response = client.post(ADDRESS, event(), content_type="application/json", headers={"X-GitHub-Event": "push"})

    assert (response.status_code, response.json(), welcome()) == (
        403,
        {"detail": "Hændelsen er ikke underskrevet med webhookens hemmelighed; intet blev gjort."},
        page("Velkommen"),
    )


def test_push_is_refused_when_no_secret_is_set(client, pushed, settings):
    settings.HANDBOOK_GIT_WEBHOOK_SECRET = ""

    response = github(client, event(), secret="")

    assert (response.status_code, welcome()) == (403, page("Velkommen"))


def test_push_to_another_branch_is_accepted_and_does_nothing(client, pushed):
    written = Entry.objects.count()

    response = github(client, event("udkast"))

    assert (response.status_code, welcome(), Entry.objects.count()) == (202, page("Velkommen"), written)


def test_another_kind_of_event_is_accepted_and_does_nothing(client, pushed):
    response = github(client, json.dumps({"zen": "Keep it logically awesome."}).encode(), kind="ping")

    assert (response.status_code, welcome()) == (202, page("Velkommen"))


def test_signed_body_that_is_no_json_is_refused(client, pushed):
    response = github(client, b"ref=refs/heads/main")

    assert (response.status_code, welcome()) == (400, page("Velkommen"))


def test_body_larger_than_a_form_post_is_refused_unread(client, pushed, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = github(client, event() + b" " * 100)

    assert (response.status_code, welcome()) == (413, page("Velkommen"))


def test_webhook_takes_posts_without_a_csrf_token(pushed):
    from django.test import Client

    response = github(Client(enforce_csrf_checks=True), event())

    assert response.status_code == 200


def test_webhook_answers_a_get_with_method_not_allowed(client, pushed):
    assert client.get(ADDRESS).status_code == 405


def test_push_event_when_the_repository_is_unreachable_changes_nothing(client, pushed, tmp_path):
    pushed.path.rename(tmp_path / "elsewhere.git")

    response = github(client, event())

    assert (response.status_code, welcome()) == (503, page("Velkommen"))
