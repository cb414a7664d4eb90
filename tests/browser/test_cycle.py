"""The annual cycle in a real browser: the wheel is drawn, its marks lead to their activities, no axe violations."""

from datetime import date, time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from os2org.governance.cycle.wheel import NAMED_MOST
from os2org.governance.models import Activity
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.browser.test_accessibility import axe_violations
from tests.governance.cycle_data import make_activity, make_role

pytestmark = pytest.mark.browser


@pytest.fixture
def cycle(live_server, transactional_db):
    """This year's cycle: a monthly board meeting, a newsletter on two dates, a role review; the server's address."""
    year = timezone.localdate().year
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    chief = make_role("Sekretariatschef", reviewed_on=date(year - 1, 6, 12))
    assign_role(save_person(name="Ane Holm"), body=board, role=chief, starts=date(year - 1, 1, 1), hours_per_week=37)
    make_activity(
        title="Bestyrelsesmøde",
        body=board,
        role=chief,
        starts=date(year, 1, 1),
        time=time(17, 0),
        rule="FREQ=MONTHLY;BYDAY=2TU",
        description="Dagsorden sendes *en uge* før.",
    )
    make_activity(
        title="Nyhedsbrev",
        kind="communication",
        audience="members",
        starts=None,
        dates=[date(year, 3, 2), date(year, 9, 1)],
    )
    return live_server.url


def test_wheel_is_drawn_with_a_band_or_a_mark_per_activity(page, cycle):
    page.goto(f"{cycle}/en/aarshjul/")

    # The monthly meeting is a band, the newsletter a mark with two dots; the role's review is for members.
    expect(page.locator(".cycle-bands a")).to_have_count(1)
    expect(page.locator(".cycle-marks a")).to_have_count(1)
    expect(page.locator(".cycle-marks path")).to_have_count(2)
    expect(page.locator(".cycle-month-name")).to_have_count(12)
    box = page.locator(".cycle-wheel-svg").bounding_box()
    assert box["width"] > 300 and abs(box["width"] - box["height"]) < 1


def test_wheel_mark_leads_to_its_activity(page, cycle):
    page.goto(f"{cycle}/en/aarshjul/")

    page.locator(".cycle-marks .cycle-kind-communication path").first.click()

    expect(page.locator("h1")).to_have_text("Nyhedsbrev")
    assert page.url == f"{cycle}/en/aarshjul/aktiviteter/{Activity.objects.get(title='Nyhedsbrev').pk}/"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        # A band (the monthly meeting), and a mark with a dot in each of its months (the newsletter).
        ("Bestyrelsesmøde (meeting), 12 times in {year}: every month", "Bestyrelsesmøde"),
        ("Nyhedsbrev (communication), March 2 and September 1, {year}", "Nyhedsbrev"),
    ],
)
def test_wheel_link_is_named_for_the_keyboard(page, cycle, name, title):
    page.goto(f"{cycle}/en/aarshjul/")

    # On the wheel: the key beside it has a link of the same name too.
    link = page.locator(".cycle-wheel-svg").get_by_role("link", name=name.format(year=timezone.localdate().year))
    link.focus()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text(title)


def test_wheel_prints_alone_on_the_page(page, cycle):
    page.goto(f"{cycle}/en/aarshjul/")
    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".cycle-years")).to_be_hidden()
    # A landscape sheet: the wheel takes more than half its width, the key the rest, beside it.
    wheel = page.locator(".cycle-wheel-svg").bounding_box()
    key = page.locator(".cycle-key").bounding_box()
    main = page.locator("main").bounding_box()
    assert (wheel["width"] > 0.5 * main["width"], key["x"] > wheel["x"] + wheel["width"]) == (True, True)


@pytest.mark.parametrize("address", ["/en/aarshjul/", "/aarshjul/", "/aarshjul/kommende/", "/aarshjul/aktiviteter/"])
def test_cycle_pages_have_no_accessibility_violations(page, cycle, axe_source, address):
    page.goto(f"{cycle}{address}")

    assert axe_violations(page, axe_source) == []


def test_activity_page_has_no_accessibility_violations(page, cycle, axe_source):
    page.goto(f"{cycle}/aarshjul/aktiviteter/{Activity.objects.get(title='Bestyrelsesmøde').pk}/")

    assert axe_violations(page, axe_source) == []


