"""On a phone (390 px wide) no page of the demo scrolls sideways, for the public or any group,
and no page has more than one primary button (its main action).

Each group's crawl starts where that group starts and follows the links it is
shown, on the same site, to every kind of page (a few of each kind, so the
crawl stays short) as a phone shows it.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import Resolver404, resolve

from os2org.access.demo import add_demo_logins
from tests.accounts import PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Pages of one kind (one view) visited, at most; and pages in all.
PER_KIND = 2
MOST_PAGES = 120
# Log-out ends the crawl's session; the API is not a page.
SKIPPED = ("/konto/logout/", "/api/")


def kind(path):
    """The view that draws a path, or None for an address that is no page of the app."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def followed(server, href):
    """The address a crawl follows `href` to, or None for a link it leaves."""
    address = urljoin(server + "/", href)
    parts = urlsplit(address)
    if f"{parts.scheme}://{parts.netloc}" != server:
        return None
    # A file (a calendar feed, a CSV, a Markdown download) is no page.
    if "." in parts.path.rsplit("/", 1)[-1] or parts.path.startswith(SKIPPED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(page, server, starts):
    """The pages the crawl reaches that are wider than the phone, (address, width), and
    those with more than one primary button, (address, how many)."""
    queue, seen, per_kind, wide, crowded = list(starts), set(starts), {}, [], []
    while queue and len(seen) - len(queue) < MOST_PAGES:
        address = queue.pop(0)
        page.goto(server + address)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append((address, width))
        primary = page.locator(".button-primary").count()
        if primary > 1:
            crowded.append((address, primary))
        links = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))")
        for href in links:
            target = followed(server, href)
            name = target and kind(urlsplit(target).path)
            if name and target not in seen and per_kind.get(name, 0) < PER_KIND:
                per_kind[name] = per_kind.get(name, 0) + 1
                seen.add(target)
                queue.append(target)
    return wide, crowded


@pytest.mark.parametrize("username", [None, "sekretariat", "bestyrelse", "koordinator", "kontakt"])
def test_no_page_scrolls_sideways_on_a_phone_nor_has_two_main_actions(page, living_demo, username):
    page.set_viewport_size(PHONE)
    starts = ["/", "/en/"]
    if username:
        add_demo_logins(password=PASSWORD)
        sign_in(page, living_demo, User.objects.get(username=username))
        starts.append("/mit-overblik/")

    # One crawl serves both checks: it is the slowest test there is.
    assert crawl(page, living_demo, starts) == ([], [])


def test_phone_menu_opens_from_the_menu_button(page, demo_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_server}/roller/")
    page.get_by_role("button", name="Menu").click()

    drawer = page.locator(".mobile-drawer")
    assert (drawer.is_visible(), drawer.get_by_role("link", name="Rollekatalog").is_visible()) == (True, True)


def test_phone_folds_the_handbook_menu_under_contents(page, demo_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_server}/side/index/")

    assert (page.locator("summary").inner_text(), page.locator("nav.side-menu").is_visible()) == ("Indhold", False)


def test_wide_screen_shows_the_handbook_menu(page, demo_server):
    page.goto(f"{demo_server}/side/index/")

    assert page.locator("nav.side-menu").is_visible()


def test_wide_table_scrolls_in_its_own_named_box(page, demo_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_server}/roller/")

    box = page.locator(".table-scroll")
    assert (box.get_attribute("tabindex"), box.get_attribute("role"), box.get_attribute("aria-label")) == (
        "0",
        "region",
        "Alle funktionsbeskrivelser i håndbogen med deres opgaver efter prioritet.",
    )


def test_table_that_fits_is_no_region(page, demo_server):
    page.goto(f"{demo_server}/roller/")

    assert page.locator(".table-scroll").get_attribute("role") is None
