"""A handbook shown as its owners publish it: links, Liquid, _config.yml, files and the theme's behaviour."""

import pytest

from os2org.handbook.links import SiteMap, published_url
from os2org.handbook.models import Asset, Page
from os2org.handbook.services import export_handbook, import_handbook
from tests.dom import attribute, element, elements, parse, text, texts

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n"


def handbook(folder, pages, config=None, files=None):
    """Write pages ({path: text}), a _config.yml and files ({path: bytes}) into `folder` and import it."""
    folder.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (folder / "_config.yml").write_text(config, encoding="utf-8")
    for path, source in {**pages, **(files or {})}.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            (folder / path).write_bytes(source)
        else:
            (folder / path).write_text(source, encoding="utf-8")
    import_handbook([folder], replace=True)
    return folder


def page(title, body="", **front_matter):
    lines = [f"title: {title}", *(f"{key}: {value}" for key, value in front_matter.items())]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def links(slug):
    return [attribute(a, "href") for a in elements(element(parse_page(slug), "article"), "a")]


def parse_page(slug, client=None):
    from django.test import Client

    return parse((client or Client()).get(f"/side/{slug}/"))


def html_of(path):
    return Page.objects.get(path=path).html


# Published addresses.


def test_page_is_published_at_its_path_as_html():
    assert published_url("dir/side.md") == "/dir/side.html"


def test_index_is_published_at_its_folder():
    assert (published_url("index.md"), published_url("dir/index.md")) == ("/", "/dir/")


def test_permalink_is_the_published_address():
    assert published_url("dir/side.md", "/om/") == "/om/"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("./roller/chef", ("page", "roller/chef.md", "")),
        ("roller/chef.html", ("page", "roller/chef.md", "")),
        ("roller/chef#mål", ("page", "roller/chef.md", "mål")),
        ("/haandbog/roller/chef.html", ("page", "roller/chef.md", "")),
        ("#mål", ("anchor", "index.md", "mål")),
        ("dir/", ("page", "dir/index.md", "")),
        ("dir", ("page", "dir/index.md", "")),
        ("billede.png", ("asset", "billede.png", "")),
        ("mangler.html", ("broken", "", "")),
        ("https://example.org/x", ("outside", "", "")),
    ],
)
def test_link_resolves_as_the_published_site_resolves_it(href, expected):
    site = SiteMap(
        [("index.md", "/"), ("roller/chef.md", "/roller/chef.html"), ("dir/index.md", "/dir/")],
        ["billede.png"],
        baseurl="/haandbog",
    )
    target = site.resolve(href, "index.md")
    assert (target.kind, target.path, target.fragment) == expected


def test_link_to_the_md_file_is_repaired_and_marked_so():
    site = SiteMap([("a/b.md", "/a/b.html"), ("c.md", "/c.html")])
    target = site.resolve("../c.md", "a/b.md")
    assert (target.kind, target.path, target.repaired) == ("page", "c.md", True)


# Links shown in os2org.


def test_links_lead_to_os2orgs_address_for_the_page_and_anchor(tmp_path):
    handbook(
        tmp_path,
        {
            "index.md": page("Forside", "[a](./dir/side) [b](dir/side.html#mål) [c](dir/side.md) [d](#top)\n"),
            "dir/side.md": page("Side", "[op](../index.html) [her](side#mål) [forside](../)\n\n## Mål\n"),
        },
    )
    assert (links("index"), links("dir/side")) == (
        ["../dir/side/", "../dir/side/#mål", "../dir/side/", "#top"],
        ["../../index/", "#mål", "../../index/"],
    )


def test_link_broken_on_the_published_site_is_kept_as_written(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "[x](findes-ikke.html)\n")})
    assert links("index") == ["findes-ikke.html"]


def test_liquid_link_tag_and_baseurl(tmp_path):
    handbook(
        tmp_path,
        {
            "index.md": page("Forside", "[x]({% link dir/side.md %}) og {{ site.baseurl }}/ og {{ page.title }}\n"),
            "dir/side.md": page("Side"),
        },
        config="baseurl: /hb\n",
    )
    assert (links("index"), text(element(parse_page("index"), "article"))) == (
        ["../dir/side/"],
        # The page has no heading of its own, so the reader shows its title.
        "Forside x og /hb/ og Forside",
    )


def test_liquid_raw_is_kept_as_written(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "`{% raw %}{{ site.title }}{% endraw %}`\n")})
    assert "<code>{{ site.title }}</code>" in html_of("index.md")


def test_links_are_repaired_when_the_page_they_lead_to_is_imported_later(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "[x](ny.html)\n")})
    (tmp_path / "ny.md").write_text(page("Ny"), encoding="utf-8")
    import_handbook([tmp_path / "ny.md"])
    assert links("index") == ["../ny/"]