def log_in(page, address):
    make_user("staff", "secretariat")
    page.goto(address)
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def test_activity_form_has_no_accessibility_violations(page, cycle, axe_source):
    log_in(page, f"{cycle}/en/aarshjul/aktiviteter/ny/")

    expect(page.locator("h1")).to_have_text("Add an activity")
    assert axe_violations(page, axe_source) == []


def test_activity_form_with_errors_has_no_accessibility_violations(page, cycle, axe_source):
    log_in(page, f"{cycle}/en/aarshjul/aktiviteter/ny/")
    page.get_by_role("textbox", name="Title").fill("Umulig")
    page.get_by_role("combobox", name="Kind").select_option(label="deadline")
    page.get_by_role("radio", name="by a rule written in RFC 5545 (for experts)").check()
    page.get_by_role("textbox", name="First date").fill("2026-01-01")
    page.get_by_role("textbox", name="Custom rule (RFC 5545)").fill("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#field-rule .errorlist")).to_contain_text("This schedule gives no date")
    assert axe_violations(page, axe_source) == []


def test_activity_form_saves_the_second_tuesday(page, cycle):
    log_in(page, f"{cycle}/en/aarshjul/aktiviteter/ny/")
    page.get_by_role("textbox", name="Title").fill("Styregruppemøde")
    page.get_by_role("combobox", name="Kind").select_option(label="meeting")
    page.get_by_role("radio", name="a weekday of the month, such as the second Tuesday").check()
    page.get_by_role("textbox", name="First date").fill("2026-01-01")
    page.get_by_role("combobox", name="Which").select_option(label="second")
    page.get_by_role("combobox", name="Weekday").select_option(label="Tuesday")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("h1")).to_have_text("Styregruppemøde")
    expect(page.locator(".facts dd").nth(1)).to_have_text("The second Tuesday of every month")


def test_feeds_page_has_no_accessibility_violations(page, cycle, axe_source):
    log_in(page, f"{cycle}/en/aarshjul/kalendere/")
    page.get_by_role("button", name="Make a calendar address for the whole organisation").click()

    expect(page.locator("#feed-organisation + code")).to_contain_text("/en/kalender/")
    assert axe_violations(page, axe_source) == []


def test_activity_form_shows_only_the_fields_of_the_schedule_chosen(page, cycle):
    log_in(page, f"{cycle}/en/aarshjul/aktiviteter/ny/")

    page.get_by_role("radio", name="on the dates listed").check()

    expect(page.locator("#group-dates")).to_be_visible()
    expect(page.locator("#field-starts")).to_be_hidden()
    expect(page.locator("#group-custom")).to_be_hidden()
    expect(page.locator("#group-monthly")).to_be_hidden()


def test_activity_form_previews_the_next_dates_as_they_are_typed(page, cycle):
    log_in(page, f"{cycle}/en/aarshjul/aktiviteter/ny/")

    page.get_by_role("radio", name="every year on the first date").check()
    page.get_by_role("textbox", name="First date").fill("2099-03-01")

    expect(page.locator("#schedule-preview [data-preview-text]")).to_have_text("every year on March 1")
    expect(page.locator("#schedule-preview li").first).to_have_text("March 1, 2099")


@pytest.fixture
def crowded(live_server, transactional_db):
    """A year of more activities than the wheel names one by one; the server's address."""
    year = timezone.localdate().year
    for number in range(NAMED_MOST + 1):
        make_activity(title=f"Arbejdsgruppemøde {number}", starts=date(year, 1 + number % 12, 1 + number % 28))
    return live_server.url


@pytest.mark.parametrize("width", [1280, 390])
def test_wheel_of_counts_has_no_accessibility_violations(page, crowded, axe_source, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{crowded}/aarshjul/")

    expect(page.locator(".cycle-tallies a")).to_have_count(12)
    assert axe_violations(page, axe_source) == []


def test_wheel_count_leads_to_its_months_list(page, crowded):
    page.goto(f"{crowded}/en/aarshjul/")

    page.locator(".cycle-tallies path").nth(2).click()

    expect(page.locator("#by-month")).to_have_text(f"March {timezone.localdate().year}")
    expect(page.locator(".cycle-list li")).to_have_count(9)
