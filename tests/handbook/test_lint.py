from django.utils import translation

from os2org.handbook.links import published_url
from os2org.handbook.lint import Finding, lint
from os2org.handbook.pages import read_handbook, read_page
from os2org.handbook.rendering import Rendering
from os2org.handbook.site import SiteConfig

ROLE = """---
title: {title}
nav_order: 2
---

# Funktionsbeskrivelse – Chef i Foreningen

## Arbejdsopgaver og prioritering

### MUST
{must}
### SHOULD

- Noget vigtigt.

## Øvrige forhold

- {hours}
"""


def role(title="Chef", must="- Lede sekretariatet.\n", hours="37 timer pr. uge."):
    return read_page("chef.md", ROLE.format(title=title, must=must, hours=hours))


def places(findings):
    return [(f.path, f.line, f.code, f.severity) for f in findings]


def test_lint_of_seeds(seeds_dir):
    organisation = "001_32309d65a2a482eb.txt"
    assert places(lint(read_handbook([seeds_dir]))) == [
        *[(organisation, line, "empty-link", "warning") for line in range(91, 98)],
        (organisation, 158, "empty-link", "warning"),
        ("003_30aefb0d176d687f.txt", 94, "unparsed-hours", "warning"),
        ("004_b27aa161d9b97970.txt", 2, "title-mismatch", "error"),
    ]


def test_lint_of_seeds_title_mismatch_message(seeds_dir):
    with translation.override("en"):
        findings = lint(read_handbook([seeds_dir]))
    assert str(findings[-1]) == (
        "004_b27aa161d9b97970.txt:2: error: title-mismatch: The title “Funktionsbeskrivelse – "
        "Produktkoordinator i OS2” names another role than the heading “Kommunikationsmedarbejder”."
    )


def test_lint_of_seeds_empty_link_message(seeds_dir):
    with translation.override("en"):
        findings = lint(read_handbook([seeds_dir]))
    assert findings[0].message == "The link [Funktionsbeskrivelse]() has no address; add one or remove the link."


def test_lint_of_demo(demo_dir):
    assert places(lint(read_handbook([demo_dir]))) == [
        ("kladde-uden-front-matter.md", 1, "no-front-matter", "warning"),
        ("organisation.md", 90, "empty-link", "warning"),
        ("roller/forretningskoordinator.md", 83, "unparsed-hours", "warning"),
        ("vejledning/helt-tom.md", 1, "no-front-matter", "warning"),
    ]


def test_lint_of_demo_as_published(demo_dir):
    pages = read_handbook([demo_dir])
    findings = lint(pages, rendering=Rendering.of_files(pages, [demo_dir]))
    # The demo shows the .md style of links, which the published site leaves broken.
    assert [place for place in places(findings) if place[2] != "broken-link"] == [
        ("kladde-uden-front-matter.md", 1, "no-front-matter", "warning"),
        ("kladde-udkast.md", 9, "draft", "warning"),
        ("organisation.md", 90, "empty-link", "warning"),
        ("roller/forretningskoordinator.md", 83, "unparsed-hours", "warning"),
        ("vejledning/helt-tom.md", 1, "no-front-matter", "warning"),
        ("vejledning/skrivning.md", 8, "no-h1", "warning"),
    ]


def test_lint_of_demo_has_no_errors(demo_dir):
    assert [f for f in lint(read_handbook([demo_dir])) if f.severity == "error"] == []


def test_lint_unparsed_hours_message():
    with translation.override("en"):
        (finding,) = lint([role(hours="Timetal: efter aftale.")])
    assert finding == Finding(
        "chef.md",
        19,
        "unparsed-hours",
        "warning",
        "The hours “Timetal: efter aftale.” give no number of hours per week; write e.g. “37 timer pr. uge”.",
    )


def test_lint_impossible_hours_are_unparsed():
    assert places(lint([role(hours="Timetal: 0 timer pr. uge.")])) == [("chef.md", 19, "unparsed-hours", "warning")]


def test_lint_clean_role_has_no_findings():
    assert lint([role()]) == []


def test_lint_title_equal_to_full_heading_matches():
    page = role(title="Funktionsbeskrivelse – Chef i Foreningen")
    assert lint([page]) == []


def test_lint_title_mismatch_is_case_insensitive():
    assert lint([role(title="chef")]) == []


def test_lint_title_mismatch():
    findings = lint([role(title="Direktør")])
    assert places(findings) == [("chef.md", 2, "title-mismatch", "error")]


def test_lint_no_must_tasks_points_at_heading():
    findings = lint([role(must="")])
    assert places(findings) == [("chef.md", 6, "no-must-tasks", "warning")]


def test_lint_unknown_parent_points_at_parent_line():
    findings = lint([read_page("a.md", "---\ntitle: A\nlayout: default\nparent: Findes ikke\n---\n")])
    assert places(findings) == [("a.md", 4, "unknown-parent", "error")]


