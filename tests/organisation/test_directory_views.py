from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.organisation.models import Body, Person
from os2org.organisation.services import assign_role, end_assignment, save_body, save_organisation, save_person
from tests.accounts import make_user
from tests.agreements import join
from tests.dom import attribute, children, element, elements, parse, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    """A small organisation: a board with a secretariat, a programme with a community, two people."""
    aarhus = save_organisation(
        name="Aarhus Kommune", kind="municipality", is_member=True, is_partner=True, partner_role="Sekretariatets base"
    )
    magenta = save_organisation(name="Magenta ApS", kind="company", is_supplier=True)
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT, parent=board)
    programme = save_body(name="Velfærdsprogrammet", kind=Body.Kind.PROGRAMME)
    community = save_body(
        name="OS2mo",
        kind=Body.Kind.PRODUCT_COMMUNITY,
        programme=programme,
        suppliers=[magenta],
    )
    join(aarhus, community)
    ane = save_person(name="Ane Holm", email="ane@example.org", employer=aarhus, contract_hours=30)
    bo = save_person(name="Bo Lund")
    assign_role(ane, body=board, starts=date(2025, 1, 1), function="chair", hours_per_week=2)
    assign_role(ane, body=community, starts=date(2025, 1, 1), function="coordinator", share="1/3")
    former = assign_role(bo, body=board, starts=date(2024, 1, 1), hours_per_week=2)
    end_assignment(former, ends=date(2025, 1, 1))
    assign_role(bo, body=secretariat, starts=date(2025, 2, 1), hours_per_week="18,5")
    return {"board": board, "ane": ane, "bo": bo, "community": community}


def rows(table):
    return [texts(children(row)) for row in elements(table, "tr")]


def main(response):
    return element(parse(response), "main")


def test_overview_shows_bodies_as_a_tree_with_member_counts(client, org):
    response = client.get("/en/organisation/")

    tree = elements(main(response), "ul", class_="org-tree")[0]
    top = children(tree)
    assert [text(children(li)[0]) for li in top] == ["Bestyrelsen", "OS2mo", "Velfærdsprogrammet"]
    assert text(children(top[0])[1]) == "(board, 1 current member)"
    nested = children(top[0])[2]
    assert texts(elements(nested, "li")) == ["Sekretariatet (secretariat, 1 current member)"]


def test_overview_links_to_the_other_organisation_pages(client, org):
    response = client.get("/en/organisation/")

    links = elements(element(main(response), "nav", class_="org-links"), "a")
    assert [(text(a), attribute(a, "href")) for a in links] == [
        ("Bodies", "/en/organisation/organer/"),
        ("Organisations", "/en/organisation/organisationer/"),
        ("People", "/en/organisation/personer/"),
        ("Task coverage", "/en/organisation/daekning/"),
        ("Organisation chart", "/en/organisation/diagram/"),
    ]


def test_body_shows_its_kind_parts_and_assignments(client, org):
    response = client.get("/en/organisation/organer/bestyrelsen/")

    document = main(response)
    assert texts(elements(element(document, "dl"), "dd")) == ["Board", "—"]
    assert texts(elements(element(document, "ul", class_="org-children"), "li")) == ["Sekretariatet (secretariat)"]
    current, former = elements(document, "table", class_="org-assignments")
    assert rows(current)[1:] == [["Ane Holm", "—", "Chair", "from Jan. 1, 2025"]]
    assert rows(former)[1:] == [["Bo Lund", "—", "Member", "Jan. 1, 2024 until Jan. 1, 2025"]]


def test_body_shows_the_board_its_holders_hours(client, org, board_member):
    response = client.get("/en/organisation/organer/bestyrelsen/")

    current, _former = elements(main(response), "table", class_="org-assignments")
    assert rows(current)[1:] == [["Ane Holm", "—", "Chair", "2", "5 %", "from Jan. 1, 2025"]]


def test_community_shows_programme_members_and_suppliers(client, org):
    response = client.get("/en/organisation/organer/os2mo/")

    document = main(response)
    assert texts(elements(element(document, "dl"), "dd")) == ["Product community", "—", "Velfærdsprogrammet"]
    assert texts(elements(element(document, "ul", class_="org-members"), "li")) == ["Aarhus Kommune"]
    assert texts(elements(element(document, "ul", class_="org-suppliers"), "li")) == ["Magenta ApS"]
    assert rows(element(document, "table"))[1:] == [["Ane Holm", "—", "Coordinator", "from Jan. 1, 2025"]]


