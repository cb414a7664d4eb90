"""What every page answers besides its content: HEAD as GET does, and no shared cache for signed-in readers."""

import pytest

from os2org.access.groups import SECRETARIAT
from tests.access.policy import expected
from tests.access.world import PUBLIC, url
from tests.urlconf import views


def _readable(viewer):
    """The views (pages and API endpoints) that `viewer` may GET."""
    return [view.name for view in views() if viewer in (expected(view.name) or {}).get("GET", ())]


def _ask(client, world, viewer, method, name):
    headers = {}
    if name.startswith("api:") and viewer != PUBLIC:
        headers["HTTP_AUTHORIZATION"] = f"Token {world.tokens[viewer]}"
    else:
        world.sign_in(client, viewer)
    return client.generic(method, url(name, world), **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("name", _readable(SECRETARIAT))
def test_head_answers_as_get_does(world, client, name):
    got = _ask(client, world, SECRETARIAT, "GET", name)

    head = _ask(client, world, SECRETARIAT, "HEAD", name)

    assert (head.status_code, head.content) == (got.status_code, b"")


# Answers every caller alike (a 404 in JSON) without reading who asks.
ANONYMOUS_ALWAYS = {"api:nowhere"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", [name for name in _readable(SECRETARIAT) if name not in ANONYMOUS_ALWAYS])
def test_page_for_a_signed_in_reader_is_private(world, client, name):
    response = _ask(client, world, SECRETARIAT, "GET", name)

    assert "private" in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_public_page_is_not_marked_private(world, client):
    response = _ask(client, world, PUBLIC, "GET", "organisation:chart")

    assert "private" not in response.get("Cache-Control", "")
