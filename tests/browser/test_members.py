"""Members and money in Chromium: a member contact sees their own organisation's invoices and not another
authority's; every page passes axe-core at desk and phone width, for the secretariat and for a member contact.

The tests only read their world, so it is built once for the module (served_once); the secretariat's
registering of an agreement changes it, and is in test_members_journey.py."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from os2org.access.groups import MEMBER_CONTACT, SECRETARIAT
from os2org.members.models import Agreement, Contribution
from os2org.members.services import raise_contributions, set_contribution_status
from os2org.organisation.services import save_body, save_organisation
from tests.accounts import make_user
from tests.agreements import join
from tests.browser.conftest import served_once
from tests.browser.test_accessibility import WIDTHS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def build():
    """Two authorities in Booking, this year's fees worked out and Egeby's invoiced; a log-in for each side."""
    booking = save_body(name="Fælleskode Booking", kind="product_community")
    egeby = save_organisation(name="Egeby Kommune", kind="municipality", cvr="38990608", ean="5798000410015")
    nyby = save_organisation(name="Nyby Kommune", kind="municipality", cvr="34037655")
    join(egeby, booking, annual_fee=Decimal(42000))
    join(nyby, booking, annual_fee=Decimal(24000))
    year = timezone.localdate().year
    raise_contributions(year)
    line = Contribution.objects.get(agreement__organisation=egeby)
    set_contribution_status(line, status="invoiced", invoice_number="F-2001", invoiced_on=date(year, 2, 1))
    users = [make_user("sekretaer", SECRETARIAT), make_user("kontakt", MEMBER_CONTACT, authority=egeby)]
    return {
        "egeby": egeby,
        "nyby": nyby,
        "booking": booking,
        "sessions": {user.username: _session(user) for user in users},
    }


def _session(user):
    """A session of `user`, made with the world: on PostgreSQL a session written inside a test's
    transaction is not seen by the server's own connection, and the browser would meet the log-in page."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def money(browser, django_db_setup, django_db_blocker):
    with served_once(django_db_blocker, build) as (built, address):
        yield built, address


def sign_in_as(page, money, username):
    """Give the browser the session the world made for `username`."""
    built, server = money
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": built["sessions"][username], "url": server}]
    )


SECRETARIAT_PAGES = {
    "overview": lambda built: "/medlemmer/",
    "agreements": lambda built: "/medlemmer/aftaler/",
    "agreement": lambda built: Agreement.objects.order_by("pk").first().get_absolute_url(),
    "new agreement": lambda built: "/medlemmer/aftaler/ny/",
    "notice": lambda built: f"/medlemmer/aftaler/{Agreement.objects.order_by('pk').first().pk}/opsigelse/",
    "contributions": lambda built: "/medlemmer/bidrag/",
    "outstanding": lambda built: "/medlemmer/bidrag/udestaaende/",
    "contribution": lambda built: f"/medlemmer/bidrag/{Contribution.objects.order_by('pk').first().pk}/",
    "payments": lambda built: "/medlemmer/betalinger/",
    "organisation": lambda built: f"/medlemmer/organisationer/{built['egeby'].slug}/",
    "in English": lambda built: "/en/medlemmer/",
}
CONTACT_PAGES = {
    "overview": lambda built: "/medlemmer/",
    "own organisation": lambda built: f"/medlemmer/organisationer/{built['egeby'].slug}/",
    "contributions": lambda built: "/medlemmer/bidrag/",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SECRETARIAT_PAGES)
def test_money_page_for_the_secretariat_has_no_accessibility_violations(
    page, money, django_db_blocker, axe_source, name, width
):
    built, server = money
    page.set_viewport_size({"width": width, "height": 844})
    sign_in_as(page, money, "sekretaer")
    with django_db_blocker.unblock():
        address = SECRETARIAT_PAGES[name](built)

    response = page.goto(f"{server}{address}")

    # The page itself, not the log-in page a lost session would lead to.
    assert (response.status, response.url, axe_violations(page, axe_source)) == (200, f"{server}{address}", [])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CONTACT_PAGES)
def test_money_page_for_a_member_contact_has_no_accessibility_violations(page, money, axe_source, name, width):
    built, server = money
    page.set_viewport_size({"width": width, "height": 844})
    sign_in_as(page, money, "kontakt")

    address = CONTACT_PAGES[name](built)
    response = page.goto(f"{server}{address}")

    assert (response.status, response.url, axe_violations(page, axe_source)) == (200, f"{server}{address}", [])


def test_member_contact_sees_their_own_invoices(page, money):
    built, server = money
    sign_in_as(page, money, "kontakt")

    page.goto(f"{server}/medlemmer/")
    page.get_by_role("link", name="Egeby Kommune: aftaler og fakturaer").click()

    invoices = page.get_by_role("table", name="Fakturalinjer")
    expect(invoices.locator("tbody tr")).to_have_count(1)
    expect(invoices.locator("tbody tr td").nth(2)).to_have_text("42.000,00")
    expect(invoices.locator("tbody tr td").nth(3)).to_have_text("Faktureret (F-2001)")


def test_member_contact_does_not_see_another_authoritys_invoices(page, money):
    built, server = money
    sign_in_as(page, money, "kontakt")

    response = page.goto(f"{server}/medlemmer/organisationer/{built['nyby'].slug}/")
    page.goto(f"{server}/medlemmer/bidrag/")

    assert response.status == 404
    expect(page.locator(".members-contributions tbody th")).to_have_text(["Egeby Kommune"])
