"""Reading the handbook and the roles in a browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# WCAG AA for normal-size text; axe cannot see the shapes behind SVG labels.
MINIMUM_CONTRAST = 4.5

LABEL_CONTRASTS = """() => {
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const shapes = ":scope > rect, :scope > path, :scope > circle, :scope > polygon";
  return Array.from(document.querySelectorAll("pre.mermaid g.node, pre.mermaid g.cluster"), (node) => {
    const label = node.querySelector(".nodeLabel");
    const ink = luminance(getComputedStyle(label).color);
    const paper = luminance(getComputedStyle(node.querySelector(shapes)).fill);
    return [label.textContent, (Math.max(ink, paper) + 0.05) / (Math.min(ink, paper) + 0.05)];
  });
}"""


def test_organisation_page_draws_both_diagrams(page, demo_server):
    page.goto(f"{demo_server}/side/organisation/")

    diagrams = page.locator("pre.mermaid svg")
    expect(diagrams).to_have_count(2)
    expect(diagrams.first).to_contain_text("Generalforsamling")


def test_organisation_page_diagram_labels_are_readable(page, demo_server):
    page.goto(f"{demo_server}/side/organisation/")
    expect(page.locator("pre.mermaid svg")).to_have_count(2)

    contrasts = page.evaluate(LABEL_CONTRASTS)

    assert len(contrasts) == 25
    assert [(label, round(ratio, 2)) for label, ratio in contrasts if ratio < MINIMUM_CONTRAST] == []


def test_role_page_shows_the_must_tasks(page, demo_server):
    page.goto(f"{demo_server}/roller/produktkoordinator/")

    must = page.get_by_role("region", name="MUST (3)")
    expect(must).to_be_visible()
    expect(must.get_by_role("listitem")).to_have_text([
        "Være Product Owner for fællesskabets backlog.",
        "Lede koordinationsgruppens møder og skrive beslutningerne ned.",
        "Være fællesskabets faste kontakt til leverandøren.",
    ])


def test_language_can_be_switched_to_english(page, demo_server):
    page.goto(f"{demo_server}/roller/")
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.get_by_role("navigation", name="Sprog").get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Role catalogue")
    assert page.url == f"{demo_server}/en/roller/"
