"""The secretariat registers an agreement with its signed document in Chromium, and sees the contribution it
makes due. It changes the data, so it has a server of its own (test_members.py only reads)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from os2org.access.groups import SECRETARIAT
from os2org.organisation.services import save_body, save_organisation
from tests.accounts import make_user
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def books(live_server, transactional_db):
    """An authority without agreements and a product, on a server of their own (the test changes them)."""
    save_body(name="Fælleskode Tilsyn", kind="product_community")
    save_organisation(name="Skovlund Kommune", kind="municipality", cvr="36655194")
    return live_server.url


def test_secretariat_registers_an_agreement_with_its_document_and_sees_the_contribution_due(page, books, tmp_path):
    server = books
    year = timezone.localdate().year
    sign_in(page, server, make_user("sekretaer", SECRETARIAT))
    document = tmp_path / "tilslutningsaftale.pdf"
    document.write_bytes(PDF)

    page.goto(f"{server}/medlemmer/")
    page.get_by_role("link", name="Registrér en aftale").click()
    page.get_by_label("Organisation").select_option(label="Skovlund Kommune")
    page.get_by_label("Produkt eller program").select_option(label="Fælleskode Tilsyn")
    page.get_by_label("Underskrevet:", exact=True).fill(f"{year - 1}-12-01")
    page.get_by_label("Fra:", exact=True).fill(f"{year}-01-01")
    page.get_by_label("Årligt bidrag").fill("24.000")
    page.get_by_label("Underskrevet aftale").set_input_files(str(document))
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aftale: Skovlund Kommune i Fælleskode Tilsyn")
    expect(page.get_by_role("link", name="tilslutningsaftale.pdf")).to_be_visible()

    page.get_by_role("link", name="Medlemmer og økonomi").first.click()
    page.get_by_role("button", name=f"Beregn bidrag for {year}").click()

    row = page.locator(".members-contributions tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_have_text("Skovlund Kommune")
    expect(row.locator("td").nth(3)).to_have_text("24.000,00")
    expect(row.locator("td").nth(4)).to_have_text("Skal faktureres")