def test_programme_lists_its_communities(client, org):
    response = client.get("/en/organisation/organer/velfærdsprogrammet/")
    communities = element(main(response), "ul", class_="org-communities")
    assert texts(elements(communities, "li")) == ["OS2mo (product community)"]


def test_organisations_lists_kind_flags_and_partner_role(client, org):
    response = client.get("/en/organisation/organisationer/")

    assert rows(element(main(response), "table")) == [
        ["Name", "Kind", "Member", "Supplier", "Partner", "Role toward the association"],
        ["Aarhus Kommune", "Municipality", "yes", "no", "yes", "Sekretariatets base"],
        ["Magenta ApS", "Company", "no", "yes", "no", "—"],
    ]


def test_organisation_shows_its_people_and_communities(client, org):
    response = client.get("/en/organisation/organisationer/aarhus-kommune/")

    document = main(response)
    assert texts(elements(element(document, "ul", class_="org-employees"), "li")) == ["Ane Holm"]
    assert texts(elements(element(document, "ul", class_="org-member-of"), "li")) == ["OS2mo"]


def test_people_lists_hours_against_contract(client, org, board_member):
    response = client.get("/en/organisation/personer/")

    assert rows(element(main(response), "table")) == [
        ["Name", "Employer", "Hours per week", "Contract hours", "Workload"],
        ["Ane Holm", "Aarhus Kommune", "14.33", "30", "48 %"],
        ["Bo Lund", "—", "18.5", "37", "50 %"],
    ]


def test_people_marks_someone_over_the_contract_in_words(client, org, board_member):
    assign_role(org["bo"], body=org["community"], starts=date(2025, 1, 1), hours_per_week=20)

    response = client.get("/en/organisation/personer/")

    assert rows(element(main(response), "table"))[2] == ["Bo Lund", "—", "38.5", "37", "104 % (over the contract)"]


def test_person_workload_has_a_bar_per_current_assignment(client, org, board_member):
    response = client.get("/en/organisation/personer/ane-holm/")

    labels = elements(main(response), "span", class_="workload-label")
    assert texts(labels) == [
        "Bestyrelsen : 2 hours a week, 5 % of a full year (7 %)",
        "OS2mo : 12.33 hours a week, 33 % of a full year (41 %)",
    ]
    fills = elements(element(main(response), "ul", class_="workload-bars"), "rect", class_="workload-fill")
    assert [attribute(rect, "width") for rect in fills] == ["6.67%", "41.10%"]


def test_person_workload_totals_against_the_contract(client, org, board_member):
    response = client.get("/en/organisation/personer/ane-holm/")

    assert text(element(main(response), "p", class_="workload-summary")) == (
        "In total 14.33 of 30 contract hours a week: 48 %"
    )


def test_person_over_contract_is_marked_in_words_and_hatching(client, org, board_member):
    assign_role(org["ane"], body=org["board"], starts=date(2025, 1, 1), hours_per_week=22)

    response = client.get("/en/organisation/personer/ane-holm/")

    document = main(response)
    assert text(element(document, "p", class_="workload-summary")) == (
        "In total 36.33 of 30 contract hours a week: 121 % Over the contract by 6.33 hours a week."
    )
    excess = element(document, "rect", class_="workload-excess")
    assert (attribute(excess, "x"), attribute(excess, "width")) == ("82.58%", "17.42%")


def test_person_history_tells_changes_newest_first(client, org, board_member):
    response = client.get("/en/organisation/personer/bo-lund/")

    events = elements(element(main(response), "ol", class_="org-history"), "li")
    whats = [text(element(event, "p")).split(": ", 1)[1] for event in events]
    assert whats == [
        "Assignment created – Sekretariatet",
        "Assignment changed – Bestyrelsen",
        "Assignment created – Bestyrelsen",
        "Person created – Bo Lund",
    ]
    assert rows(element(events[1], "table"))[1:] == [["Until", "—", "Jan. 1, 2025"]]


def test_person_page_shows_the_public_no_e_mail_hours_or_history(client, org):
    response = client.get("/en/organisation/personer/ane-holm/")

    document = main(response)
    assert (response.status_code, texts(elements(element(document, "dl"), "dt")), texts(elements(document, "h2"))) == (
        200,
        ["Employer"],
        ["Current assignments"],
    )


def test_body_page_shows_no_email_to_the_public(client, org):
    response = client.get("/en/organisation/organer/bestyrelsen/")

    assert (response.status_code, "@example.org" in response.content.decode()) == (200, False)


