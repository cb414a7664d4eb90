from datetime import date

import pytest
from django.utils import timezone

from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.roles.models import RoleDescription
from tests.dom import attribute, children, element, elements, parse, text, texts
from tests.handbooks import write_handbook
from tests.organisation.coverage_org import EXPECTED_CSV, build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reader(board_member):
    """Coverage and capacity tell about named people's hours: the board reads them."""
    return board_member


@pytest.fixture
def made(tmp_path):
    made = build(tmp_path)
    # Pages report on today: keep the Koordinator's review from falling due as the years pass.
    RoleDescription.objects.filter(name="Koordinator").update(reviewed_on=timezone.localdate())
    return made


def rows(table):
    return [texts(children(row)) for row in elements(table, "tr")]


def section(document, name):
    return element(document, "section", aria_labelledby=name)


def test_coverage_page_counts_every_section(client, made):
    document = parse(client.get("/en/organisation/daekning/"))

    summary = element(document, "ul", class_="coverage-summary")
    assert texts(elements(summary, "li")) == [
        "MUST tasks nobody holds 2",
        "Vacant roles 1",
        "MUST tasks beyond the hours 1",
        "Communities without a coordinator 1",
        "Steering groups without members 1",
        "People over 100 % 1",
        "Yearly reviews past due 1",
        "Never reviewed 1",
        "Missing status reports 0",
        "Inquiry topics sent to the fallback role 0",
    ]
    assert texts(elements(element(document, "main"), "h2")) == [
        "MUST tasks nobody holds (2)",
        "Vacant roles (1)",
        "MUST tasks beyond the hours (1)",
        "Communities without a coordinator (1)",
        "Steering groups without members (1)",
        "People over 100 % (1)",
        "Yearly reviews past due (1)",
        "Never reviewed (1)",
        "Missing status reports (0)",
        "Inquiry topics sent to the fallback role (0)",
    ]


def test_coverage_page_reports_on_today(client, made):
    explain = elements(element(parse(client.get("/en/organisation/daekning/")), "main"), "p")[0]

    assert f"on {timezone.localdate().isoformat()}:" in text(explain)


def test_coverage_page_shows_the_findings(client, made):
    document = parse(client.get("/en/organisation/daekning/"))

    assert rows(element(section(document, "uncovered_must_tasks"), "table")) == [
        ["Role", "No.", "Task"],
        ["Kasserer", "1", "Føre regnskabet."],
        ["Kasserer", "2", "Betale regningerne."],
    ]
    assert rows(element(section(document, "must_tasks_beyond_hours"), "table")) == [
        ["Role", "Person", "Task"],
        ["Programleder", "Ane Holm", "Lede programmet."],
    ]
    assert rows(element(section(document, "communities_without_coordinator"), "table")) == [
        ["Community", "Kind"],
        ["OS2mo", "product community"],
    ]
    assert rows(element(section(document, "steering_groups_without_members"), "table")) == [
        ["Steering group", "Part of"],
        ["Styregruppen for OS2mo", "OS2mo"],
    ]
    assert rows(element(section(document, "reviews_due"), "table")) == [
        ["Role", "Last reviewed", "Due"],
        ["Programleder", "2024-01-01", "2025-01-01"],
    ]
    assert texts(elements(section(document, "never_reviewed"), "li")) == ["Kasserer"]


def test_coverage_page_shows_people_over_100_percent_with_the_percentage_as_text(client, made):
    people = section(parse(client.get("/en/organisation/daekning/")), "over_allocated_people")

    assert rows(element(people, "table")) == [
        ["Person", "Hours per week", "Contract hours", "Load"],
        ["Ane Holm", "44.40", "37", "120 %"],
    ]
    bar = element(people, "svg", class_="coverage-bar")
    assert (attribute(bar, "aria-hidden"), attribute(element(bar, "rect", class_="coverage-bar-load"), "width")) == (
        "true",
        "120",
    )


