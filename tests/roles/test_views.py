import pytest

from os2org.handbook.services import import_handbook
from tests.conftest import DEMO
from tests.dom import attribute, children, element, elements, parse, text, texts
from tests.handbooks import write_handbook


@pytest.fixture
def demo(db):
    import_handbook([DEMO])


def rows(table):
    return [texts(children(row)) for row in elements(table, "tr")]


def task_groups(document):
    """(heading, tasks) for each priority section of a role page, in order."""
    return [
        (text(element(section, "h3")), texts(elements(section, "li")))
        for section in elements(document, "section", class_="task-group")
    ]


def test_catalogue_lists_every_role_in_name_order(client, demo):
    response = client.get("/roller/")

    assert response.status_code == 200
    assert rows(element(parse(response), "table", class_="catalogue")) == [
        ["Rolle", "MUST", "SHOULD", "COULD", "Timer pr. uge", "Refererer til"],
        ["Forretningskoordinator", "5", "3", "3", "Timetal: fuldtid eller deltid efter aftale.", "Sekretariatschefen"],
        ["Kommunikationsmedarbejder", "4", "3", "3", "37", "Sekretariatschefen"],
        ["Produktkoordinator", "3", "2", "2", "5–15", "Styregruppen"],
        ["Programleder", "6", "4", "3", "30–37", "Sekretariatschefen"],
        ["Sekretariatschef", "4", "3", "2", "37", "Bestyrelsen"],
    ]


def test_catalogue_orders_roles_by_name_not_by_file(client, db, tmp_path):
    for file, role in [("a.md", "sekretariatschef.md"), ("b.md", "forretningskoordinator.md")]:
        (tmp_path / file).write_bytes((DEMO / "roller" / role).read_bytes())
    import_handbook([tmp_path])

    response = client.get("/roller/")

    names = texts(elements(element(parse(response), "tbody"), "a"))
    assert names == ["Forretningskoordinator", "Sekretariatschef"]


def test_catalogue_links_every_role_to_its_page(client, demo):
    response = client.get("/roller/")

    links = elements(element(parse(response), "tbody"), "a")
    assert [attribute(a, "href") for a in links] == [
        "/roller/forretningskoordinator/",
        "/roller/kommunikationsmedarbejder/",
        "/roller/produktkoordinator/",
        "/roller/programleder/",
        "/roller/sekretariatschef/",
    ]


def test_catalogue_without_roles_says_how_to_get_one(client, db):
    response = client.get("/roller/")

    document = parse(response)
    assert elements(document, "table") == []
    assert texts(elements(element(document, "main"), "p")) == [
        "Ingen funktionsbeskrivelser endnu. En side, hvis overskrift lyder "
        "“Funktionsbeskrivelse – X i …”, bliver til en, når håndbogen indlæses."
    ]


def test_catalogue_heading_is_danish_by_default(client, demo):
    response = client.get("/roller/")

    document = parse(response)
    assert attribute(element(document, "html"), "lang") == "da"
    assert text(element(document, "h1")) == "Rollekatalog"


def test_catalogue_heading_is_english_under_en(client, demo):
    document = parse(client.get("/en/roller/"))

    assert (attribute(element(document, "html"), "lang"), text(element(document, "h1"))) == ("en", "Role catalogue")


def test_danish_reader_with_english_browser_still_gets_danish_at_plain_addresses(client, demo):
    document = parse(client.get("/roller/", HTTP_ACCEPT_LANGUAGE="en"))

    assert text(element(document, "h1")) == "Rollekatalog"


@pytest.mark.parametrize(("address", "current"), [("/roller/", "Dansk"), ("/en/roller/", "English")])
def test_language_links_name_each_language_in_itself(client, demo, address, current):
    links = elements(element(parse(client.get(address)), "nav", class_="language-links"), "a")

    assert [(attribute(a, "href"), attribute(a, "lang"), text(a)) for a in links] == [
        ("/roller/", "da", "Dansk"),
        ("/en/roller/", "en", "English"),
    ]
    assert [text(a) for a in links if attribute(a, "aria-current") == "true"] == [current]


def test_pages_set_no_cookie(client, demo):
    assert client.get("/roller/").cookies == {}


def test_role_page_groups_tasks_by_priority(client, demo):
    response = client.get("/roller/produktkoordinator/")

    assert response.status_code == 200
    assert task_groups(parse(response)) == [
        (
            "MUST (3)",
            [
                "Være Product Owner for fællesskabets backlog.",
                "Lede koordinationsgruppens møder og skrive beslutningerne ned.",
                "Være fællesskabets faste kontakt til leverandøren.",
            ],
        ),
        (
            "SHOULD (2)",
            [
                "Hverve nye anvendere blandt foreningens medlemmer.",
                "Forberede en årlig status til styregruppen.",
            ],
        ),
        (
            "COULD (2)",
            [
                "Skrive en kort case om produktet til foreningens nyhedsbrev.",
                "Deltage i netværksmøder med andre produktkoordinatorer.",
            ],
        ),
    ]


