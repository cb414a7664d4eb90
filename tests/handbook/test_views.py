import pytest

from os2org.handbook.services import import_handbook
from tests.conftest import DEMO
from tests.dom import attribute, element, elements, menu, parse, text, texts
from tests.handbooks import write_handbook

DEMO_MENU = [
    ("Velkommen", "/side/index/", []),
    (
        "Organisation og roller",
        "/side/organisation/",
        [
            ("Sekretariatschef", "/side/roller/sekretariatschef/", []),
            ("Forretningskoordinator", "/side/roller/forretningskoordinator/", []),
            ("Produktkoordinator", "/side/roller/produktkoordinator/", []),
            ("Kommunikationsmedarbejder", "/side/roller/kommunikationsmedarbejder/", []),
            ("Funktionsbeskrivelse – Programleder i Fælleskode", "/side/roller/programleder/", []),
        ],
    ),
    ("Årshjul", "/side/arshjul/", []),
    (
        "Skrivevejledning",
        "/side/vejledning/",
        [
            ("Links mellem sider", "/side/vejledning/links/", []),
            (
                "Gode vaner",
                "/side/vejledning/skrivning/",
                [("Sprog", "/side/vejledning/skrivning/sprog/", [("Ordvalg", "/side/vejledning/skrivning/ord/", [])])],
            ),
            ("Tom side", "/side/vejledning/tom/", []),
        ],
    ),
    ("Udkast til nyhedsbrev (udkast)", "/side/kladde-udkast/", []),
]
# Every page runs the design system's script and folds its menus with the app's own; nothing else runs without diagrams.
FRAME_SCRIPTS = ["/static/vendor/dkfds/js/dkfds.min.js", "/static/os2org/menu.js"]


@pytest.fixture
def demo(db):
    import_handbook([DEMO])


def scripts(response):
    return [attribute(script, "src") for script in elements(parse(response), "script")]


def test_home_redirects_to_the_index_page(client, demo):
    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, "/side/index/")