def test_coverage_page_links_to_roles_bodies_people_and_assignments(client, made):
    links = elements(element(parse(client.get("/en/organisation/daekning/")), "main"), "a")

    assert sorted({attribute(a, "href") for a in links if not attribute(a, "href").startswith("#")}) == [
        "/en/organisation/daekning.csv",
        "/en/organisation/organer/os2mo/",
        "/en/organisation/organer/styregruppen-for-os2mo/",
        "/en/organisation/personer/ane-holm/",
        f"/en/organisation/tildelinger/{made['lead'].pk}/",
        "/en/roller/kasserer/",
        "/en/roller/programleder/",
    ]


def test_coverage_page_of_an_empty_organisation_says_none(client, db):
    document = parse(client.get("/en/organisation/daekning/"))

    assert elements(element(document, "main"), "table") == []
    # Eight sections of its own, and the findings of the portfolio (reports missing) and of inquiries (topics
    # whose role is vacant).
    assert [texts(elements(s, "p"))[-1] for s in elements(document, "section")] == ["None."] * 10


def test_coverage_csv_is_an_attachment_in_utf8_with_a_byte_order_mark(client, made):
    response = client.get("/organisation/daekning.csv")

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        'attachment; filename="daekning.csv"',
    )
    assert response.content.decode("utf-8") == "\ufeff" + EXPECTED_CSV


def test_assignment_page_shows_person_role_body_hours_and_share(client, made):
    response = client.get(f"/en/organisation/tildelinger/{made['coordinator'].pk}/")

    facts = element(parse(response), "dl", class_="facts")
    assert list(zip(texts(elements(facts, "dt")), texts(elements(facts, "dd")))) == [
        ("Person", "Bo Lund"),
        ("Role", "Koordinator"),
        ("Body", "OS2kitos"),
        ("Function", "coordinator"),
        ("Hours per week", "12.33"),
        ("Share of a full year", "33 % of a full year"),
        ("From", "Jan. 1, 2026"),
    ]
    assert [attribute(a, "href") for a in elements(facts, "a")] == [
        "/en/organisation/personer/bo-lund/",
        "/en/roller/koordinator/",
        "/en/organisation/organer/os2kitos/",
    ]


def test_assignment_page_draws_the_line_where_the_hours_run_out(client, made):
    response = client.get(f"/en/organisation/tildelinger/{made['coordinator'].pk}/")

    table = element(parse(response), "table", class_="capacity-table")
    assert text(element(table, "caption")) == "Estimated 12.50 of 12.33 hours per week"
    assert rows(table) == [
        ["Priority", "Task", "Estimated hours", "Running total", "Covered"],
        ["MUST", "Lede møderne.", "4", "4", "within the hours"],
        ["MUST", "Skrive referater.", "no estimate", "4", "within the hours"],
        ["SHOULD", "Koordinator bør svare på henvendelser.", "8", "12", "within the hours"],
        ["The hours run out here (12.33 hours per week)"],
        ["COULD", "Koordinator kan skrive nyhedsbreve.", "0.50", "12.50", "falls out"],
    ]
    assert [attribute(row, "class") for row in elements(element(table, "tbody"), "tr")] == [
        "capacity-within",
        "capacity-within",
        "capacity-within",
        "capacity-line",
        "capacity-out",
    ]


def test_assignment_page_flags_a_must_task_the_hours_do_not_cover(client, made):
    document = parse(client.get(f"/en/organisation/tildelinger/{made['lead'].pk}/"))

    assert text(element(document, "p", class_="capacity-warning")) == (
        "1 MUST task is not covered by the hours. "
        "MUST tasks are always solved: give this assignment more hours, or the task to somebody else."
    )
    assert rows(element(document, "table", class_="capacity-table"))[1:3] == [
        ["The hours run out here (30 hours per week)"],
        ["MUST", "Lede programmet.", "32", "32", "MUST not covered by the hours"],
    ]


def test_assignment_page_is_danish_by_default(client, made):
    document = parse(client.get(f"/organisation/tildelinger/{made['coordinator'].pk}/"))

    assert text(element(document, "dd", class_="capacity-hours")) == "12,33"


def test_assignment_unknown_is_not_found(client, db):
    assert client.get("/organisation/tildelinger/999/").status_code == 404


