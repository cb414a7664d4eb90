"""Meetings in a real browser: staff build an agenda, record a decision and its follow-up, remove an
item, and the next meeting of the body carries the follow-up; every meeting page passes axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from os2org.governance.meetings import services
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.browser.test_accessibility import axe_violations
from tests.governance.builders import decision, meeting

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


@pytest.fixture
def server(live_server, transactional_db):
    """The live server with a staff user and a board of two current members; its address."""
    make_user("staff", "secretariat")
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    for name in ("Ane Holm", "Bo Lund"):
        assign_role(save_person(name=name), body=board, starts=date(2025, 1, 1), hours_per_week=2)
    return live_server.url


def log_in(page, server, next_address):
    page.goto(f"{server}/konto/login/?next={next_address}")
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{server}{next_address}")


def plan_meeting(page, day, time):
    """From the meetings list: choose the board, plan a meeting of it; ends on the new meeting's page."""
    page.get_by_label("Body").select_option(label="Bestyrelsen")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Plan a meeting").click()
    page.get_by_label("Date").fill(day)
    page.get_by_label("Time").fill(time)
    page.get_by_label("Place").fill("Mødelokale 1")
    page.get_by_role("button", name="Save").click()


def agenda_item(page, title):
    return page.locator("li.meeting-item", has=page.get_by_role("heading", name=title))


def test_staff_build_an_agenda_remove_an_item_and_follow_up_a_decision_at_the_next_meeting(page, server):
    log_in(page, server, "/en/moeder/")
    plan_meeting(page, "2026-03-05", "16:00")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestyrelsen March 5, 2026")
    expect(page.locator(".meeting-participants li")).to_have_text(["Ane Holm", "Bo Lund"])

    for title in ("Godkendelse af dagsorden", "Budget 2027", "Eventuelt"):
        page.get_by_role("link", name="Add an agenda item").click()
        page.get_by_label("Title").fill(title)
        page.get_by_role("button", name="Save").click()
    agenda_item(page, "Eventuelt").get_by_role("button", name="Move up").click()
    expect(page.locator(".meeting-agenda h3")).to_have_text(
        ["1. Godkendelse af dagsorden", "2. Eventuelt", "3. Budget 2027"]
    )

    agenda_item(page, "Budget 2027").get_by_role("link", name="Record outcome").click()
    page.get_by_label("decision", exact=True).check()
    page.get_by_label("Decision or note").fill("Budgettet godkendes.")
    page.get_by_role("button", name="Save").click()
    agenda_item(page, "Budget 2027").get_by_role("link", name="Add follow-up").click()
    page.get_by_label("Action").fill("Send budgettet til medlemmerne")
    page.get_by_label("Owner (person)").select_option(label="Ane Holm")
    page.get_by_label("Due").fill("2026-04-01")
    page.get_by_role("button", name="Save").click()

    budget = agenda_item(page, "Budget 2027")
    expect(budget.locator(".meeting-outcome")).to_have_text("Decision Budgettet godkendes.", use_inner_text=True)
    expect(budget.locator(".meeting-follow-ups tbody tr td")).to_have_text(["Ane Holm", "April 1, 2026", "Open Overdue"])

    agenda_item(page, "Eventuelt").get_by_role("link", name="Remove item").click()
    page.get_by_role("button", name="Remove the item").click()
    expect(page.locator(".meeting-agenda h3")).to_have_text(["1. Godkendelse af dagsorden", "2. Budget 2027"])
    expect(page.locator(".meeting-removed-title")).to_have_text(["Eventuelt"])

    page.goto(f"{server}/en/moeder/")
    plan_meeting(page, "2026-04-09", "16:00")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestyrelsen April 9, 2026")
    carried = page.locator("#follow-up tbody tr")
    expect(carried.locator("th, td")).to_have_text(
        ["Send budgettet til medlemmerne", "Bestyrelsen March 5, 2026", "Ane Holm", "April 1, 2026", "Open Overdue"]
    )


