from os2org.handbook.navigation import breadcrumbs, build_menu, page_outline
from os2org.handbook.pages import read_handbook, read_page


def page(path, **front_matter):
    lines = "".join(f"{key}: {value}\n" for key, value in front_matter.items())
    return read_page(path, f"---\n{lines}---\n\n# {path}\n")


def menu(pages):
    return [item.as_dict() for item in build_menu(pages)]


def leaf(title, path):
    return {"title": title, "path": path, "children": []}


def test_menu_of_seeds(seeds_dir):
    assert menu(read_handbook([seeds_dir])) == [
        {
            "title": "Organisation og Roller",
            "path": "001_32309d65a2a482eb.txt",
            "children": [
                leaf("Sekretariatschef", "000_4dff61e3b6ef9578.txt"),
                leaf("Funktionsbeskrivelse – Produktkoordinator i OS2", "004_b27aa161d9b97970.txt"),
                leaf("Forretningskoordinator", "003_30aefb0d176d687f.txt"),
                leaf("Funktionsbeskrivelse – Programleder i OS2", "002_732739d95dfc85da.txt"),
            ],
        }
    ]


def test_menu_of_demo(demo_dir):
    assert menu(read_handbook([demo_dir])) == [
        leaf("Velkommen", "index.md"),
        {
            "title": "Organisation og roller",
            "path": "organisation.md",
            "children": [
                leaf("Sekretariatschef", "roller/sekretariatschef.md"),
                leaf("Forretningskoordinator", "roller/forretningskoordinator.md"),
                leaf("Produktkoordinator", "roller/produktkoordinator.md"),
                leaf("Kommunikationsmedarbejder", "roller/kommunikationsmedarbejder.md"),
                leaf("Funktionsbeskrivelse – Programleder i Fælleskode", "roller/programleder.md"),
            ],
        },
        leaf("Årshjul", "arshjul.md"),
        {
            "title": "Skrivevejledning",
            "path": "vejledning.md",
            "children": [
                leaf("Links mellem sider", "vejledning/links.md"),
                {
                    "title": "Gode vaner",
                    "path": "vejledning/skrivning.md",
                    "children": [
                        {
                            "title": "Sprog",
                            "path": "vejledning/skrivning/sprog.md",
                            "children": [leaf("Ordvalg", "vejledning/skrivning/ord.md")],
                        }
                    ],
                },
                leaf("Tom side", "vejledning/tom.md"),
            ],
        },
        leaf("Udkast til nyhedsbrev", "kladde-udkast.md"),
    ]


def test_menu_leaves_out_nav_exclude():
    pages = [page("a.md", title="A"), page("b.md", title="B", nav_exclude="true")]
    assert menu(pages) == [leaf("A", "a.md")]


def test_menu_leaves_out_children_of_nav_exclude_parent():
    pages = [page("a.md", title="A", nav_exclude="true"), page("b.md", title="B", parent="A")]
    assert menu(pages) == []


def test_menu_leaves_out_page_without_front_matter():
    pages = [page("a.md", title="A"), read_page("kladde.md", "# Kladde\n")]
    assert menu(pages) == [leaf("A", "a.md")]


def test_menu_leaves_out_page_without_title():
    pages = [page("a.md", title="A"), page("b.md", layout="default")]
    assert menu(pages) == [leaf("A", "a.md")]


def test_menu_leaves_out_page_with_unknown_parent():
    pages = [page("a.md", title="A"), page("b.md", title="B", parent="Findes ikke")]
    assert menu(pages) == [leaf("A", "a.md")]


def test_menu_sorts_numbered_pages_first_then_by_title():
    pages = [
        page("c.md", title="charlie"),
        page("two.md", title="Zulu", nav_order=2),
        page("a.md", title="Alfa"),
        page("one.md", title="Yankee", nav_order=1),
        page("b.md", title="bravo"),
    ]
    assert [item["title"] for item in menu(pages)] == ["Yankee", "Zulu", "Alfa", "bravo", "charlie"]