def test_role_page_lists_its_current_holders_with_their_capacity(client, made):
    document = parse(client.get("/en/roller/koordinator/"))

    table = element(document, "table", class_="capacity-holders")
    assert rows(table) == [
        ["Person", "Body", "Hours per week", "Tasks against the hours"],
        ["Bo Lund", "OS2kitos", "12.33", "Capacity of Bo Lund"],
    ]
    assert [attribute(a, "href") for a in elements(table, "a")] == [
        "/en/organisation/personer/bo-lund/",
        "/en/organisation/organer/os2kitos/",
        f"/en/organisation/tildelinger/{made['coordinator'].pk}/",
    ]


def test_role_page_shows_the_public_its_holders_without_hours(client, made):
    client.logout()

    table = element(parse(client.get("/en/roller/koordinator/")), "table", class_="capacity-holders")

    assert rows(table) == [["Person", "Body"], ["Bo Lund", "OS2kitos"]]


def test_role_page_of_a_vacant_role_has_no_holders(client, made):
    assert elements(parse(client.get("/en/roller/kasserer/")), "table", class_="capacity-holders") == []


def crowd(folder, size):
    """One role, `size` people holding it over their hours, and `size` empty communities and steering groups."""
    import_handbook([write_handbook(folder, roles=1, must_tasks=size)])
    role = RoleDescription.objects.get()
    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    assignments = []
    for number in range(size):
        save_body(name=f"Fællesskab {number:02}", kind=Body.Kind.PRODUCT_COMMUNITY)
        save_body(name=f"Styregruppe {number:02}", kind=Body.Kind.STEERING_GROUP)
        person = save_person(name=f"Person {number:02}", contract_hours=10)
        assignments.append(assign_role(person, body=secretariat, role=role, starts=date(2026, 1, 1), hours_per_week=12))
    return assignments


@pytest.mark.parametrize("size", [1, 50])
def test_coverage_page_queries_do_not_grow_with_the_organisation(client, tmp_path, django_assert_num_queries, size):
    crowd(tmp_path, size)

    # The session, its user, the viewer's groups and account; the data's
    # version; the six queries of the report; the menu rows; the site's settings; one for each app's findings
    # (the portfolio's missing reports, inquiries' vacant topics).
    with django_assert_num_queries(15):
        response = client.get("/en/organisation/daekning/")

    people = section(parse(response), "over_allocated_people")
    assert len(elements(element(people, "tbody"), "tr")) == size


@pytest.mark.parametrize("size", [1, 50])
def test_coverage_csv_queries_do_not_grow_with_the_organisation(client, tmp_path, django_assert_num_queries, size):
    crowd(tmp_path, size)

    # The session, its user, the viewer's groups and account; the data's
    # version; the six queries of the report.
    with django_assert_num_queries(11):
        response = client.get("/organisation/daekning.csv")

    # The header; a community, a steering group and a person per number; the role never reviewed.
    assert len(response.content.decode().splitlines()) == 1 + 3 * size + 1


@pytest.mark.parametrize("size", [1, 50])
def test_assignment_page_queries_do_not_grow_with_the_tasks(client, tmp_path, django_assert_num_queries, size):
    (held, *_rest) = crowd(tmp_path, size)

    # The session, its user, the viewer's groups and account; the data's
    # version; the assignment with its person, body and role; the role's
    # tasks; the menu rows; the site's settings.
    with django_assert_num_queries(9):
        response = client.get(f"/en/organisation/tildelinger/{held.pk}/")

    assert len(elements(element(parse(response), "table", class_="capacity-table"), "tr")) == 1 + size + 2


@pytest.mark.parametrize("size", [1, 50])
def test_role_page_queries_do_not_grow_with_the_holders(client, tmp_path, django_assert_num_queries, size):
    crowd(tmp_path, size)

    # The session, its user, the viewer's groups and account; the role with
    # its page; the data's version; its tasks; its holders; the menu rows;
    # the site's settings.
    with django_assert_num_queries(10):
        response = client.get("/en/roller/rolle-01/")

    assert len(elements(element(parse(response), "table", class_="capacity-holders"), "tr")) == 1 + size


@pytest.mark.parametrize("address", ["/organisation/daekning/", "/organisation/daekning.csv"])
def test_coverage_sends_the_public_to_log_in(client, made, address):
    client.logout()

    response = client.get(address)

    assert (response.status_code, response["Location"]) == (302, f"/konto/login/?next={address}")
