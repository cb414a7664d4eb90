"""The app in a real browser: Debian's Chromium, driven by Playwright.

One browser for all the browser tests and a fresh context (cookies, storage)
per test keep these tests fast and independent. Playwright's own browser
downloads are never used.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from os2org.governance import demo
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_yaml
from tests.conftest import AXE, CHROMIUM, DEMO, require

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Mermaid is a large script; give a slow machine time to draw.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="package")
def browser():
    """One browser for all the browser tests, closed when they are done."""
    require(CHROMIUM.exists(), f"Chromium is missing: {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django would
    # otherwise refuse the tests' own database queries while it runs. The
    # switch is undone once the browser is gone, for the rest of the suite.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def demo_server(live_server, transactional_db):
    """The live server with the demo handbook; its address."""
    import_handbook([DEMO])
    return live_server.url


@pytest.fixture
def living_demo(live_server, transactional_db):
    """The live server with the whole demo: handbook, organisation, meetings and annual cycle; its address."""
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    demo.build()
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
    """Give the browser a session of `user` (as logging in would), without the form."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server}])