def test_person_page_shows_email_to_staff(client, org, staff):
    response = client.get("/en/organisation/personer/ane-holm/")

    document = main(response)
    assert texts(elements(element(document, "dl"), "dd"))[0] == "ane@example.org"
    created = elements(element(document, "ol", class_="org-history"), "li")[-1]
    assert ["E-mail", "—", "ane@example.org"] in rows(element(created, "table"))


def test_person_page_shows_edit_links_only_to_staff(client, org, staff):
    response = client.get("/en/organisation/personer/ane-holm/")

    addresses = [attribute(a, "href") for a in elements(main(response), "a")]
    person_links = [address for address in addresses if address.startswith("/en/organisation/personer/")]
    assert [address for address in person_links if address.endswith(("/rediger/", "/ny-tildeling/"))] == [
        "/en/organisation/personer/ane-holm/rediger/",
        "/en/organisation/personer/ane-holm/ny-tildeling/",
    ]


def test_person_page_links_staff_to_end_each_current_assignment(client, org, staff):
    response = client.get("/en/organisation/personer/ane-holm/")

    ends = [a for a in elements(main(response), "a") if attribute(a, "href").endswith("/afslut/")]
    assert texts(ends) == ["End the assignment in Bestyrelsen", "End the assignment in OS2mo"]


def test_person_page_links_staff_to_edit_each_current_assignment(client, org, staff):
    response = client.get("/en/organisation/personer/ane-holm/")

    edits = [a for a in elements(main(response), "a") if "/tildelinger/" in attribute(a, "href")]
    edits = [a for a in edits if attribute(a, "href").endswith("/rediger/")]
    assert texts(edits) == ["Edit the assignment in Bestyrelsen", "Edit the assignment in OS2mo"]


@pytest.mark.parametrize(
    ("address", "links"),
    [
        ("/en/organisation/", [("Add a body", "/en/organisation/ny-organ/")]),
        ("/en/organisation/organer/bestyrelsen/", [("Edit body", "/en/organisation/organer/bestyrelsen/rediger/")]),
        ("/en/organisation/organisationer/", [("Add an organisation", "/en/organisation/ny-organisation/")]),
        (
            "/en/organisation/organisationer/aarhus-kommune/",
            [("Edit organisation", "/en/organisation/organisationer/aarhus-kommune/rediger/")],
        ),
    ],
)
def test_pages_show_staff_their_edit_links(client, org, staff, address, links):
    response = client.get(address)

    actions = elements(element(main(response), "ul", class_="org-actions"), "a")
    assert [(text(a), attribute(a, "href")) for a in actions] == links


@pytest.mark.parametrize(
    "address",
    [
        "/en/organisation/",
        "/en/organisation/organer/bestyrelsen/",
        "/en/organisation/organisationer/",
        "/en/organisation/organisationer/aarhus-kommune/",
    ],
)
def test_pages_have_no_edit_links_for_the_public(client, org, address):
    response = client.get(address)

    assert elements(main(response), "ul", class_="org-actions") == []


def test_person_page_has_no_edit_links_for_the_board(client, org, board_member):
    response = client.get("/en/organisation/personer/ane-holm/")

    assert elements(main(response), "ul", class_="org-actions") == []


@pytest.mark.parametrize(
    "address",
    ["/en/organisation/organer/ingen/", "/en/organisation/organisationer/ingen/", "/en/organisation/personer/ingen/"],
)
def test_unknown_address_is_not_found(client, db, board_member, address):
    assert client.get(address).status_code == 404


def test_read_pages_refuse_post(client, org, board_member):
    assert client.post("/en/organisation/personer/").status_code == 405


def _queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def _people(count, first=0):
    board = Body.objects.filter(slug="bestyrelsen").first() or save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    employer = save_organisation(name=f"Kommune {first}", kind="municipality", is_member=True)
    for number in range(first, first + count):
        person = save_person(name=f"Person {number:02}", email=f"p{number}@example.org", employer=employer)
        assign_role(person, body=board, starts=date(2025, 1, 1), hours_per_week=5)


@pytest.fixture
def reader(request, client):
    """The reader a query count is taken for: the public, a member (signed in, no group) or the secretariat."""
    if request.param == "member":
        client.force_login(make_user("member"))
    elif request.param == "secretariat":
        request.getfixturevalue("staff")
    return request.param


READERS = pytest.mark.parametrize("reader", ["public", "member", "secretariat"], indirect=True)


@READERS
@pytest.mark.parametrize("address", ["/en/organisation/personer/", "/en/organisation/personer/?q=person+0"])
def test_people_list_queries_are_the_same_for_10_and_60_people(client, db, reader, address):
    _people(10)
    ten = _queries(client, address)
    _people(50, first=10)

    assert _queries(client, address) == ten