@pytest.fixture
def made(server):
    """A meeting with a case brief, a decision and its follow-up, minutes sent and answered once;
    and the next meeting of the board."""
    board = Body.objects.get(slug="bestyrelsen")
    participants = list(board.assignments.values_list("person", flat=True))
    march = meeting(board, "2026-03-05 16:00", participants=participants)
    services.add_agenda_item(march, title="Godkendelse af dagsorden", description="Dagsordenen *godkendes*.")
    budget = decision(march, "Budget 2027", "Budgettet godkendes.")
    services.save_case_brief(
        budget,
        purpose="decision",
        date=date(2026, 2, 20),
        aim="Et **budget** for 2027.",
        analysis="- Indtægter\n- Udgifter",
    )
    ane = march.participants.get(name="Ane Holm")
    follow_up = services.add_follow_up(budget, title="Send budgettet", due=date(2026, 4, 1), owner_person=ane)
    minutes = services.send_minutes(services.write_minutes(march, text="Referatet af mødet."))
    services.answer_minutes(minutes, person=ane, answer="approved")
    april = meeting(board, "2026-04-09 16:00", participants=participants)
    return {"march": march, "april": april, "budget": budget, "follow_up": follow_up}


def staff_pages(made):
    march, budget = made["march"].pk, made["budget"].pk
    return [
        "/en/moeder/",
        "/moeder/",
        f"/en/moeder/{march}/",
        f"/en/moeder/{made['april'].pk}/",
        "/en/moeder/nyt/?organ=bestyrelsen",
        f"/en/moeder/{march}/rediger/",
        f"/en/moeder/{march}/punkter/nyt/",
        f"/en/punkter/{budget}/rediger/",
        f"/en/punkter/{budget}/sagsoplaeg/",
        f"/en/punkter/{budget}/udfald/",
        f"/en/punkter/{budget}/opfoelgning/ny/",
        f"/en/opfoelgning/{made['follow_up'].pk}/",
        f"/en/moeder/{march}/referat/",
        f"/en/moeder/{march}/referat/svar/",
    ]


def test_meeting_pages_for_staff_have_no_accessibility_violations(page, server, made, axe_source):
    log_in(page, server, "/en/moeder/")
    found = {}
    for address in staff_pages(made):
        page.goto(f"{server}{address}")
        found[address] = axe_violations(page, axe_source)

    assert found == {address: [] for address in staff_pages(made)}


def test_meeting_pages_for_the_public_have_no_accessibility_violations(page, server, made, axe_source):
    addresses = ["/moeder/", f"/moeder/{made['march'].pk}/", f"/opfoelgning/{made['follow_up'].pk}/"]
    found = {}
    for address in addresses:
        page.goto(f"{server}{address}")
        found[address] = axe_violations(page, axe_source)

    assert found == {address: [] for address in addresses}


def test_follow_up_form_with_errors_has_no_accessibility_violations(page, server, made, axe_source):
    log_in(page, server, f"/en/punkter/{made['budget'].pk}/opfoelgning/ny/")
    page.get_by_label("Action").fill("Send budgettet")
    page.get_by_label("Due").fill("2026-03-01")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#field-owner_person .errorlist")).to_have_text("Name the owner: either a person or a role.")
    assert axe_violations(page, axe_source) == []


def test_moving_an_item_keeps_the_reader_at_the_item(page, server, made):
    log_in(page, server, f"/en/moeder/{made['march'].pk}/")
    agenda_item(page, "Budget 2027").get_by_role("button", name="Move up").click()

    expect(page).to_have_url(f"{server}/en/moeder/{made['march'].pk}/#item-{made['budget'].pk}")
    expect(page.locator(".meeting-agenda h3")).to_have_text(["1. Budget 2027", "2. Godkendelse af dagsorden"])
