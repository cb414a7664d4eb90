"""The org charts drawn in a real browser, readable by everyone."""

from datetime import date

import pytest
from playwright.sync_api import expect

from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Assignment, Body, BodyRelation
from os2org.organisation.services import assign_role, save_person
from os2org.sync.organisation_page import import_organisation_page
from tests.browser.test_accessibility import axe_violations
from tests.conftest import SEEDS, seed
from tests.handbook.test_published_site import handbook

pytestmark = pytest.mark.browser


@pytest.fixture
def organisation_server(live_server, transactional_db):
    """The live server with a small organisation, names with Mermaid's special characters included."""
    association = Body.objects.create(name="Foreningen", slug="foreningen", kind=Body.Kind.ASSOCIATION)
    board = Body.objects.create(name="Bestyrelsen", slug="bestyrelsen", kind=Body.Kind.BOARD, parent=association)
    committee = Body.objects.create(
        name='Udvalg "Nord" (A & B) #1', slug="udvalg", kind=Body.Kind.COMMITTEE, parent=association, position=1
    )
    BodyRelation.objects.create(source=board, target=committee)
    chair = save_person(name="Ane Holm")
    assign_role(chair, body=board, starts=date(2020, 1, 1), function=Assignment.Function.CHAIR, hours_per_week=2)
    return live_server.url


def test_chart_draws_both_diagrams_with_the_holders(page, organisation_server):
    page.goto(f"{organisation_server}/organisation/diagram/")

    diagrams = page.locator("pre.mermaid svg")
    expect(diagrams).to_have_count(2)
    # The public sees who holds what, not their hours (Viewer.sees_hours).
    expect(diagrams.first).to_contain_text("Ane Holm (forperson)")
    expect(diagrams.first).to_contain_text('Udvalg "Nord" (A & B) #1')
    expect(diagrams.last).to_contain_text('Udvalg "Nord" (A & B) #1')
    expect(diagrams.last).to_contain_text("Foreningen")


def test_chart_has_no_accessibility_violations(page, organisation_server, axe_source):
    page.goto(f"{organisation_server}/organisation/diagram/")
    expect(page.locator("pre.mermaid svg")).to_have_count(2)

    assert axe_violations(page, axe_source) == []


@pytest.fixture
def seed_server(live_server, transactional_db):
    """The live server with the organisation imported from the seeds' organisation page."""
    organisation_page = seed("001")
    import_handbook([SEEDS])
    import_organisation_page(Page.objects.get(path=organisation_page.name))
    return live_server.url


def test_chart_of_the_seed_organisation_has_no_accessibility_violations(page, seed_server, axe_source):
    page.goto(f"{seed_server}/organisation/diagram/")
    diagrams = page.locator("pre.mermaid svg")
    expect(diagrams).to_have_count(2)
    expect(diagrams.last).to_contain_text("OS2-fællesskabet")

    assert axe_violations(page, axe_source) == []


@pytest.fixture
def large_server(live_server, transactional_db):
    """An organisation of more bodies than one chart shows: two programmes of 40 groups each."""
    association = Body.objects.create(name="Foreningen", slug="foreningen", kind=Body.Kind.ASSOCIATION)
    for number in (1, 2):
        programme = Body.objects.create(
            name=f"Program {number}", slug=f"program-{number}", kind=Body.Kind.PROGRAMME, parent=association
        )
        for inner in range(40):
            Body.objects.create(
                name=f"Gruppe {number}.{inner}", slug=f"gruppe-{number}-{inner}", kind=Body.Kind.WORKING_GROUP,
                parent=programme, position=inner,
            )
    return live_server.url


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_of_a_large_organisation_leads_to_each_part_without_accessibility_violations(
    page, large_server, axe_source, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{large_server}/organisation/diagram/")
    expect(page.locator("pre.mermaid svg")).to_have_count(2)
    assert axe_violations(page, axe_source) == []

    page.get_by_role("link", name="Diagram over de 40 organer nedenunder").first.click()

    expect(page.locator("h1")).to_have_text("Organisationsdiagrammer: Program 1")
    expect(page.locator(".org-chart-text li")).to_have_count(41)


@pytest.fixture
def coloured_server(organisation_server, tmp_path):
    """The small organisation, beside a handbook whose own colour scheme makes its links navy."""
    handbook(
        tmp_path,
        {"index.md": "---\ntitle: Forside\n---\n\n# Forside\n"},
        config="color_scheme: forening\n",
        files={"_sass/color_schemes/forening.scss": "$link-color: #183385;\n"},
    )
    return organisation_server


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_is_drawn_in_the_associations_colour_without_accessibility_violations(
    page, coloured_server, axe_source, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{coloured_server}/organisation/diagram/")
    box = page.locator("pre.mermaid svg .node rect, pre.mermaid svg .node path").first
    expect(box).to_be_visible()

    fill, stroke = box.evaluate("node => [getComputedStyle(node).fill, getComputedStyle(node).stroke]")

    assert (fill, stroke) == ("rgb(220, 224, 237)", "rgb(24, 51, 133)")
    assert axe_violations(page, axe_source) == []