def _organisations(count, first=0):
    for number in range(first, first + count):
        save_organisation(name=f"Org {number:02}", is_member=True)


@READERS
def test_organisations_list_queries_are_the_same_for_10_and_60_organisations(client, db, reader):
    _organisations(10)
    ten = _queries(client, "/en/organisation/organisationer/?q=org")
    _organisations(50, first=10)

    assert _queries(client, "/en/organisation/organisationer/?q=org") == ten


def _bodies(count, first=0):
    """`count` working groups of the board, each with a member."""
    _people(1, first=first)
    board, person = Body.objects.get(slug="bestyrelsen"), Person.objects.get(name=f"Person {first:02}")
    for number in range(first, first + count):
        body = save_body(name=f"Gruppe {number:02}", kind=Body.Kind.WORKING_GROUP, parent=board)
        assign_role(person, body=body, starts=date(2025, 1, 1), hours_per_week=1)


@READERS
@pytest.mark.parametrize("address", ["/en/organisation/", "/en/organisation/organer/", "/en/organisation/organer/?q=g"])
def test_body_pages_queries_are_the_same_for_10_and_60_bodies(client, db, reader, address):
    _bodies(10)
    ten = _queries(client, address)
    _bodies(50, first=10)

    assert _queries(client, address) == ten


def test_person_page_queries_do_not_grow_with_assignments(client, db, staff):
    person = save_person(name="Ane Holm", employer=save_organisation(name="Aarhus Kommune"))
    boss = save_person(name="Bo Lund")

    def add(number):
        body = save_body(name=f"Gruppe {number}", kind=Body.Kind.WORKING_GROUP)
        assign_role(person, body=body, starts=date(2025, 1, 1), hours_per_week=1, reports_to=boss)

    add(0)
    one = _queries(client, "/en/organisation/personer/ane-holm/")
    for number in range(1, 50):
        add(number)

    assert _queries(client, "/en/organisation/personer/ane-holm/") == one


def _names(response):
    return [text(children(row)[0]) for row in elements(element(main(response), "tbody"), "tr")]


def _pager(response):
    pager = element(main(response), "nav", class_="pagination")
    return [(text(a), attribute(a, "href")) for a in elements(pager, "a")]


def test_people_list_shows_fifty_a_page(client, db):
    _people(60)

    assert _names(client.get("/en/organisation/personer/")) == [f"Person {number:02}" for number in range(50)]


def test_people_list_page_2_shows_the_rest(client, db):
    _people(60)

    response = client.get("/en/organisation/personer/?side=2")

    assert _names(response) == [f"Person {number:02}" for number in range(50, 60)]


def test_people_list_page_links_keep_the_search(client, db):
    _people(60)
    save_person(name="Ane Holm")

    response = client.get("/en/organisation/personer/?q=PERSON&side=2")

    assert (_pager(response), text(element(main(response), "span", aria_current="page"))) == (
        [("Previous page", "?q=PERSON")],
        "Page 2 of 2 (60 in all)",
    )


def test_people_list_search_field_has_a_visible_label(client, org):
    response = client.get("/en/organisation/personer/")

    form = element(main(response), "form", class_="list-search")
    label = element(form, "label")
    assert (text(label), attribute(label, "for"), attribute(element(form, "input"), "id")) == (
        "Search people by name or employer:",
        "list-q",
        "list-q",
    )


def test_people_list_search_field_names_e_mail_for_those_signed_in(client, org, board_member):
    response = client.get("/en/organisation/personer/")

    assert text(element(element(main(response), "form", class_="list-search"), "label")) == (
        "Search people by name, employer or e-mail:"
    )


@pytest.fixture
def danish():
    """People, organisations and bodies whose names hold æ, ø and å."""
    aeble = save_organisation(name="Æbleby Kommune", kind="municipality")
    save_organisation(name="Ørsted A/S", kind="company")
    save_person(name="Åse Holm", email="aase@example.org")
    save_person(name="Bo Ørum", email="bo@æble.dk")
    save_person(name="Carl Dam", employer=aeble)
    save_body(name="Styregruppen for Æblehaven", kind=Body.Kind.STEERING_GROUP)
    save_body(name="Faggruppen for Økonomi", kind=Body.Kind.WORKING_GROUP)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ÆBLE", ["Carl Dam"]),
        ("æble", ["Carl Dam"]),
        ("Ø", ["Bo Ørum"]),
        ("ø", ["Bo Ørum"]),
        ("Å", ["Åse Holm"]),
        ("å", ["Åse Holm"]),
    ],
)
def test_people_list_searches_names_and_employers_whatever_the_case(client, danish, query, found):
    assert _names(client.get("/en/organisation/personer/", {"q": query})) == found


