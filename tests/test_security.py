"""Security headers, the Content-Security-Policy, CSRF and the log-in rate limit."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLResolver, get_resolver
from playwright.sync_api import expect
from pytest_django.asserts import assertTemplateUsed
from rest_framework.views import APIView

from os2org.organisation.loading import load_yaml
from os2org.organisation.models import Person
from tests.browser.conftest import demo_server, page  # noqa: F401 (fixtures)
from tests.conftest import DEMO
from tests.dom import element, elements, parse, texts

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
LOGIN = "/konto/login/"
PASSWORD = "a-long-right-password"


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ane", password=PASSWORD)


def directives(policy):
    """A Content-Security-Policy as {directive: sources}; its order means nothing."""
    return dict(directive.split(" ", 1) for directive in policy.split("; "))


def test_page_has_the_security_headers(client, db):
    response = client.get("/", secure=True)

    assert {name: response.headers.get(name) for name in HEADERS} == HEADERS


def test_page_has_the_content_security_policy(client, db):
    response = client.get("/")

    assert directives(response.headers["Content-Security-Policy"]) == POLICY


def test_page_over_plain_http_has_no_hsts(client, db):
    # Browsers ignore it there; sent only when the proxy says the request came over https.
    response = client.get("/")

    assert (response.status_code, response.headers.get("Strict-Transport-Security")) == (200, None)


def test_page_behind_the_proxy_counts_as_https(client, db):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})

    assert response.headers["Strict-Transport-Security"] == HEADERS["Strict-Transport-Security"]


def url_patterns(resolver=None, prefix=""):
    """(route, view) for every URL pattern, includes expanded."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, route)
        else:
            yield route, pattern.callback


def test_no_view_is_exempt_from_csrf_but_the_api_and_the_git_webhook():
    # Django REST framework marks its views csrf_exempt and checks the token
    # itself when a request is signed in by session (a token-signed request
    # carries no cookie to forge). GitHub and GitLab post push events without
    # a CSRF token: the webhook checks their signature instead, and reads no
    # session (tests/sync/test_webhook.py).
    exempt = [
        route
        for route, view in url_patterns()
        if getattr(view, "csrf_exempt", False) and not issubclass(getattr(view, "cls", object), APIView)
    ]

    assert exempt == ["git/webhook/"]


def test_url_patterns_are_walked():
    routes = [route for route, _view in url_patterns()]

    assert ("konto/login/" in routes, "organisation/ny-person/" in routes) == (True, True)


def test_login_without_csrf_token_is_forbidden(superuser):
    client = Client(enforce_csrf_checks=True)

    response = client.post(LOGIN, {"username": "ane", "password": PASSWORD})

    assert (response.status_code, "_auth_user_id" in client.session) == (403, False)


def test_edit_form_without_csrf_token_is_forbidden(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)

    response = client.post("/organisation/ny-person/", {"name": "Bo Lund", "contract_hours": "37"})

    assert (response.status_code, Person.objects.count()) == (403, 0)


def log_in(client, username, password, address="127.0.0.1", forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, headers=headers)


def test_login_locks_out_after_five_wrong_passwords(client, superuser):
    wrong = [log_in(client, "ane", "wrong").status_code for _ in range(5)]

    response = log_in(client, "ane", PASSWORD)

    assert (wrong, response.status_code, "_auth_user_id" in client.session) == ([200, 200, 200, 200, 429], 429, False)
    assertTemplateUsed(response, "registration/locked_out.html")


def test_locked_out_page_says_what_to_do(client, superuser):
    for _ in range(5):
        log_in(client, "ane", "wrong")

    response = client.post(f"/en{LOGIN}", {"username": "ane", "password": PASSWORD})

    main = element(parse(response), "main")
    assert texts(elements(main, "h1") + elements(main, "p")) == [
        "Too many log-in attempts",
        "A wrong password was given 5 times for this username, so logging in with it from here is closed for an hour.",
        "Try again in an hour, or ask the secretariat to open it sooner.",
        "Back to the handbook",
    ]


def test_login_success_resets_the_count(client, superuser):
    for _ in range(4):
        log_in(client, "ane", "wrong")
    log_in(client, "ane", PASSWORD)
    client.logout()
    wrong = [log_in(client, "ane", "wrong").status_code for _ in range(4)]

    response = log_in(client, "ane", PASSWORD)

    assert (wrong, response.status_code, "_auth_user_id" in client.session) == ([200] * 4, 302, True)


def test_lockout_leaves_another_username_from_the_same_address(client, superuser):
    User.objects.create_user("bo", password=PASSWORD)
    for _ in range(5):
        log_in(client, "ane", "wrong")

    response = log_in(client, "bo", PASSWORD)

    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(User.objects.get(username="bo").pk))


def test_lockout_behind_the_proxy_is_by_the_forwarded_address(client, superuser, monkeypatch):
    monkeypatch.setattr("os2org.settings.PROXY_COUNT", 1)
    proxy = "10.0.0.2"
    for _ in range(5):
        log_in(client, "ane", "wrong", address=proxy, forwarded_for="192.0.2.1")

    locked = log_in(client, "ane", PASSWORD, address=proxy, forwarded_for="192.0.2.1")
    elsewhere = log_in(client, "ane", PASSWORD, address=proxy, forwarded_for="192.0.2.7")

    assert (locked.status_code, elsewhere.status_code) == (429, 302)


def test_api_token_is_locked_out_too(client, superuser):
    # The lockout holds for the API's token too; Django REST framework answers
    # it as it answers a wrong password (400), not with the lockout page.
    User.objects.create_user("bo", password=PASSWORD)

    def token(username, password):
        data = {"username": username, "password": password}
        return client.post("/api/token/", data, content_type="application/json").status_code

    wrong = [token("ane", "wrong") for _ in range(5)]

    assert (wrong, token("ane", PASSWORD), token("bo", PASSWORD)) == ([400] * 5, 400, 200)


# Collects every Content-Security-Policy violation of the page.
COLLECT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`);
});
"""


def diagram_problems(page, url):
    """Open `url`, wait for its Mermaid diagrams; the CSP violations and console errors seen."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(COLLECT_VIOLATIONS)
    response = page.goto(url)
    assert directives(response.headers["content-security-policy"]) == POLICY
    expect(page.locator("pre.mermaid svg")).to_have_count(2)
    # Violation events are queued as tasks; let them run.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 100))")
    return page.evaluate("() => window.cspViolations"), errors


@pytest.mark.browser
def test_handbook_diagrams_render_within_the_policy(page, demo_server):
    assert diagram_problems(page, f"{demo_server}/side/organisation/") == ([], [])


@pytest.mark.browser
def test_org_charts_render_within_the_policy(page, demo_server):
    load_yaml(DEMO.parent / "organisation.yaml")

    assert diagram_problems(page, f"{demo_server}/organisation/diagram/") == ([], [])