def test_lint_unknown_parent_message():
    with translation.override("en"):
        (finding,) = lint([read_page("a.md", "---\ntitle: A\nparent: Væk\n---\n")])
    assert finding.message == "No page has the title “Væk” named as parent; the page is missing from the menu."


def test_lint_parent_without_front_matter_is_unknown():
    pages = [read_page("a.md", "---\ntitle: A\nparent: Kladde\n---\n"), read_page("kladde.md", "# Kladde\n")]
    assert places(lint(pages)) == [
        ("a.md", 3, "unknown-parent", "error"),
        ("kladde.md", 1, "no-front-matter", "warning"),
    ]


def test_lint_duplicate_nav_order_reports_the_later_pages():
    pages = [
        read_page("a.md", "---\ntitle: A\nnav_order: 1\n---\n"),
        read_page("b.md", "---\ntitle: B\n\nnav_order: 1\n---\n"),
        read_page("c.md", "---\ntitle: C\nnav_order: 1\n---\n"),
        read_page("d.md", "---\ntitle: D\nnav_order: 2\n---\n"),
    ]
    assert places(lint(pages)) == [
        ("b.md", 4, "duplicate-nav-order", "warning"),
        ("c.md", 3, "duplicate-nav-order", "warning"),
    ]


def test_lint_duplicate_nav_order_message():
    pages = [
        read_page("a.md", "---\ntitle: A\nnav_order: 1\n---\n"),
        read_page("b.md", "---\ntitle: B\nnav_order: 1\n---\n"),
    ]
    with translation.override("en"):
        (finding,) = lint(pages)
    assert finding.message == "nav_order 1 is also used by a.md; the menu order is ambiguous."


def test_lint_same_nav_order_under_different_parents_is_fine():
    pages = [
        read_page("a.md", "---\ntitle: A\nnav_order: 1\n---\n"),
        read_page("b.md", "---\ntitle: B\nnav_order: 2\n---\n"),
        read_page("a1.md", "---\ntitle: A1\nparent: A\nnav_order: 1\n---\n"),
        read_page("b1.md", "---\ntitle: B1\nparent: B\nnav_order: 1\n---\n"),
    ]
    assert lint(pages) == []


def test_lint_same_nav_order_of_excluded_page_is_fine():
    pages = [
        read_page("a.md", "---\ntitle: A\nnav_order: 1\n---\n"),
        read_page("b.md", "---\ntitle: B\nnav_order: 1\nnav_exclude: true\n---\n"),
    ]
    assert lint(pages) == []


def test_lint_no_front_matter():
    assert places(lint([read_page("kladde.md", "# Kladde\n\nTekst.\n")])) == [
        ("kladde.md", 1, "no-front-matter", "warning")
    ]


def test_lint_no_front_matter_still_checks_links():
    assert places(lint([read_page("kladde.md", "# Kladde\n\n[her]()\n")])) == [
        ("kladde.md", 1, "no-front-matter", "warning"),
        ("kladde.md", 3, "empty-link", "warning"),
    ]


def test_lint_empty_link_line_counts_front_matter():
    page = read_page("a.md", "---\ntitle: A\n---\n\nSe [her]( ) og [der]().\n")
    assert places(lint([page])) == [("a.md", 5, "empty-link", "warning"), ("a.md", 5, "empty-link", "warning")]


def test_lint_empty_link_in_code_fence_is_not_reported():
    page = read_page("a.md", "---\ntitle: A\n---\n\n```markdown\n[eksempel]()\n```\n\n    [indrykket]()\n")
    assert lint([page]) == []


def test_lint_empty_link_line_with_crlf_and_bom():
    page = read_page("a.md", "\ufeff---\r\ntitle: A\r\n---\r\n\r\n[x]()\r\n")
    assert places(lint([page])) == [("a.md", 5, "empty-link", "warning")]


def test_lint_empty_link_line_after_unicode_line_separator():
    page = read_page("a.md", "---\ntitle: A\n---\nfoo\u2028bar\x0cbaz\n\n[x]()\n")
    assert places(lint([page])) == [("a.md", 6, "empty-link", "warning")]


def test_lint_findings_sorted_by_path_and_line():
    pages = [
        read_page("b.md", "---\ntitle: B\n---\n[x]()\n"),
        read_page("a.md", "---\ntitle: A\n---\n\n\n[y]()\n[z]()\n"),
    ]
    assert [(f.path, f.line) for f in lint(pages)] == [("a.md", 6), ("a.md", 7), ("b.md", 4)]


def test_finding_as_dict():
    finding = Finding("a.md", 3, "empty-link", "warning", "tekst")
    assert finding.as_dict() == {
        "path": "a.md",
        "line": 3,
        "code": "empty-link",
        "severity": "warning",
        "message": "tekst",
    }


