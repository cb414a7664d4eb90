"""The secretariat reviews a product against the standards in Chromium: it answers the checklist,
completes the review, and finds the points not met as follow-ups on the follow-up list. Every page on
the way has no accessibility violations, on a wide screen and on a phone. In English (/en/): the
interface is switchable, and the words asserted are the msgids themselves."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from os2org.access.groups import SECRETARIAT
from os2org.organisation.models import Body, Person
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.standards.models import Checklist
from os2org.standards.services import Judgement, PointRow, answer_review, complete_review, save_checklist, start_review
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.browser


@pytest.fixture
def product(live_server, transactional_db):
    """A product with a coordinator in its role, and a checklist of three standards, on a server of their own."""
    booking = save_body(name="Fælleskode Booking", kind=Body.Kind.PRODUCT_COMMUNITY)
    save_person(name="Rikke Revisor")
    role = make_role("Produktkoordinator")
    assign_role(save_person(name="Mads Kjær"), body=booking, role=role, starts=date(2025, 1, 1), hours_per_week=5)
    points = [
        PointRow("Licens", "En godkendt **licens**."),
        PointRow("Adfærdskodeks"),
        PointRow("Tilgængelighedserklæring"),
    ]
    save_checklist(name="Fælles standarder", points=points)
    return live_server.url, booking


@pytest.mark.parametrize("width", WIDTHS)
def test_secretariat_runs_a_review_and_sees_its_deviations_as_follow_ups(page, product, axe_source, width):
    server, booking = product
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, server, make_user("sekretaer", SECRETARIAT))

    page.goto(f"{server}/en/standarder/produkter/{booking.slug}/")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="New review").click()
    page.get_by_label("Checklist").select_option(label="Fælles standarder")
    page.get_by_label("Reviewer").select_option(label="Rikke Revisor")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Answers of the review of Fælleskode Booking")
    assert axe_violations(page, axe_source) == []
    for number, result in [(1, "Not met"), (2, "Met"), (3, "Not met")]:
        page.locator(f"#point-{number}").get_by_label(result, exact=True).check()
    page.locator("#point-1").get_by_label("Comment").fill("Ingen LICENSE-fil i repository.")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Complete the review").click()
    assert axe_violations(page, axe_source) == []
    page.get_by_label("Owner (role)").select_option(label="Produktkoordinator")
    # Due today: the follow-up list shows what is overdue or due this week.
    page.get_by_label("Due").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The review is completed with 2 deviations.")).to_be_visible()
    assert axe_violations(page, axe_source) == []

    page.goto(f"{server}/en/opfoelgning/")
    deviations = page.locator("table[aria-labelledby='elsewhere-deviation'] tbody th")
    expect(deviations).to_have_text(["Licens", "Tilgængelighedserklæring"])
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_deviation_and_checklist_pages_have_no_accessibility_violations(page, product, axe_source, width):
    server, booking = product
    checklist = Checklist.objects.get()
    review = start_review(
        product=booking,
        checklist=checklist,
        held_on=date(2026, 11, 20),
        reviewer=Person.objects.get(name="Rikke Revisor"),
    )
    answers = review.answers.order_by("position")
    answer_review(review, judgements=[Judgement(a.pk, "not_met", "Mangler.") for a in answers])
    (deviation, *_rest) = complete_review(review, owner_person=Person.objects.get(name="Mads Kjær"))
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, server, make_user("sekretaer", SECRETARIAT))

    for address in [
        "/en/standarder/",
        "/en/standarder/afvigelser/",
        f"/en/standarder/afvigelser/{deviation.pk}/",
        f"/en/standarder/afvigelser/{deviation.pk}/luk/",
        "/en/standarder/tjeklister/",
        f"/en/standarder/tjeklister/{checklist.pk}/",
        f"/en/standarder/tjeklister/{checklist.pk}/rediger/",
        f"/en/standarder/produkter/{booking.slug}/",
    ]:
        page.goto(f"{server}{address}")
        assert (address, axe_violations(page, axe_source)) == (address, [])
