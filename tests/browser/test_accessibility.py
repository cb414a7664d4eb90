"""Every kind of page passes axe-core with all its default rules."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import override_settings

from os2org.handbook.pages import collect_files
from os2org.handbook.services import page_slug
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.conftest import DEMO

pytestmark = pytest.mark.browser

# Every page of the demo handbook, every role page, and every other view.
HANDBOOK_PAGES = [f"/side/{page_slug(name)}/" for _path, name in collect_files([DEMO])]
ROLE_PAGES = [f"/roller/{Path(name).stem}/" for _path, name in collect_files([DEMO / "roller"])]
PAGES = [
    *HANDBOOK_PAGES,
    *ROLE_PAGES,
    "/roller/",
    f"/soeg/?q={quote('årshjul')}",
    "/soeg/",
    "/soeg/?q=ingen-tr%C3%A6f",
    "/",
    # The 404 page.
    "/side/findes-ikke/",
]


def axe_violations(page, axe_source):
    # Evaluated through the browser's debugging protocol, which the page's
    # Content-Security-Policy does not govern (a <script> tag would be refused).
    page.evaluate(axe_source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [(rule["id"], [node["target"] for node in rule["nodes"]]) for rule in violations]


# A wide screen and a phone: the phone folds the menus and stacks the layout.
WIDTHS = [1280, 390]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("address", PAGES)
def test_page_has_no_accessibility_violations(page, demo_server, axe_source, address, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{demo_server}{address}")
    # Diagrams are part of the page: check them as drawn, not as source.
    page.wait_for_function(
        "document.querySelectorAll('pre.mermaid').length === document.querySelectorAll('pre.mermaid svg').length"
    )

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_english_interface_has_no_accessibility_violations(page, demo_server, axe_source, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{demo_server}/en/roller/produktkoordinator/")

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_forbidden_page_has_no_accessibility_violations(page, demo_server, axe_source, width):
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, demo_server, make_user("koordinator", "coordinator"))
    page.goto(f"{demo_server}/aendringer/")

    assert axe_violations(page, axe_source) == []


@override_settings(ROOT_URLCONF="tests.ruleless_urls")
@pytest.mark.parametrize("width", WIDTHS)
def test_forbidden_page_for_the_public_has_no_accessibility_violations(page, demo_server, axe_source, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{demo_server}/uden-regel/")

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_server_error_page_has_no_accessibility_violations(page, demo_server, axe_source, lose_table, width):
    page.set_viewport_size({"width": width, "height": 844})
    lose_table("governance_meeting")
    page.goto(f"{demo_server}/moeder/")

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_plain_server_error_page_has_no_accessibility_violations(page, demo_server, axe_source, lose_table, width):
    page.set_viewport_size({"width": width, "height": 844})
    lose_table("handbook_page")
    page.goto(f"{demo_server}/")

    assert axe_violations(page, axe_source) == []


def test_search_of_every_kind_has_no_accessibility_violations(page, living_demo, axe_source):
    sign_in(page, living_demo, make_user("sekretaer", "secretariat"))
    page.goto(f"{living_demo}/soeg/?q=budget")

    assert page.locator("main h2").all_inner_texts() == [
        "Sider (7)",
        "Opgaver (1)",
        "Organer (1)",
        "Dagsordenspunkter (1)",
        "Beslutninger (1)",
        "Opfølgninger (1)",
        "Aktiviteter (1)",
    ]
    assert axe_violations(page, axe_source) == []
