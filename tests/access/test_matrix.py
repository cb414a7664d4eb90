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

from os2org.access.groups import BOARD, COORDINATOR, SECRETARIAT
from os2org.access.rules import rule_for
from os2org.api import rules as api_rules
from tests.access.world import PUBLIC, VIEWERS, api_new, url
from tests.urlconf import views

LOGIN = "/konto/login/"

ALL = frozenset(VIEWERS)
SIGNED_IN = ALL - {PUBLIC}
# The secretariat and the board: named people's hours, the secretariat's reports.
READS_EVERYTHING = frozenset({SECRETARIAT, BOARD})
ONLY_SECRETARIAT = frozenset({SECRETARIAT})
# The items are community A's and the coordinator is A's.
EDITS_A = frozenset({SECRETARIAT, COORDINATOR})
# The board member took part in A's meeting; the secretariat answers for a participant.
TOOK_PART = frozenset({SECRETARIAT, BOARD})


def read(who):
    return {"GET": who}


def form(who):
    return {"GET": who, "POST": who}


def post(who):
    return {"POST": who}


EXPECTED = {
    # The handbook and the role catalogue are public (each lists what the reader may read).
    "handbook:home": read(ALL),
    "handbook:page": read(ALL),
    "handbook:search": read(ALL),
    "handbook:page-history": read(ALL),
    "handbook:page-edit": form(ONLY_SECRETARIAT),
    "roles:catalogue": read(ALL),
    "roles:detail": read(ALL),
    "roles:history": read(ALL),
    # The organisation chart, bodies, organisations and people are public (each filtered by visibility).
    "organisation:overview": read(ALL),
    "organisation:chart": read(ALL),
    "organisation:body": read(ALL),
    "organisation:organisations": read(ALL),
    "organisation:organisation": read(ALL),
    "organisation:people": read(ALL),
    "organisation:person": read(ALL),
    "organisation:coverage": read(READS_EVERYTHING),
    "organisation:coverage-csv": read(READS_EVERYTHING),
    "organisation:assignment": read(READS_EVERYTHING),
    "organisation:body-create": form(ONLY_SECRETARIAT),
    "organisation:body-edit": form(EDITS_A),
    "organisation:organisation-create": form(ONLY_SECRETARIAT),
    "organisation:organisation-edit": form(ONLY_SECRETARIAT),
    "organisation:person-create": form(ONLY_SECRETARIAT),
    "organisation:person-edit": form(ONLY_SECRETARIAT),
    "organisation:assignment-create": form(ONLY_SECRETARIAT),
    "organisation:assignment-edit": form(ONLY_SECRETARIAT),
    "organisation:assignment-end": form(ONLY_SECRETARIAT),
    # The audit log names who changed what: personal data, like the coverage report.
    "audit:log": read(READS_EVERYTHING),
    # The annual cycle is public; its feeds page is the secretariat's, a feed's secret address anyone's.
    "governance:cycle": read(ALL),
    "governance:upcoming": read(ALL),
    "governance:activities": read(ALL),
    "governance:activity": read(ALL),
    "governance:activity-create": form(EDITS_A),
    "governance:activity-edit": form(EDITS_A),
    "governance:feeds": form(ONLY_SECRETARIAT),
    "governance:feed": read(ALL),
    # Meetings, the register and the exports are public; editing is the community's.
    "governance:meetings": read(ALL),
    "governance:meeting": read(ALL),
    "governance:meeting-create": form(EDITS_A),
    "governance:meeting-edit": form(EDITS_A),
    "governance:item-create": form(EDITS_A),
    "governance:item-edit": form(EDITS_A),
    "governance:item-move": post(EDITS_A),
    "governance:brief-edit": form(EDITS_A),
    "governance:outcome-edit": form(EDITS_A),
    "governance:follow-up-create": form(EDITS_A),
    "governance:follow-up": {"GET": ALL, "POST": EDITS_A},
    "governance:minutes-edit": form(EDITS_A),
    "governance:minutes-send": post(EDITS_A),
    "governance:minutes-answer": form(TOOK_PART),
    "governance:decisions": read(ALL),
    "governance:follow-ups": read(SIGNED_IN),
    "governance:agenda": read(ALL),
    "governance:agenda-markdown": read(ALL),
    "governance:minutes": read(ALL),
    "governance:minutes-markdown": read(ALL),
    # Django's own log-in views, as Django means them. (No POST to the log-in
    # page: it would count as a failed attempt.)
    "login": read(ALL),
    "logout": post(ALL),
    "password_change": form(SIGNED_IN),
    "password_change_done": read(SIGNED_IN),
    "password_reset": form(ALL),
    "password_reset_done": read(ALL),
    "password_reset_confirm": read(ALL),
    "password_reset_complete": read(ALL),
    # The API's description, a token for a username and password, and the
    # 404 of any other address under /api/.
    "api:schema": read(ALL),
    "api:token": post(ALL),
    "api:nowhere": read(ALL),
}

# The API, by basename. Reads are open and filtered like the pages; the
# writes (POST on a list: a new item in community A; PATCH on A's item) are
# the edit pages'. Endpoints that only read are written by nobody.
NOBODY = frozenset()


def api(read, create=NOBODY, change=NOBODY):
    return {"list": {"GET": read, "POST": create}, "detail": {"GET": read, "PATCH": change}}


API_EXPECTED = {
    "pages": api(ALL),
    "roles": api(ALL),
    "bodies": api(ALL, create=ONLY_SECRETARIAT, change=EDITS_A),
    "organisations": api(ALL, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "people": api(ALL, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "assignments": api(ALL, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "activities": api(ALL, create=EDITS_A, change=EDITS_A),
    "meetings": api(ALL, create=EDITS_A, change=EDITS_A),
    "agenda-items": api(ALL, create=EDITS_A, change=EDITS_A),
    "follow-ups": api(ALL, create=EDITS_A, change=EDITS_A),
    "minutes": api(ALL),
    "decisions": api(ALL),
}


def router_parts(name):
    """"api:meetings-list" → ("meetings", "list"); a view that is no router endpoint → None."""
    basename, _, kind = name.removeprefix("api:").rpartition("-")
    return (basename, kind) if name.startswith("api:") and kind in ("list", "detail") else None


def expected(name):
    """{method: viewers allowed} for a view, or None when the tables lack it."""
    parts = router_parts(name)
    if parts is None:
        return EXPECTED.get(name)
    basename, kind = parts
    return API_EXPECTED[basename][kind] if basename in API_EXPECTED else None


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

