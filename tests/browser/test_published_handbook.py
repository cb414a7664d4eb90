"""The demo handbook in a browser, as its owners publish it: deep links, its own title and logo, the folding menu."""

import pytest
from playwright.sync_api import expect

from os2org.handbook.services import import_handbook
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def test_deep_link_to_another_page_lands_on_the_heading(page, demo_server):
    page.goto(f"{demo_server}/side/vejledning/links/")

    page.get_by_role("link", name="../arshjul.html#faste-møder").click()

    expect(page).to_have_url(f"{demo_server}/side/arshjul/#faste-m%C3%B8der")
    expect(page.get_by_role("heading", name="Faste møder og frister")).to_be_in_viewport()


def test_header_shows_the_handbooks_own_title_and_logo(page, demo_server):
    page.goto(f"{demo_server}/side/vejledning/links/")

    home = page.locator("header .site-name")
    expect(home).to_have_text("Fælleskode-håndbogen")
    assert home.locator("img").evaluate("(image) => image.complete && image.naturalWidth > 0") is True


def test_menu_folds_open_and_shut(page, demo_server):
    page.goto(f"{demo_server}/side/index/")
    toggle = page.get_by_role("button", name="Sider under Skrivevejledning")
    child = page.locator(".side-menu").get_by_role("link", name="Links mellem sider")
    expect(child).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(child).to_be_visible()

    toggle.click()
    expect(child).to_be_hidden()


def test_page_with_every_construct_has_no_accessibility_violations(page, demo_server, axe_source):
    page.goto(f"{demo_server}/side/vejledning/")

    assert axe_violations(page, axe_source) == []


def test_diagram_is_drawn_with_mermaid_10_when_the_config_asks_for_it(page, live_server, transactional_db, tmp_path):
    (tmp_path / "_config.yml").write_text('mermaid:\n  version: "10.9.1"\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "---\ntitle: Forside\n---\n\n# Forside\n\n```mermaid\ngraph TD\n  A[Bestyrelse] --> B[Sekretariat]\n```\n",
        encoding="utf-8",
    )
    import_handbook([tmp_path], replace=True)

    page.goto(f"{live_server.url}/side/index/")

    expect(page.locator("pre.mermaid svg")).to_contain_text("Sekretariat")
    assert page.evaluate("() => document.querySelector('script[src*=mermaid]').src").endswith("/mermaid-10.min.js")