def test_links_follow_a_page_that_moves_to_a_new_permalink(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "[x](/om/)\n"), "side.md": page("Side")})
    (tmp_path / "side.md").write_text(page("Side", permalink="/om/"), encoding="utf-8")
    import_handbook([tmp_path / "side.md"])
    assert links("index") == ["../side/"]


# The site's configuration.

CONFIG = """title: Egebjerg-håndbogen
description: Sådan arbejder vi.
logo: /assets/logo.png
aux_links:
  Vores kode:
    - https://example.org/kode
back_to_top: true
back_to_top_text: Op igen
callouts:
  husk:
    title: Husk
    color: green
"""


def test_header_shows_the_sites_title_and_logo(tmp_path, client):
    handbook(tmp_path, {"index.md": page("Forside", "# Forside\n")}, config=CONFIG, files={"assets/logo.png": PNG})
    header = element(parse_page("index", client), "header")
    assert (text(element(header, "a", class_="site-name")), attribute(element(header, "img"), "src")) == (
        "Egebjerg-håndbogen",
        "/filer/assets/logo.png",
    )


def test_page_title_ends_with_the_sites_title(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "# Forside\n")}, config=CONFIG)
    assert text(element(parse_page("index"), "title")) == "Forside · Egebjerg-håndbogen"


def test_description_is_the_pages_description(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "# Forside\n")}, config=CONFIG)
    metas = elements(parse_page("index"), "meta")
    assert [attribute(meta, "content") for meta in metas if attribute(meta, "name") == "description"] == [
        "Sådan arbejder vi."
    ]


def test_aux_links_are_in_the_header(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "# Forside\n")}, config=CONFIG)
    nav = element(parse_page("index"), "nav", class_="aux-links")
    assert [(text(a), attribute(a, "href")) for a in elements(nav, "a")] == [("Vores kode", "https://example.org/kode")]


def test_custom_callout_gets_its_title(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "{: .husk }\nTag kaffe med.\n")}, config=CONFIG)
    style = text(element(parse_page("index"), "style"))
    assert '.handbook-page p.husk::before, .handbook-page blockquote.husk::before { content: "Husk";' in style


def test_callout_title_cannot_break_out_of_the_style(tmp_path):
    config = 'callouts:\n  note:\n    title: "</style><script>alert(1)</script>"\n'
    handbook(tmp_path, {"index.md": page("Forside", "{: .note }\nx\n")}, config=config)
    style = text(element(parse_page("index"), "style"))
    assert ("</style>" not in style, "<" not in style) == (True, True)


def test_without_callouts_in_the_config_the_usual_ones_have_danish_titles(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "{: .warning }\nx\n")})
    assert 'content: "Advarsel"' in text(element(parse_page("index"), "style"))


def test_back_to_top_link_with_its_text(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "# Forside\n")}, config=CONFIG)
    link = element(element(parse_page("index"), "p", class_="back-to-top"), "a")
    assert (text(link), attribute(link, "href")) == ("Op igen", "#top")


def test_config_is_exported_as_it_was_read(tmp_path):
    handbook(tmp_path / "in", {"index.md": page("Forside")}, config=CONFIG, files={"assets/logo.png": PNG})
    export_handbook(tmp_path / "out")
    assert ((tmp_path / "out" / "_config.yml").read_text(), (tmp_path / "out" / "assets/logo.png").read_bytes()) == (
        CONFIG,
        PNG,
    )


# The handbook's files.


def test_image_is_served_with_the_page(tmp_path, client):
    handbook(tmp_path, {"index.md": page("Forside", "![Kort](billeder/kort.png)\n")}, files={"billeder/kort.png": PNG})
    image = element(element(parse_page("index", client), "article"), "img")
    response = client.get("/filer/billeder/kort.png")
    assert (attribute(image, "src"), response.status_code, response["Content-Type"], response.content) == (
        "../../filer/billeder/kort.png",
        200,
        "image/png",
        PNG,
    )


def test_svg_file_is_sandboxed(tmp_path, client):
    handbook(tmp_path, {"index.md": page("Forside")}, files={"x.svg": b"<svg><script>alert(1)</script></svg>"})
    response = client.get("/filer/x.svg")
    assert (response["Content-Security-Policy"], response["X-Content-Type-Options"]) == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "nosniff",
    )


def test_file_used_only_by_an_internal_page_is_internal(tmp_path, client):
    handbook(tmp_path, {"intern.md": page("Intern", "[Referat](referat.pdf)\n")}, files={"referat.pdf": b"%PDF-1.4"})
    Page.objects.filter(path="intern.md").update(visibility="internal")
    handbook(tmp_path, {"intern.md": page("Intern", "[Referat](referat.pdf)\n")}, files={"referat.pdf": b"%PDF-1.4"})
    assert (Asset.objects.get().visibility, client.get("/filer/referat.pdf").status_code) == ("internal", 404)