def test_lint_message_is_danish_by_default():
    with translation.override("da"):
        (finding,) = lint([read_page("a.md", "---\ntitle: A\n---\n[her]()\n")])
    assert finding.message == "Linket [her]() har ingen adresse; tilføj en, eller fjern linket."


def prepared(pages, files=()):
    """Pages prepared as `handbook lint` prepares them, with their site's addresses."""
    rendering = Rendering.of(SiteConfig.from_data({}), [(p.path, published_url(p.path, p.permalink)) for p in pages], files)
    for page in pages:
        rendering.prepare(page)
    return pages, rendering


def linted(sources, files=(), public=None):
    pages, rendering = prepared([read_page(path, source) for path, source in sources.items()], files)
    with translation.override("en"):
        return [f for f in lint(pages, rendering=rendering, public=public) if f.code not in ("no-h1",)]


def test_lint_broken_link_names_the_target():
    (finding,) = linted({"a.md": "---\ntitle: A\n---\n\nSe [her](findes-ikke.html).\n"})
    assert finding == Finding(
        "a.md",
        5,
        "broken-link",
        "warning",
        "The link to findes-ikke.html leads nowhere: the published site has no page or file at /findes-ikke.html.",
    )


def test_lint_link_to_the_md_file_is_broken_on_the_published_site():
    (finding,) = linted({"a.md": "---\ntitle: A\n---\n\n[B](b.md#mål)\n", "b.md": "---\ntitle: B\n---\n\n## Mål\n"})
    assert (finding.code, finding.message) == (
        "broken-link",
        "The link to b.md#mål leads to the .md file, which the published site does not have "
        "(os2org leads it to the page); write b#mål instead.",
    )


def test_lint_link_in_html_is_checked_too():
    findings = linted({"a.md": '---\ntitle: A\n---\n\n<div>\n<a href="væk.html">x</a>\n</div>\n'})
    assert places(findings) == [("a.md", 6, "broken-link", "warning")]


def test_lint_image_that_is_a_file_of_the_handbook_is_fine():
    assert linted({"a.md": "---\ntitle: A\n---\n\n![Kort](kort.png)\n"}, files=["kort.png"]) == []


def test_lint_missing_anchor():
    findings = linted({"a.md": "---\ntitle: A\n---\n\n[B](b#mangler)\n", "b.md": "---\ntitle: B\n---\n\n## Mål\n"})
    assert [(f.code, f.message) for f in findings] == [
        ("missing-anchor", "The link b#mangler points to “#mangler”, which b.md has no heading or element for.")
    ]


def test_lint_anchor_on_the_same_page_is_checked():
    findings = linted({"a.md": "---\ntitle: A\n---\n\n[op](#toppen)\n\n## Bund\n"})
    assert places(findings) == [("a.md", 5, "missing-anchor", "warning")]


def test_lint_unknown_liquid_tag():
    findings = linted({"a.md": "---\ntitle: A\n---\n\n{% include footer.html %}\n"})
    assert [(f.line, f.code, f.message) for f in findings] == [
        (5, "liquid-unknown", "os2org does not understand the Liquid tag {% include %}; it is shown as it is written.")
    ]


def test_lint_liquid_link_to_a_missing_page():
    findings = linted({"a.md": "---\ntitle: A\n---\n\n[x]({% link væk.md %})\n"})
    assert [(f.line, f.code) for f in findings] == [(5, "broken-link")]


def test_lint_no_h1():
    pages, rendering = prepared([read_page("a.md", "---\ntitle: A\n---\n\n## Kun to\n")])
    assert places(lint(pages, rendering=rendering)) == [("a.md", 5, "no-h1", "warning")]


def test_lint_page_of_front_matter_only_needs_no_h1():
    pages, rendering = prepared([read_page("a.md", "---\ntitle: A\nhas_children: true\n---\n")])
    assert lint(pages, rendering=rendering) == []


def test_lint_email_and_phone_on_a_public_page():
    findings = linted({"a.md": "---\ntitle: A\n---\n\nSkriv til ane@example.org eller ring 12 34 56 78.\n"})
    assert [(f.code, f.message) for f in findings] == [
        (
            "personal-data",
            "The page is public and shows an e-mail address (ane@example.org); link to a contact page instead.",
        ),
        (
            "personal-data",
            "The page is public and shows a phone number (12 34 56 78); link to a contact page instead.",
        ),
    ]


def test_lint_personal_data_on_an_internal_page_is_fine():
    findings = linted({"a.md": "---\ntitle: A\n---\n\nRing +45 12345678.\n"}, public=lambda path: False)
    assert findings == []


def test_lint_personal_data_in_code_is_left_alone():
    assert linted({"a.md": "---\ntitle: A\n---\n\n```\nuser@example.org\n```\n"}) == []


def test_lint_draft():
    findings = linted({"a.md": "---\ntitle: A\n---\n\n{: .warning }\nUdkast – ikke godkendt.\n"})
    assert [(f.line, f.code) for f in findings] == [(6, "draft")]
