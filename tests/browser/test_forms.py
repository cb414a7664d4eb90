"""A form with errors in Chromium: the error summary takes focus and leads to each field."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def send_empty_log_in(page, server):
    page.goto(f"{server}/konto/login/")
    page.locator("main").get_by_role("button", name="Log ind").click()


def test_error_summary_takes_focus(page, demo_server):
    send_empty_log_in(page, demo_server)

    expect(page.locator(".error-summary")).to_be_focused()


def test_error_summary_link_focuses_its_field(page, demo_server):
    send_empty_log_in(page, demo_server)

    page.locator(".error-summary").get_by_role("link", name="Adgangskode: Dette felt er påkrævet.").click()

    expect(page.locator("#id_password")).to_be_focused()


def test_page_with_errors_says_so_in_its_title(page, demo_server):
    send_empty_log_in(page, demo_server)

    assert page.title().startswith("Fejl: Log ind")
