"""Every kind of page passes axe-core with all its default rules: here the error pages and those seen
signed in; the demo handbook's pages are in test_accessibility_pages.py."""

import pytest
from django.test import override_settings

from tests.accounts import make_user
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def axe_violations(page, axe_source):
    # Evaluated through the browser's debugging protocol, which the page's
    # Content-Security-Policy does not govern (a <script> tag would be refused).
    page.evaluate(axe_source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [(rule["id"], [node["target"] for node in rule["nodes"]]) for rule in violations]


# A wide screen and a phone: the phone folds the menus and stacks the layout.
WIDTHS = [1280, 390]


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