def test_menu_sorts_fractional_nav_order():
    pages = [page("b.md", title="B", nav_order=2), page("a.md", title="A", nav_order=1.5)]
    assert [item["title"] for item in menu(pages)] == ["A", "B"]


def test_menu_nests_three_levels():
    pages = [
        page("a.md", title="A"),
        page("b.md", title="B", parent="A"),
        page("c.md", title="C", parent="B", grand_parent="A"),
    ]
    assert menu(pages) == [
        {"title": "A", "path": "a.md", "children": [{"title": "B", "path": "b.md", "children": [leaf("C", "c.md")]}]}
    ]


def test_menu_goes_deeper_than_three_levels():
    # just-the-docs allows any depth since 0.10.
    pages = [
        page("a.md", title="A"),
        page("b.md", title="B", parent="A"),
        page("c.md", title="C", parent="B"),
        page("d.md", title="D", parent="C"),
    ]
    assert menu(pages)[0]["children"][0]["children"] == [
        {"title": "C", "path": "c.md", "children": [leaf("D", "d.md")]}
    ]


def test_menu_shows_a_page_that_is_its_own_parent_once():
    pages = [page("a.md", title="A"), page("b.md", title="B", parent="A"), page("c.md", title="B", parent="B")]
    assert menu(pages) == [{"title": "A", "path": "a.md", "children": [{"title": "B", "path": "b.md", "children": [leaf("B", "c.md")]}]}]


def test_menu_grand_parent_picks_the_right_parent():
    pages = [
        page("x.md", title="X"),
        page("y.md", title="Y"),
        page("x-roller.md", title="Roller", parent="X"),
        page("y-roller.md", title="Roller", parent="Y"),
        page("x-chef.md", title="Chef", parent="Roller", grand_parent="X"),
        page("y-leder.md", title="Leder", parent="Roller", grand_parent="Y"),
    ]
    assert menu(pages) == [
        {
            "title": "X",
            "path": "x.md",
            "children": [{"title": "Roller", "path": "x-roller.md", "children": [leaf("Chef", "x-chef.md")]}],
        },
        {
            "title": "Y",
            "path": "y.md",
            "children": [{"title": "Roller", "path": "y-roller.md", "children": [leaf("Leder", "y-leder.md")]}],
        },
    ]


def test_breadcrumbs_follow_parents():
    pages = [
        page("a.md", title="A"),
        page("b.md", title="B", parent="A"),
        page("c.md", title="C", parent="B"),
    ]
    assert [crumb.path for crumb in breadcrumbs(pages, pages[2])] == ["a.md", "b.md"]


def test_breadcrumbs_stop_at_a_cycle():
    pages = [page("a.md", title="A", parent="B"), page("b.md", title="B", parent="A")]
    assert [crumb.path for crumb in breadcrumbs(pages, pages[0])] == ["b.md"]


def test_breadcrumbs_of_top_page_are_empty():
    pages = [page("a.md", title="A")]
    assert breadcrumbs(pages, pages[0]) == []


def test_breadcrumbs_grand_parent_picks_the_right_parent():
    pages = [
        page("x.md", title="X"),
        page("y.md", title="Y"),
        page("x-roller.md", title="Roller", parent="X"),
        page("y-roller.md", title="Roller", parent="Y"),
        page("y-leder.md", title="Leder", parent="Roller", grand_parent="Y"),
    ]
    assert [crumb.path for crumb in breadcrumbs(pages, pages[4])] == ["y.md", "y-roller.md"]


def test_outline_reads_the_sections_and_their_anchors():
    html = '<h1>Titel</h1><h2 id="a">Første &amp; bedste</h2><p>x</p><h2 id="b">Med <em>vægt</em></h2><h3 id="c">Under</h3>'

    assert page_outline(html) == [("a", "Første & bedste"), ("b", "Med vægt")]


def test_outline_skips_a_section_without_an_anchor():
    assert page_outline("<h2>Uden anker</h2>") == []
