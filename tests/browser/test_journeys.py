"""Each group's daily work in Chromium, end to end on the demo, as `make run` shows it, in Danish.

(The secretariat planning a meeting, recording a decision with a follow-up
and removing an item is in test_meetings.py.)
"""

import pytest
from playwright.sync_api import expect

from os2org.access.demo import LOGINS
from os2org.governance.models import Approval, Meeting, Minutes
from os2org.organisation.models import Assignment, Organisation, Person
from tests.accounts import PASSWORD, make_user

pytestmark = pytest.mark.browser

ACCOUNTS = {username: (group, person, authority) for username, group, person, authority in LOGINS}


def log_in(page, server, username):
    """Make the demo log-in `username` and log in with the form; ends on the start page after log-in."""
    group, name, authority = ACCOUNTS[username]
    make_user(
        username,
        group,
        person=Person.objects.get(name=name),
        authority=Organisation.objects.get(name=authority) if authority else None,
    )
    page.goto(f"{server}/konto/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{server}/mit-overblik/")


def test_a_board_member_answers_the_minutes_from_the_overview(page, living_demo):
    minutes = Minutes.objects.get(status=Minutes.Status.SENT)
    birgitte = Person.objects.get(name="Birgitte Skov")
    log_in(page, living_demo, "bestyrelse")

    page.locator("#minutes ~ ul").get_by_role("link", name="Svar på referatet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit svar på referatet")
    page.get_by_role("button", name="Godkend").click()

    expect(page.locator(".alert-success")).to_be_visible()
    page.goto(f"{living_demo}/mit-overblik/")
    expect(page.locator("#minutes")).to_have_text("Referater, der venter på dit svar (0)")
    assert Approval.objects.get(minutes=minutes, person=birgitte).answer == Approval.Answer.APPROVED


def test_a_coordinator_moves_their_communitys_meeting_and_opens_their_capacity(page, living_demo):
    meeting = Meeting.objects.filter(body__name="Styregruppen for Fælleskode Booking").order_by("-starts").first()
    assignment = Assignment.objects.get(person__name="Mads Kjær", function=Assignment.Function.COORDINATOR)
    log_in(page, living_demo, "koordinator")

    page.locator("#ahead ~ ul").get_by_role("link", name=str(meeting)).click()
    page.get_by_role("link", name="Redigér møde").click()
    page.get_by_role("textbox", name="Sted").fill("Mødelokale 2")
    page.get_by_role("button", name="Gem").click()

    expect(page).to_have_url(f"{living_demo}/moeder/{meeting.pk}/")
    expect(page.locator("dl")).to_contain_text("Mødelokale 2")
    page.goto(f"{living_demo}/mit-overblik/")
    page.get_by_role("link", name="Opgaverne over for timerne").click()
    expect(page).to_have_url(f"{living_demo}/organisation/tildelinger/{assignment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mads Kjær")


def test_a_member_contact_reads_their_authoritys_communities(page, living_demo):
    log_in(page, living_demo, "kontakt")

    authority = page.locator("#authority ~ ul")
    expect(authority.get_by_role("link")).to_have_text(["Fælleskode Booking"])
    authority.get_by_role("link", name="Fælleskode Booking").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Fælleskode Booking")
    expect(page.locator(".org-members")).to_contain_text("Region Vestkyst")


def test_the_public_reads_the_handbook_and_the_public_decisions(page, living_demo):
    page.goto(f"{living_demo}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("nav.site-links").get_by_role("link", name="Beslutninger").click()

    expect(page.locator(".register-title")).to_have_text(
        ["Principper for nye produkter i foreningen", "Optagelse af to nye medlemmer"]
    )
    page.locator(".register-title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.startswith(f"{living_demo}/moeder/")
