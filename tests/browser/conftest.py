"""The app in a real browser: Debian's Chromium, driven by Playwright.

One browser for all the browser tests and a fresh context (cookies, storage)
per test keep these tests fast and independent. Playwright's own browser
downloads are never used.
"""

import threading
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from django.test.utils import modify_settings
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from os2org.access import groups
from os2org.budgets import demo as budgets_demo
from os2org.budgets.loading import load_accounts
from os2org.governance import demo
from os2org.handbook.services import import_handbook
from os2org.members import demo as members_demo
from os2org.members import loading as members_loading
from os2org.organisation.loading import load_yaml
from tests.conftest import AXE, DEMO, require

# Mermaid is a large script; give a slow machine time to draw.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)
# How long a live server's request thread waits for the next request on a kept-alive connection.
IDLE_SECONDS = 20


class BoundedServer(ThreadedWSGIServer):
    """The live servers' HTTP server, which never waits without end for its request threads.

    Django's server keeps a browser's connection alive between requests,
    with a thread reading from it until the browser closes it, and its
    server_close() waits for every such thread, without a time limit. A
    connection the browser left open, or a request waiting for a row the
    test holds, then stopped the whole run at the server's stop instead of
    failing one test. So a connection idle for IDLE_SECONDS is closed, and
    stopping the server does not wait (finish_requests does, for a while).
    """

    block_on_close = False

    def process_request(self, request, client_address):
        request.settimeout(IDLE_SECONDS)
        super().process_request(request, client_address)


LiveServerThread.server_class = BoundedServer


@pytest.fixture
def demo_server(live_server, transactional_db):
    """The live server with the demo handbook; its address."""
    import_handbook([DEMO])
    return live_server.url


def build_demo():
    """The whole demo: handbook, organisation, member register, meetings, annual cycle and contributions."""
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    load_accounts(budgets_demo.ACCOUNTS)
    members_loading.load(DEMO.parent / "members.yaml")
    demo.build()
    members_demo.build()


@pytest.fixture
def living_demo(live_server, transactional_db):
    """The live server with the whole demo, for a test that changes it; its address."""
    build_demo()
    return live_server.url


@pytest.fixture
def page(browser):
    # A Danish reader's browser: the app follows Accept-Language.
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    # A test's last check may pass while the page still fetches an image or a
    # script. The live server must be done with the database before the test's
    # tables are flushed, or SQLite refuses the flush ("table is locked").
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
    except PlaywrightTimeoutError:
        pass
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    require(AXE.exists(), f"axe-core is missing: {AXE} (make assets)")
    return AXE.read_text(encoding="utf-8")


def sign_in(page, server, user):
    """Give the browser a session of `user` (as logging in would), without the form.

    For a server that shares the test's transaction (live_server with
    transactional_db); a world served_once makes its sessions with the world
    (session_of) and hands them over with use_session."""
    use_session(page, server, session_of(user))


def session_of(user):
    """A new session of `user`: its cookie's value.

    Made while a served_once world is built, it is committed: a session
    written inside a test's transaction is not seen by the server's own
    connection on PostgreSQL, and the browser would meet the log-in page
    (which answers 200, so a test of the page's status would not notice)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def open_from_menu(page, name):
    """Follow the main menu's link `name`, from under its "More" button if the menu had no room for it."""
    menu = page.get_by_role("navigation", name="Hovedmenu")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.locator(".navigation-menu .more-button").click()
    link.click()


def use_session(page, server, value):
    from django.conf import settings

    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": server}])


@contextmanager
def served_once(django_db_blocker, build):
    """(what `build()` made, the address it is served at), for the tests of a module that only read it.

    Built once, outside any test's transaction (the test database is made
    sure of), and emptied by hand afterwards: a read-only world costs one
    build instead of one per test. `make test` runs each file on one worker
    (--dist loadfile); a module using it holds no test that empties the database.
    """
    with django_db_blocker.unblock():
        assert connection.settings_dict["NAME"] == connection.creation._get_test_db_name()
        built = build()
        with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
            server = LiveServer("localhost")
            try:
                yield built, server.url
            finally:
                finish_requests()
                server.stop()
                empty_database()


def finish_requests():
    """Wait for the server's request threads, which close the database connection they share as they end.

    The browser contexts are closed by now, so each thread has its last
    request behind it; stopping the server before they end would take the
    shared connection from under them.
    """
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(TIMEOUT_MS / 1000)


def empty_database():
    """As the other live-server tests leave it: flushed, with the groups the migrations make."""
    call_command("flush", interactive=False, verbosity=0)
    for name in groups.ALL:
        Group.objects.get_or_create(name=name)
