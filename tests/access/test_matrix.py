"""Every view and API endpoint × every group: allowed or refused, as the policy says.

EXPECTED is written by hand from the policy, not from the apps' rules
modules: it is the independent check of them. The cases come from the URL
configuration, so a new view fails here until it has a row in EXPECTED
(and a rule in its app's rules.py).

Allowed means the view ran: neither a redirect to log in nor 401/403. What
an allowed reader then sees is filtered by visibility (test_visibility.py);
a page of an item the reader may not read is a 404 from the view itself.
"""

import json
from urllib.parse import quote

import pytest

from os2org.access.groups import COORDINATOR
from os2org.access.rules import rule_for
from os2org.api import rules as api_rules
from tests.access.policy import API_EXPECTED, EDITS_A, EXPECTED, LOGIN, expected, router_parts
from tests.access.world import PUBLIC, VIEWERS, api_new, url
from tests.urlconf import views


def _cases():
    for view in views():
        for method in expected(view.name) or {"GET": None}:
            for viewer in VIEWERS:
                yield pytest.param(view.name, method, viewer, id=f"{view.name}-{method}-{viewer}")


def _ask(client, world, viewer, name, method, path, community="a"):
    if not name.startswith("api:"):
        world.sign_in(client, viewer)
        return getattr(client, method.lower())(path)
    headers = {"HTTP_AUTHORIZATION": f"Token {world.tokens[viewer]}"} if viewer != PUBLIC else {}
    data = {}
    if method == "POST" and router_parts(name):
        data = api_new(router_parts(name)[0], world, community)
    return client.generic(method, path, json.dumps(data), content_type="application/json", **headers)


def outcome(response):
    """"allowed", "log in <address>", or the refusing status code.

    A 404 is allowed: the rule let the viewer in, and the view did not find
    an item they may not read.
    """
    if response.status_code in (401, 403):
        return response.status_code
    if response.status_code == 302 and response["Location"].startswith(f"{LOGIN}?"):
        return f"log in {response['Location']}"
    return "allowed"


def refusal(viewer, path, name):
    if viewer != PUBLIC:
        return 403
    return 401 if name.startswith("api:") else f"log in {LOGIN}?next={quote(path, safe='/')}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "viewer"), list(_cases()))
def test_view_allows_exactly_the_policy(world, client, name, method, viewer):
    allowed = expected(name)
    if allowed is None:
        pytest.fail(
            f"{name} is in neither EXPECTED nor API_EXPECTED: write who may use it, from the policy "
            "(tests/access/test_matrix.py)"
        )
    path = url(name, world)

    response = _ask(client, world, viewer, name, method, path)

    assert outcome(response) == ("allowed" if viewer in allowed[method] else refusal(viewer, path, name))


def _edits_of_a():
    """(view, method) that community A's coordinator may use on an item of A, or to add one to A."""
    for view in views():
        for method, allowed in (expected(view.name) or {}).items():
            if allowed == EDITS_A and (view.arguments or router_parts(view.name)):
                yield pytest.param(view.name, method, id=f"{view.name}-{method}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), list(_edits_of_a()))
def test_coordinator_is_refused_on_the_other_community(world, client, name, method):
    path = url(name, world, community="b")

    response = _ask(client, world, COORDINATOR, name, method, path, community="b")

    # The API does not even find an item the coordinator may not read.
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("name", [view.name for view in views() if not view.name.startswith("api:")])
def test_view_has_a_rule(name):
    assert rule_for(name) is not None


@pytest.mark.parametrize("name", [view.name for view in views() if router_parts(view.name)])
def test_api_endpoint_has_a_rule(name):
    assert router_parts(name)[0] in api_rules.RULES


def test_expected_names_only_views_that_exist():
    names = {view.name for view in views()}

    assert sorted(set(EXPECTED) - names) == []


def test_api_expected_names_only_endpoints_that_exist():
    basenames = {router_parts(view.name)[0] for view in views() if router_parts(view.name)}

    assert sorted(set(API_EXPECTED) - basenames) == []