def test_role_page_shows_the_terms(client, demo):
    response = client.get("/roller/produktkoordinator/")

    facts = element(parse(response), "dl", class_="facts")
    assert list(zip(texts(elements(facts, "dt")), texts(elements(facts, "dd")))) == [
        ("Timer pr. uge", "5–15"),
        ("Refererer til", "Styregruppen"),
        ("Personaleansvar", "nej"),
        ("Budgetansvar", "nej"),
        ("Revision", "Funktionsbeskrivelsen revideres årligt."),
        ("Side i håndbogen", "roller/produktkoordinator.md"),
    ]
    assert attribute(element(facts, "a"), "href") == "/side/roller/produktkoordinator/"


def test_role_page_shows_purpose_and_sections(client, demo):
    response = client.get("/roller/produktkoordinator/")

    main = element(parse(response), "main")
    assert text(element(main, "h1")) == "Produktkoordinator"
    assert texts(elements(main, "h2")) == [
        "Formål",
        "Opgaver efter prioritet",
        "Ansvarsområder",
        "Faglige kompetencer",
        "Personlige kvalifikationer",
        "Samarbejdsrelationer",
    ]


def test_role_page_without_tasks_of_a_priority_says_so(client, db, tmp_path):
    write_handbook(tmp_path, roles=1)
    page = tmp_path / "rolle-01.md"
    page.write_text(page.read_text(encoding="utf-8").replace("- Opgave 01 der kan løses.\n", ""), encoding="utf-8")
    import_handbook([tmp_path])

    response = client.get("/roller/rolle-01/")

    could = elements(parse(response), "section", class_="task-group")[2]
    assert text(element(could, "h3")) == "COULD (0)"
    assert texts(elements(could, "p")) == ["Løses, når der er tid til overs.", "Ingen opgaver."]


def test_role_unknown_is_not_found(client, demo):
    assert client.get("/roller/findes-ikke/").status_code == 404


@pytest.mark.parametrize("size", [1, 50])
def test_catalogue_queries_do_not_grow_with_the_roles(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=size)])

    # The data's version; the roles with their task counts; the menu rows; the site's settings.
    with django_assert_num_queries(4):
        response = client.get("/roller/")

    assert len(elements(element(parse(response), "tbody"), "tr")) == size


@pytest.mark.parametrize("size", [1, 50])
def test_catalogue_served_again_reads_only_the_version(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=size)])
    first = client.get("/roller/")

    with django_assert_num_queries(1):
        again = client.get("/roller/")

    assert again.content == first.content


def test_catalogue_shows_a_new_import_at_once(client, db, tmp_path):
    import_handbook([write_handbook(tmp_path / "before", roles=1)])
    client.get("/roller/")
    import_handbook([write_handbook(tmp_path / "after", roles=2)])

    assert len(elements(element(parse(client.get("/roller/")), "tbody"), "tr")) == 2


@pytest.mark.parametrize("size", [1, 50])
def test_role_page_queries_do_not_grow_with_the_tasks(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=1, must_tasks=size)])

    # The role with its page; the data's version; its tasks; its holders; the menu rows;
    # the site's settings.
    with django_assert_num_queries(6):
        response = client.get("/roller/rolle-01/")

    assert [heading for heading, _tasks in task_groups(parse(response))] == [f"MUST ({size})", "SHOULD (1)", "COULD (1)"]


@pytest.mark.parametrize("size", [1, 50])
def test_role_page_served_again_reads_only_the_version(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=1, must_tasks=size)])
    first = client.get("/roller/rolle-01/")

    with django_assert_num_queries(1):
        again = client.get("/roller/rolle-01/")

    assert again.content == first.content


def test_unknown_role_is_not_cached_as_found(client, db, tmp_path):
    client.get("/roller/rolle-01/")
    import_handbook([write_handbook(tmp_path, roles=1)])

    assert client.get("/roller/rolle-01/").status_code == 200


def test_role_page_marks_handbook_text_as_danish_in_the_english_interface(client, demo):
    document = parse(client.get("/en/roller/produktkoordinator/"))

    assert (attribute(element(document, "html"), "lang"), attribute(element(document, "h1"), "lang")) == ("en", "da")


def test_role_page_for_a_signed_in_reader_is_not_shared_with_the_public(client, demo, django_user_model):
    # A name no page of the demo contains.
    client.force_login(django_user_model.objects.create_user("zqxreader", password="x" * 12))
    client.get("/roller/produktkoordinator/")
    client.logout()

    assert "zqxreader" not in client.get("/roller/produktkoordinator/").content.decode()