def test_file_outside_the_allowed_kinds_is_not_stored(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside")}, files={"script.js": b"alert(1)", "a.png": PNG})
    assert list(Asset.objects.values_list("path", flat=True)) == ["a.png"]


# The theme's behaviour.


def test_parent_page_lists_its_children_at_the_end(tmp_path):
    handbook(tmp_path, {"a.md": page("A", "# A\n"), "b.md": page("B", parent="A"), "c.md": page("C", parent="A")})
    document = parse_page("a")
    assert (
        text(element(document, "h2", class_="text-delta")),
        texts(elements(element(document, "ul", class_="child-pages"), "a")),
    ) == (
        "Indholdsfortegnelse",
        ["B", "C"],
    )


def test_parent_page_with_has_toc_false_lists_no_children(tmp_path):
    handbook(tmp_path, {"a.md": page("A", "# A\n", has_toc="false"), "b.md": page("B", parent="A")})
    assert elements(parse_page("a"), "ul", class_="child-pages") == []


def test_menu_goes_deeper_than_three_levels(tmp_path):
    handbook(
        tmp_path,
        {
            "a.md": page("A"),
            "b.md": page("B", parent="A"),
            "c.md": page("C", parent="B", grand_parent="A"),
            "d.md": page("D", parent="C", grand_parent="B"),
        },
    )
    assert [text(a) for a in elements(element(parse_page("d"), "nav", class_="side-menu"), "a")] == ["A", "B", "C", "D"]


def test_menu_is_open_on_the_way_to_the_page_and_shut_elsewhere(tmp_path):
    handbook(
        tmp_path,
        {"a.md": page("A"), "b.md": page("B", parent="A"), "x.md": page("X"), "y.md": page("Y", parent="X")},
    )
    menu = element(parse_page("b"), "nav", class_="side-menu")
    assert [attribute(button, "aria-expanded") for button in elements(menu, "button")] == ["true", "false"]


def test_draft_page_says_so_and_is_marked_in_the_menu(tmp_path):
    handbook(tmp_path, {"kladde.md": page("Nyhedsbrev", "{: .warning }\nKladde: ikke færdig.\n")})
    document = parse_page("kladde")
    menu_link = element(element(document, "nav", class_="side-menu"), "a")
    assert (element(document, "p", class_="draft-notice") is not None, text(menu_link)) == (
        True,
        "Nyhedsbrev (udkast)",
    )


def test_nav_exclude_page_is_reachable_but_not_in_the_menu(tmp_path, client):
    handbook(tmp_path, {"a.md": page("A"), "skjult.md": page("Skjult", nav_exclude="true")})
    response = client.get("/side/skjult/")
    assert (response.status_code, texts(elements(element(parse(response), "nav", class_="side-menu"), "a"))) == (
        200,
        ["A"],
    )


def test_page_without_h1_front_matter_only_and_empty_all_render(tmp_path, client):
    handbook(tmp_path, {"a.md": page("A", "## Kun to\n"), "b.md": page("B"), "c.md": ""})
    assert [client.get(f"/side/{slug}/").status_code for slug in ("a", "b", "c")] == [200, 200, 200]


def test_dark_colour_scheme_of_the_config(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "# Forside\n")}, config="color_scheme: dark\n")
    assert attribute(element(parse_page("index"), "article"), "class") == "handbook-page scheme-dark"


def test_diagrams_are_drawn_with_the_mermaid_version_of_the_config(tmp_path):
    handbook(
        tmp_path,
        {"index.md": page("Forside", "```mermaid\ngraph TD\n  A --> B\n```\n")},
        config='mermaid:\n  version: "10.9.1"\n',
    )
    scripts = [attribute(script, "src") for script in elements(parse_page("index"), "script")]
    assert scripts == ["/static/vendor/dkfds/js/dkfds.min.js", "/static/os2org/menu.js", "/static/vendor/mermaid-10.min.js", "/static/os2org/diagrams.js"]


def test_diagrams_are_drawn_with_the_vendored_mermaid_without_a_version(tmp_path):
    handbook(tmp_path, {"index.md": page("Forside", "```mermaid\ngraph TD\n  A --> B\n```\n")})
    scripts = [attribute(script, "src") for script in elements(parse_page("index"), "script")]
    assert scripts == ["/static/vendor/dkfds/js/dkfds.min.js", "/static/os2org/menu.js", "/static/vendor/mermaid.min.js", "/static/os2org/diagrams.js"]
