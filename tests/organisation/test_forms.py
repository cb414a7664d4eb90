from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from os2org.audit.models import Entry
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person
from tests.accounts import PASSWORD, make_user
from tests.dom import attribute, element, elements, parse, shown_messages, texts
from tests.forms import submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests to /en/ leave English active in this thread; later tests expect the default."""
    yield
    translation.deactivate()

NEW_PERSON = "/en/organisation/ny-person/"


@pytest.fixture
def board():
    return save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)


@pytest.fixture
def ane():
    return save_person(name="Ane Holm")


def counts():
    return (Person.objects.count(), Assignment.objects.count(), Entry.objects.count())


def field_errors(response, field):
    """The messages in the error list under one field of the form."""
    document = parse(response)
    return texts(elements(element(document, "div", id=f"field-{field}"), "li"))


def assignment_post(board, **fields):
    return {"body": board.pk, "function": "member", "starts": "2026-01-01", **fields}


def test_person_form_requires_a_name(client, staff):
    before = counts()

    response = client.post(NEW_PERSON, {"name": "", "contract_hours": "37"})

    assert field_errors(response, "name") == ["This field is required."]
    assert counts() == before


def test_person_form_refuses_zero_contract_hours(client, staff):
    before = counts()

    response = client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "0"})

    assert field_errors(response, "contract_hours") == ["Hours per week must be more than 0 and at most 168."]
    assert counts() == before


def test_person_form_refuses_a_bad_email(client, staff):
    before = counts()

    response = client.post(NEW_PERSON, {"name": "Ane Holm", "email": "ane", "contract_hours": "37"})

    assert field_errors(response, "email") == ["Enter a valid email address."]
    assert counts() == before


def test_person_form_marks_the_bad_field_invalid(client, staff):
    response = client.post(NEW_PERSON, {"name": "", "contract_hours": "37"})

    name = element(parse(response), "input", id="id_name")
    assert (dict(name.attributes)["aria-invalid"], dict(name.attributes)["aria-describedby"]) == ("true", "id_name_error")


def test_person_form_saves_and_goes_to_the_person(client, staff):
    response = client.post(NEW_PERSON, {"name": "Ane Holm", "email": "ane@example.org", "contract_hours": "18,5"})

    person = Person.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/en/organisation/personer/ane-holm/")
    assert (person.name, person.email, person.contract_hours) == ("Ane Holm", "ane@example.org", Decimal("18.5"))


def test_person_form_says_the_person_is_saved(client, staff):
    response = client.post("/organisation/ny-person/", {"name": "Ane Holm", "contract_hours": "37"}, follow=True)

    assert shown_messages(response) == [("status", "Personen er gemt.")]


def test_person_form_says_it_in_english_under_en(client, staff):
    response = client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "37"}, follow=True)

    assert shown_messages(response) == [("status", "The person is saved.")]


def test_person_form_refused_shows_no_message(client, staff):
    response = client.post(NEW_PERSON, {"name": "", "contract_hours": "37"})

    assert shown_messages(response) == []


def test_person_form_records_who_saved(client, staff):
    client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "37"})

    assert Entry.objects.get().actor == staff


def test_person_edit_changes_the_person(client, staff, ane):
    response = submit(client, "/en/organisation/personer/ane-holm/rediger/", {"name": "Ane Holm", "contract_hours": "30"})

    ane.refresh_from_db()
    assert (response.status_code, ane.contract_hours) == (302, Decimal("30"))


def test_person_edit_form_starts_with_the_stored_values(client, staff, ane):
    response = client.get("/en/organisation/personer/ane-holm/rediger/")

    name = element(parse(response), "input", id="id_name")
    assert dict(name.attributes)["value"] == "Ane Holm"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"hours_per_week": "abc"}, "hours_per_week", "“abc” is not a number."),
        ({"hours_per_week": "0"}, "hours_per_week", "Hours per week must be more than 0 and at most 168."),
        ({"share": "3/2"}, "share", "A share of a full year must be more than 0 and at most 1 (e.g. 1/3)."),
        (
            {"hours_per_week": "10", "share": "1/3"},
            "hours_per_week",
            "Enter either hours per week or a share of a full year, not both.",
        ),
        ({}, "hours_per_week", "Enter either hours per week or a share of a full year, not both."),
        ({"hours_per_week": "5", "ends": "2025-12-01"}, "ends", "The end date must be after the start date."),
        ({"hours_per_week": "5", "starts": "1. januar"}, "starts", "Enter a valid date."),
    ],
)
def test_assignment_form_shows_bad_input_next_to_the_field_and_saves_nothing(
    client, staff, board, ane, fields, field, message
):
    before = counts()

    response = client.post("/en/organisation/personer/ane-holm/ny-tildeling/", assignment_post(board, **fields))

    assert field_errors(response, field) == [message]
    assert counts() == before


def test_assignment_form_refuses_a_second_chair_and_saves_nothing(client, staff, board, ane):
    assign_role(save_person(name="Bo Lund"), body=board, starts=date(2025, 1, 1), function="chair", hours_per_week=2)
    before = counts()

    response = client.post(
        "/en/organisation/personer/ane-holm/ny-tildeling/", assignment_post(board, function="chair", hours_per_week="2")
    )

    assert field_errors(response, "function") == ["Bestyrelsen already has a chair in that period: Bo Lund."]
    assert counts() == before


def test_assignment_form_saves_a_share_and_goes_to_the_person(client, staff, board, ane):
    response = client.post("/en/organisation/personer/ane-holm/ny-tildeling/", assignment_post(board, share="0,5"))

    assignment = Assignment.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/en/organisation/personer/ane-holm/")
    assert (assignment.person, assignment.hours_per_week, assignment.share) == (ane, Decimal("18.50"), Decimal("0.5"))


def test_assignment_form_says_the_assignment_is_saved(client, staff, board, ane):
    address = "/en/organisation/personer/ane-holm/ny-tildeling/"

    response = client.post(address, assignment_post(board, share="0,5"), follow=True)

    assert shown_messages(response) == [("status", "The assignment is saved.")]


def test_assignment_form_saves_hours_with_a_decimal_comma(client, staff, board, ane):
    client.post("/en/organisation/personer/ane-holm/ny-tildeling/", assignment_post(board, hours_per_week="7,5"))

    assert Assignment.objects.get().hours_per_week == Decimal("7.5")


def test_end_assignment_sets_the_end_date(client, staff, board, ane):
    assignment = assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week=2)

    response = submit(client, f"/en/organisation/tildelinger/{assignment.pk}/afslut/", {"ends": "2026-01-01"})

    assignment.refresh_from_db()
    assert (response.status_code, assignment.ends) == (302, date(2026, 1, 1))


def test_end_assignment_refuses_an_end_before_the_start(client, staff, board, ane):
    assignment = assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week=2)
    before = counts()

    response = client.post(f"/en/organisation/tildelinger/{assignment.pk}/afslut/", {"ends": "2024-01-01"})

    assert field_errors(response, "ends") == ["The end date must be after the start date."]
    assert counts() == before


def test_edit_pages_send_anonymous_users_to_log_in(client, db):
    response = client.get(NEW_PERSON)

    assert (response.status_code, response["Location"]) == (302, "/en/konto/login/?next=/en/organisation/ny-person/")


def test_edit_pages_refuse_users_who_are_not_staff(client, db):
    client.force_login(User.objects.create_user("reader", password="pw"))

    assert client.get(NEW_PERSON).status_code == 403


def test_edit_pages_refuse_a_post_from_users_who_are_not_staff(client, db):
    client.force_login(User.objects.create_user("reader", password="pw"))

    response = client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "37"})

    assert (response.status_code, Person.objects.count()) == (403, 0)


def test_edit_pages_refuse_a_post_without_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("staff", "secretariat"))

    response = client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "37"})

    assert (response.status_code, Person.objects.count()) == (403, 0)


def test_edit_pages_refuse_other_methods(client, staff):
    assert client.put(NEW_PERSON).status_code == 405


def test_login_page_has_labelled_fields(client, db):
    response = client.get("/en/konto/login/")

    labels = texts(elements(element(parse(response), "main"), "label"))
    assert (response.status_code, labels) == (200, ["Username:", "Password:"])


def test_login_returns_to_the_page_asked_for(client, db):
    make_user("staff", "secretariat")

    response = client.post(
        "/en/konto/login/", {"username": "staff", "password": PASSWORD, "next": "/en/organisation/ny-person/"}
    )

    assert response["Location"] == "/en/organisation/ny-person/"


NEW_BODY = "/en/organisation/ny-organ/"
NEW_ORGANISATION = "/en/organisation/ny-organisation/"
BOARD_EDIT = "/en/organisation/organer/bestyrelsen/rediger/"


@pytest.fixture
def aarhus():
    return save_organisation(name="Aarhus Kommune", kind=Organisation.Kind.MUNICIPALITY, is_member=True)


@pytest.fixture
def magenta():
    return save_organisation(name="Magenta ApS", kind=Organisation.Kind.COMPANY, cvr="34037655", is_supplier=True)


@pytest.fixture
def programme():
    return save_body(name="Velfærdsprogrammet", kind=Body.Kind.PROGRAMME)


def test_end_assignment_says_the_assignment_is_ended(client, staff, board, ane):
    assignment = assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week=2)
    address = f"/en/organisation/tildelinger/{assignment.pk}/afslut/"
    submitted = submit(client, address, {"ends": "2026-01-01"})

    response = client.get(submitted["Location"])

    assert shown_messages(response) == [("status", "The assignment is ended.")]


def body_counts():
    return (Body.objects.count(), Entry.objects.count())


def organisation_counts():
    return (Organisation.objects.count(), Entry.objects.count())


def all_counts():
    return (Body.objects.count(), Organisation.objects.count(), Assignment.objects.count(), Entry.objects.count())


def selected(response, field):
    """The values of the chosen options (or checked boxes) of one field."""
    field = element(parse(response), "div", id=f"field-{field}")
    chosen = [option for option in elements(field, "option") if "selected" in dict(option.attributes)]
    chosen += [box for box in elements(field, "input") if "checked" in dict(box.attributes)]
    return [attribute(node, "value") for node in chosen]


def test_body_form_saves_and_goes_to_the_body(client, staff, board, programme, aarhus, magenta):
    fields = {
        "name": "OS2mo",
        "kind": "product_community",
        "parent": board.pk,
        "programme": programme.pk,
        "description": "Et fællesskab om MO.",
        "suppliers": [magenta.pk],
    }

    response = client.post(NEW_BODY, fields)

    body = Body.objects.get(name="OS2mo")
    assert (response.status_code, response["Location"]) == (302, "/en/organisation/organer/os2mo/")
    assert (body.kind, body.parent, body.programme, body.description) == (
        "product_community",
        board,
        programme,
        "Et fællesskab om MO.",
    )
    assert list(body.suppliers.all()) == [magenta]


def test_body_form_has_no_member_authorities_to_type_in(client, staff):
    # They follow from agreements (os2org.members).
    response = client.get(NEW_BODY)

    assert elements(parse(response), "div", id="field-member_authorities") == []


def test_body_form_says_the_body_is_saved(client, staff):
    response = client.post(NEW_BODY, {"name": "OS2mo", "kind": "product_community"}, follow=True)

    assert shown_messages(response) == [("status", "The body is saved.")]


def test_body_form_records_who_saved(client, staff):
    client.post(NEW_BODY, {"name": "Bestyrelsen", "kind": "board"})

    assert Entry.objects.get().actor == staff


def test_body_edit_changes_the_body_and_its_lists(client, staff, aarhus, magenta):
    body = save_body(name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY, suppliers=[aarhus])

    fields = {"name": "OS2mo", "kind": "project_community", "suppliers": [magenta.pk]}

    response = submit(client, "/en/organisation/organer/os2mo/rediger/", fields)

    body.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, "/en/organisation/organer/os2mo/")
    assert (body.kind, list(body.suppliers.all())) == ("project_community", [magenta])


def test_body_edit_form_starts_with_the_stored_values(client, staff, board, programme, aarhus):
    save_body(
        name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY, parent=board, programme=programme, suppliers=[aarhus]
    )

    response = client.get("/en/organisation/organer/os2mo/rediger/")

    name = element(parse(response), "input", id="id_name")
    assert dict(name.attributes)["value"] == "OS2mo"
    assert [selected(response, field) for field in ("kind", "parent", "programme", "suppliers")] == [
        ["product_community"],
        [str(board.pk)],
        [str(programme.pk)],
        [str(aarhus.pk)],
    ]


def test_body_form_offers_only_programmes_as_programme(client, staff, board, programme):
    response = client.get(NEW_BODY)

    options = elements(element(parse(response), "select", id="id_programme"), "option")
    assert texts(options) == ["(none)", "Velfærdsprogrammet"]


def test_body_form_requires_a_name_and_saves_nothing(client, staff):
    before = body_counts()

    response = client.post(NEW_BODY, {"name": "", "kind": "board"})

    assert field_errors(response, "name") == ["This field is required."]
    assert body_counts() == before


def test_body_form_refuses_a_programme_that_is_not_a_programme_and_saves_nothing(client, staff, board):
    before = body_counts()

    response = client.post(NEW_BODY, {"name": "OS2mo", "kind": "product_community", "programme": board.pk})

    assert field_errors(response, "programme") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert body_counts() == before


def test_body_edit_refuses_the_body_as_its_own_parent_and_saves_nothing(client, staff, board):
    before = body_counts()

    response = client.post(BOARD_EDIT, {"name": "Bestyrelsen", "kind": "board", "parent": board.pk})

    board.refresh_from_db()
    assert field_errors(response, "parent") == ["“Bestyrelsen” would be part of itself."]
    assert (body_counts(), board.parent) == (before, None)


def test_body_edit_refuses_a_parent_inside_the_body_and_saves_nothing(client, staff, board):
    child = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT, parent=board)
    grandchild = save_body(name="Driftsgruppen", kind=Body.Kind.WORKING_GROUP, parent=child)
    before = body_counts()

    response = client.post(BOARD_EDIT, {"name": "Bestyrelsen", "kind": "board", "parent": grandchild.pk})

    board.refresh_from_db()
    assert field_errors(response, "parent") == ["“Bestyrelsen” would be part of itself."]
    assert (body_counts(), board.parent) == (before, None)


def test_organisation_form_saves_and_goes_to_the_organisation(client, staff):
    fields = {
        "name": "Aarhus Kommune",
        "kind": "municipality",
        "cvr": "55 13 30 18",
        "is_member": "on",
        "is_partner": "on",
        "partner_role": "Sekretariatets base",
    }

    response = client.post(NEW_ORGANISATION, fields)

    organisation = Organisation.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/en/organisation/organisationer/aarhus-kommune/")
    assert (
        organisation.name,
        organisation.kind,
        organisation.cvr,
        organisation.is_member,
        organisation.is_supplier,
        organisation.is_partner,
        organisation.partner_role,
    ) == ("Aarhus Kommune", "municipality", "55133018", True, False, True, "Sekretariatets base")


def test_organisation_form_says_the_organisation_is_saved(client, staff):
    response = client.post(NEW_ORGANISATION, {"name": "Aarhus Kommune", "kind": "municipality"}, follow=True)

    assert shown_messages(response) == [("status", "The organisation is saved.")]


def test_organisation_edit_changes_the_organisation(client, staff, magenta):
    response = submit(client, 
        "/en/organisation/organisationer/magenta-aps/rediger/", {"name": "Magenta ApS", "kind": "company", "cvr": ""}
    )

    magenta.refresh_from_db()
    assert (response.status_code, magenta.cvr, magenta.is_supplier) == (302, "", False)


def test_organisation_edit_form_starts_with_the_stored_values(client, staff, magenta):
    response = client.get("/en/organisation/organisationer/magenta-aps/rediger/")

    document = parse(response)
    values = [attribute(element(document, "input", id=f"id_{name}"), "value") for name in ("name", "cvr")]
    assert values == ["Magenta ApS", "34037655"]
    assert [selected(response, field) for field in ("kind", "is_supplier", "is_member")] == [["company"], [None], []]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"cvr": "123"}, "cvr", "A CVR number has 8 digits."),
        ({"cvr": "1234567a"}, "cvr", "A CVR number has 8 digits."),
        ({"cvr": "34037655"}, "cvr", "Magenta ApS already has this CVR number."),
        ({"name": ""}, "name", "This field is required."),
    ],
)
def test_organisation_form_shows_bad_input_next_to_the_field_and_saves_nothing(
    client, staff, magenta, fields, field, message
):
    before = organisation_counts()

    response = client.post(NEW_ORGANISATION, {"name": "Aarhus Kommune", "kind": "municipality", **fields})

    assert field_errors(response, field) == [message]
    assert organisation_counts() == before


@pytest.fixture
def assignment(board, ane):
    return assign_role(ane, body=board, starts=date(2025, 1, 1), function="chair", share="1/3")


def edit_address(assignment):
    return f"/en/organisation/tildelinger/{assignment.pk}/rediger/"


def test_assignment_edit_saves_and_goes_to_the_person(client, staff, board, programme, ane, assignment):
    bo = save_person(name="Bo Lund")
    fields = {
        "body": programme.pk,
        "function": "member",
        "starts": "2025-02-01",
        "ends": "2026-02-01",
        "hours_per_week": "7,5",
        "reports_to": bo.pk,
    }

    response = submit(client, edit_address(assignment), fields)

    assignment.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, "/en/organisation/personer/ane-holm/")
    assert (
        Assignment.objects.count(),
        assignment.person,
        assignment.body,
        assignment.function,
        assignment.starts,
        assignment.ends,
        assignment.hours_per_week,
        assignment.share,
        assignment.reports_to,
    ) == (1, ane, programme, "member", date(2025, 2, 1), date(2026, 2, 1), Decimal("7.5"), None, bo)


def test_assignment_edit_keeps_the_chair_it_already_is(client, staff, board, assignment):
    response = submit(client, edit_address(assignment), assignment_post(board, function="chair", share="1/2"))

    assignment.refresh_from_db()
    assert (response.status_code, assignment.share) == (302, Decimal("0.5"))


def test_assignment_edit_form_shows_a_share_as_the_fraction_entered(client, staff, assignment):
    response = client.get(edit_address(assignment))

    document = parse(response)
    values = [attribute(element(document, "input", id=f"id_{name}"), "value") for name in ("starts", "share")]
    assert values == ["2025-01-01", "1/3"]
    assert attribute(element(document, "input", id="id_hours_per_week"), "value") is None
    assert [selected(response, field) for field in ("body", "function")] == [[str(assignment.body_id)], ["chair"]]


def test_assignment_edit_form_shows_hours_as_entered(client, staff, board, ane):
    assignment = assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week="7.5")

    response = client.get(edit_address(assignment))

    document = parse(response)
    assert attribute(element(document, "input", id="id_hours_per_week"), "value") == "7.5"
    assert attribute(element(document, "input", id="id_share"), "value") is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"hours_per_week": "10", "share": "1/3"},
            "hours_per_week",
            "Enter either hours per week or a share of a full year, not both.",
        ),
        ({"hours_per_week": "5", "ends": "2025-12-01"}, "ends", "The end date must be after the start date."),
    ],
)
def test_assignment_edit_shows_bad_input_next_to_the_field_and_saves_nothing(
    client, staff, board, assignment, fields, field, message
):
    before = counts()

    response = client.post(edit_address(assignment), assignment_post(board, **fields))

    assignment.refresh_from_db()
    assert field_errors(response, field) == [message]
    assert (counts(), assignment.function, assignment.share) == (before, "chair", Decimal("0.3333"))


def test_assignment_edit_refuses_a_second_chair_and_saves_nothing(client, staff, board, ane):
    assign_role(save_person(name="Bo Lund"), body=board, starts=date(2025, 1, 1), function="chair", hours_per_week=2)
    member = assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week=2)
    before = counts()

    response = client.post(edit_address(member), assignment_post(board, function="chair", hours_per_week="2"))

    member.refresh_from_db()
    assert field_errors(response, "function") == ["Bestyrelsen already has a chair in that period: Bo Lund."]
    assert (counts(), member.function) == (before, "member")


@pytest.fixture
def new_pages(board, magenta, assignment):
    return [
        NEW_BODY,
        BOARD_EDIT,
        NEW_ORGANISATION,
        "/en/organisation/organisationer/magenta-aps/rediger/",
        edit_address(assignment),
    ]


def test_new_edit_pages_send_anonymous_users_to_log_in(client, new_pages):
    locations = [client.get(address)["Location"] for address in new_pages]

    assert locations == [f"/en/konto/login/?next={address}" for address in new_pages]


def test_new_edit_pages_refuse_users_who_are_not_staff(client, new_pages):
    client.force_login(User.objects.create_user("reader", password="pw"))

    assert [client.get(address).status_code for address in new_pages] == [403] * 5


def test_new_edit_pages_refuse_a_post_from_users_who_are_not_staff(client, new_pages):
    client.force_login(User.objects.create_user("reader", password="pw"))
    before = all_counts()

    statuses = [client.post(address, {"name": "Ny"}).status_code for address in new_pages]

    assert (statuses, all_counts()) == ([403] * 5, before)


def test_new_edit_pages_show_their_form_to_staff(client, staff, new_pages):
    assert [client.get(address).status_code for address in new_pages] == [200] * 5
