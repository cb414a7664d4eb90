"""The inquiries inbox in Chromium: an inquiry sent from the public form is routed to the holder of its topic's
role, who then finds it in the inbox; and every page of the inbox passes axe-core at desk and phone width.

The pages are in English (/en/): what is checked is routing and markup, not the Danish wording."""

import pytest
from playwright.sync_api import expect

from os2org.access.groups import SECRETARIAT
from os2org.inquiries.models import Inquiry
from os2org.inquiries.services import add_note, add_reply, receive_inquiry
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.browser


@pytest.fixture
def inbox(live_server, transactional_db):
    """The secretariat's world (Sofie holds the communications role) on a server of its own: the tests change it."""
    world = secretariat_world()
    world["sofie_user"] = make_user("sofie", SECRETARIAT, person=world["sofie"])
    return world, live_server.url


def test_an_inquiry_from_the_public_form_reaches_the_holder_of_its_topics_role(page, inbox):
    world, server = inbox

    page.goto(f"{server}/en/henvendelser/ny/")
    page.get_by_label("Your name").fill("Jens Olsen")
    page.get_by_label("Your e-mail").fill("jens@egeby.dk")
    page.get_by_label("Your organisation").fill("Egeby Kommune")
    page.get_by_label("Topic").select_option(label="Presse og nyhedsbrev")
    page.get_by_label("Subject").fill("Med i nyhedsbrevet?")
    page.get_by_label("Your inquiry").fill("Kan vi komme med i næste nummer?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for writing")

    sign_in(page, server, world["sofie_user"])
    page.goto(f"{server}/en/henvendelser/")
    page.get_by_label("Assigned to").select_option(label="Me")
    page.get_by_role("button", name="Filter").click()
    row = page.locator(".inquiry-list tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_have_text("Med i nyhedsbrevet?")
    expect(row.locator("td").nth(3)).to_have_text("Sofie Lund")


def test_the_honeypot_is_out_of_sight_and_out_of_the_reading_order(page, inbox):
    world, server = inbox
    page.goto(f"{server}/en/henvendelser/ny/")
    trap = page.locator("#inquiry-website")
    expect(trap).not_to_be_in_viewport()
    expect(trap).to_have_attribute("tabindex", "-1")


def pages(world):
    inquiry = receive_inquiry(
        topic=world["press"],
        channel="form",
        sender_name="Jens Olsen",
        sender_email="jens@egeby.dk",
        organisation_name="Egeby Kommune",
        subject="Med i nyhedsbrevet?",
        text="Kan vi komme med i **næste** nummer?",
    )
    add_note(inquiry, text="Ringet op.")
    add_reply(inquiry, text="Ja, det kan I.")
    return [
        "/henvendelser/ny/",
        "/henvendelser/tak/",
        "/henvendelser/",
        "/henvendelser/?status=alle&overdue=on",
        f"/henvendelser/{inquiry.pk}/",
        "/henvendelser/registrer/",
        "/henvendelser/e-mail/",
        "/henvendelser/statistik/",
        "/henvendelser/emner/",
        "/henvendelser/emner/nyt/",
        f"/henvendelser/emner/{world['press'].slug}/",
        "/en/henvendelser/",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_inbox_pages_have_no_accessibility_violations(page, inbox, axe_source, width):
    world, server = inbox
    sign_in(page, server, world["sofie_user"])
    page.set_viewport_size({"width": width, "height": 844})
    found = {}
    for address in pages(world):
        response = page.goto(f"{server}{address}")
        found[address] = (response.status, response.url == f"{server}{address}", axe_violations(page, axe_source))
    assert {address: seen for address, seen in found.items() if seen != (200, True, [])} == {}
    assert Inquiry.objects.count() == 1