@pytest.mark.parametrize("query", ["ÆBLE.DK", "æble.dk"])
def test_people_list_finds_nobody_by_e_mail_for_the_public(client, danish, query):
    response = client.get("/en/organisation/personer/", {"q": query})

    assert (elements(main(response), "table"), text(element(main(response), "p", class_="list-empty"))) == (
        [],
        "No one matches the search.",
    )


@pytest.mark.parametrize("query", ["ÆBLE.DK", "æble.dk"])
def test_people_list_finds_by_e_mail_for_a_member(client, danish, query):
    client.force_login(make_user("member"))

    assert _names(client.get("/en/organisation/personer/", {"q": query})) == ["Bo Ørum"]


def test_people_list_search_is_not_served_the_publics_cached_list(client, danish):
    client.get("/en/organisation/personer/")

    assert _names(client.get("/en/organisation/personer/", {"q": "ø"})) == ["Bo Ørum"]


@pytest.mark.parametrize(
    ("query", "found"),
    [("ÆBLE", ["Æbleby Kommune"]), ("æble", ["Æbleby Kommune"]), ("Ø", ["Ørsted A/S"]), ("ø", ["Ørsted A/S"])],
)
def test_organisations_list_searches_names_whatever_the_case(client, danish, query, found):
    assert _names(client.get("/en/organisation/organisationer/", {"q": query})) == found


def test_organisations_list_page_2_shows_the_rest(client, db):
    _organisations(60)

    response = client.get("/en/organisation/organisationer/?side=2")

    assert (_names(response), _pager(response)) == (
        [f"Org {number:02}" for number in range(50, 60)],
        [("Previous page", "/en/organisation/organisationer/")],
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ÆBLE", ["Styregruppen for Æblehaven"]),
        ("æble", ["Styregruppen for Æblehaven"]),
        ("Ø", ["Faggruppen for Økonomi"]),
        ("ø", ["Faggruppen for Økonomi"]),
    ],
)
def test_bodies_list_searches_names_whatever_the_case(client, danish, query, found):
    assert _names(client.get("/en/organisation/organer/", {"q": query})) == found


def test_bodies_list_shows_kind_parent_and_current_members(client, org):
    response = client.get("/en/organisation/organer/")

    assert rows(element(main(response), "table")) == [
        ["Name", "Kind", "Part of", "Current members"],
        ["Bestyrelsen", "Board", "—", "1"],
        ["OS2mo", "Product community", "—", "1"],
        ["Sekretariatet", "Secretariat", "Bestyrelsen", "1"],
        ["Velfærdsprogrammet", "Programme", "—", "0"],
    ]


def test_bodies_list_page_2_links_back_keeping_the_search(client, db):
    _bodies(60)

    response = client.get("/en/organisation/organer/?q=gruppe&side=2")

    assert (_names(response), _pager(response)) == (
        [f"Gruppe {number:02}" for number in range(50, 60)],
        [("Previous page", "?q=gruppe")],
    )


def test_bodies_list_names_a_part_it_may_not_read_without_its_parent(client, db):
    internal = save_body(name="Intern gruppe", kind=Body.Kind.WORKING_GROUP, visibility="internal")
    save_body(name="Arbejdsgruppe", kind=Body.Kind.WORKING_GROUP, parent=internal)

    assert rows(element(main(client.get("/en/organisation/organer/")), "table"))[1:] == [
        ["Arbejdsgruppe", "Working group", "(not shown)", "0"]
    ]


def test_overview_counts_the_parts_of_a_body_it_does_not_open(client, db):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    programme = save_body(name="Velfærd", kind=Body.Kind.PROGRAMME, parent=board)
    community = save_body(name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY, parent=programme)
    save_body(name="Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP, parent=community)

    tree = elements(main(client.get("/en/organisation/")), "ul", class_="org-tree")[0]

    assert texts(elements(tree, "li")) == [
        "Bestyrelsen (board, 0 current members) Velfærd (programme, 0 current members, 1 part)",
        "Velfærd (programme, 0 current members, 1 part)",
    ]


def test_overview_links_to_the_list_of_all_bodies(client, org):
    response = client.get("/en/organisation/")

    links = elements(element(main(response), "p", class_="org-all-bodies"), "a")
    assert [(text(a), attribute(a, "href")) for a in links] == [("the list of all bodies", "/en/organisation/organer/")]
