"""The page editor and a role's version history in a real browser, checked with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.accounts import make_user
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_meetings import log_in

pytestmark = pytest.mark.browser

EDITOR = "/en/side/roller/produktkoordinator/rediger/"


@pytest.fixture
def server(demo_server):
    """The demo handbook and a member of the secretariat, "staff", who logs in with `log_in`."""
    make_user("staff", "secretariat")
    return demo_server


def edit_hours(page, old, new, note):
    source = page.get_by_label("Page source (Markdown)")
    text = source.input_value()
    assert text.count(old) == 1
    source.fill(text.replace(old, new))
    page.get_by_label("What changed, and why").fill(note)
    page.get_by_role("button", name="Save").click()


def test_secretariat_edits_a_role_page_and_compares_its_versions(page, server):
    log_in(page, server, "/en/roller/produktkoordinator/")
    page.get_by_role("link", name="Edit the page").click()
    edit_hours(page, "5–15 timer", "6–16 timer", "Flere timer")
    expect(page).to_have_url(f"{server}/en/side/roller/produktkoordinator/")

    page.goto(f"{server}/en/roller/produktkoordinator/")
    page.get_by_role("link", name="Version history").click()
    page.get_by_label("From version").select_option("1")
    page.get_by_label("To version").select_option("2")
    page.get_by_role("button", name="Compare").click()

    diff = page.locator("table.diff")
    expect(diff.locator("del")).to_have_count(1)
    expect(diff.locator("del")).to_contain_text("5–15 timer")
    expect(diff.locator("ins")).to_contain_text("6–16 timer")
    expect(page.locator("table.history-versions tbody tr").first).to_contain_text("Flere timer")


def test_editor_has_no_accessibility_violations(page, server, axe_source):
    log_in(page, server, EDITOR)

    assert axe_violations(page, axe_source) == []


def test_editor_with_errors_has_no_accessibility_violations(page, server, axe_source):
    log_in(page, server, EDITOR)
    page.get_by_label("Page source (Markdown)").fill("---\ntitle: A\nparent: B: C\n---\n")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#field-source .errorlist")).to_be_visible()

    assert axe_violations(page, axe_source) == []


def test_history_with_a_difference_has_no_accessibility_violations(page, server, axe_source):
    log_in(page, server, EDITOR)
    edit_hours(page, "5–15 timer", "6–16 timer", "Flere timer")
    page.goto(f"{server}/en/roller/produktkoordinator/historik/")
    expect(page.locator("table.diff")).to_be_visible()

    assert axe_violations(page, axe_source) == []


def test_danish_history_naming_an_unknown_version_has_no_accessibility_violations(page, server, axe_source):
    page.goto(f"{server}/roller/produktkoordinator/historik/?fra=1&til=7")

    assert axe_violations(page, axe_source) == []


def test_editor_previews_the_page_as_the_text_is_typed(page, server):
    log_in(page, server, EDITOR)
    preview = page.locator("#page-preview")
    expect(preview).to_be_visible()

    page.get_by_label("Page source (Markdown)").fill("---\ntitle: Produktkoordinator\n---\n\n# Ny overskrift\n\nMed *vægt*.\n")

    expect(preview.locator("[data-preview-html] h1")).to_have_text("Ny overskrift")
    expect(preview.locator("[data-preview-html] em")).to_have_text("vægt")
    expect(preview.locator("[data-preview-errors] li")).to_have_count(0)


def test_editor_preview_gives_the_errors_a_save_would(page, server):
    log_in(page, server, EDITOR)

    page.get_by_label("Page source (Markdown)").fill("---\ntitle: A\nparent: B: C\n---\n")

    expect(page.locator("#page-preview [data-preview-errors] li")).to_have_count(1)