def test_home_without_pages_says_the_handbook_is_empty(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert text(element(parse(response), "h1")) == "Håndbogen er tom"


def test_page_shows_its_rendered_body(client, demo):
    response = client.get("/side/organisation/")

    assert response.status_code == 200
    document = parse(response)
    assert text(element(document, "title")) == "Organisation og roller · Fælleskode-håndbogen"
    assert texts(elements(element(document, "article"), "h2")) == [
        "Foreningens opbygning",
        "Organisationsdiagram",
        "Roller i og omkring sekretariatet",
        "Produktfællesskaberne",
        "Samarbejdspartnere",
        # just-the-docs' list of the page's children.
        "Indholdsfortegnelse",
    ]
    assert text(element(document, "p", class_="page-source")) == "Kilde: organisation.md"


def test_page_renders_the_menu_as_just_the_docs_would(client, demo):
    response = client.get("/side/organisation/")

    assert menu(parse(response)) == DEMO_MENU


def test_page_is_marked_as_current_in_the_menu(client, demo):
    response = client.get("/side/roller/produktkoordinator/")

    current = elements(element(parse(response), "nav", class_="side-menu"), "a", aria_current="page")
    assert texts(current) == ["Produktkoordinator"]


def test_page_has_the_same_menu_on_every_view(client, demo):
    for address in ["/roller/", "/roller/produktkoordinator/", "/soeg/?q=rolle"]:
        assert menu(parse(client.get(address))) == DEMO_MENU


def test_page_shows_breadcrumbs_to_its_parent(client, demo):
    response = client.get("/side/roller/produktkoordinator/")

    crumbs = element(parse(response), "nav", class_="breadcrumbs")
    assert texts(elements(crumbs, "li")) == ["Organisation og roller", "Produktkoordinator"]
    assert [attribute(a, "href") for a in elements(crumbs, "a")] == ["/side/organisation/"]


def test_page_at_the_top_has_no_breadcrumbs(client, demo):
    response = client.get("/side/organisation/")

    assert elements(parse(response), "nav", class_="breadcrumbs") == []


def test_page_left_out_of_the_menu_is_reachable_by_its_address(client, demo):
    response = client.get("/side/noter/intern-huskeliste/")

    assert response.status_code == 200
    document = parse(response)
    assert text(element(element(document, "article"), "h1")) == "Intern huskeliste"
    assert menu(document) == DEMO_MENU
    assert texts(elements(element(document, "nav", class_="breadcrumbs"), "li")) == ["Årshjul", "Intern huskeliste"]


def test_page_without_front_matter_shows_a_notice(client, demo):
    response = client.get("/side/kladde-uden-front-matter/")

    assert response.status_code == 200
    document = parse(response)
    assert texts(elements(document, "p", class_="notice")) == [
        "Siden har ingen front matter, så Jekyll udgiver den ikke. Den gemmes her og kan søges frem."
    ]
    assert text(element(element(document, "article"), "h1")) == "Kladde"
    assert menu(document) == DEMO_MENU


def test_page_with_front_matter_shows_no_notice(client, demo):
    response = client.get("/side/arshjul/")

    assert elements(parse(response), "p", class_="notice") == []


def test_page_of_a_role_description_links_to_the_role(client, demo):
    response = client.get("/side/roller/produktkoordinator/")

    notice = element(parse(response), "p", class_="notice")
    assert text(notice) == "Se Produktkoordinator i rollekataloget"
    assert attribute(element(notice, "a"), "href") == "/roller/produktkoordinator/"


def test_page_with_diagrams_loads_mermaid(client, demo):
    response = client.get("/side/organisation/")

    assert scripts(response) == [*FRAME_SCRIPTS, "/static/vendor/mermaid.min.js", "/static/os2org/diagrams.js"]
    assert len(elements(parse(response), "pre", class_="mermaid")) == 2


@pytest.mark.parametrize("address", ["/side/index/", "/side/arshjul/", "/roller/", "/soeg/?q=rolle"])
def test_page_without_diagrams_loads_no_scripts(client, demo, address):
    assert scripts(client.get(address)) == FRAME_SCRIPTS


def test_page_unknown_is_not_found(client, demo):
    assert client.get("/side/findes-ikke/").status_code == 404


def test_page_drops_scripts_and_javascript_links(client, db, tmp_path):
    (tmp_path / "farlig.md").write_text(
        "---\ntitle: Farlig\n---\n\n# Farlig\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
        encoding="utf-8",
    )
    import_handbook([tmp_path])

    response = client.get("/side/farlig/")

    assert response.status_code == 200
    document = parse(response)
    assert [attribute(script, "src") for script in elements(document, "script")] == FRAME_SCRIPTS
    assert [attribute(a, "href") for a in elements(element(document, "article"), "a")] == []
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert 'href="javascript:' not in response.content.decode()


@pytest.mark.parametrize("size", [1, 50])
def test_page_queries_do_not_grow_with_the_menu(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=size)])

    # The page with its role; the data's version; the menu rows, which also
    # give the breadcrumbs; the site's settings (its _config.yml).
    with django_assert_num_queries(4):
        response = client.get("/side/rolle-01/")

    assert len(menu(parse(response))[0][2]) == size


@pytest.mark.parametrize("size", [1, 50])
def test_page_served_again_reads_only_the_version(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=size)])
    first = client.get("/side/rolle-01/")

    with django_assert_num_queries(1):
        again = client.get("/side/rolle-01/")

    assert again.content == first.content


def test_page_shows_a_new_import_at_once(client, db, tmp_path):
    import_handbook([write_handbook(tmp_path / "before", roles=1)])
    client.get("/side/rolle-01/")
    import_handbook([write_handbook(tmp_path / "after", roles=2)])

    assert len(menu(parse(client.get("/side/rolle-01/")))[0][2]) == 2


def test_page_lists_its_sections_beside_the_text(client, demo):
    toc = element(parse(client.get("/side/vejledning/")), "nav", class_="page-toc")

    assert [(text(link), attribute(link, "href")) for link in elements(toc, "a")] == [
        ("Overskrifter med faste ankre", "#faste-ankre"),
        ("Overskrifter uden anker", "#overskrifter-uden-anker"),
        ("Fremhævede bokse ny", "#fremhævede-bokse-ny"),
        ("Knapper og etiketter", "#knapper-og-etiketter"),
        ("Tjekliste", "#tjekliste"),
        ("Links på mange måder", "#links-på-mange-måder"),
    ]


def test_page_without_sections_has_no_table_of_contents(client, demo):
    assert elements(parse(client.get("/side/index/")), "nav", class_="page-toc") == []
