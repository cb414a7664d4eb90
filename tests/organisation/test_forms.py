from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from os2org.audit.models import Entry
from os2org.organisation.models import Assignment, Body, Person
from os2org.organisation.services import assign_role, save_body, save_person
from tests.dom import element, elements, parse, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests to /en/ leave English active in this thread; later tests expect the default."""
    yield
    translation.deactivate()

NEW_PERSON = "/en/organisation/ny-person/"


@pytest.fixture
def staff(client):
    user = User.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(user)
    return user


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


def test_person_form_records_who_saved(client, staff):
    client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "37"})

    assert Entry.objects.get().actor == staff


def test_person_edit_changes_the_person(client, staff, ane):
    response = client.post("/en/organisation/personer/ane-holm/rediger/", {"name": "Ane Holm", "contract_hours": "30"})

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


def test_assignment_form_saves_hours_with_a_decimal_comma(client, staff, board, ane):
    client.post("/en/organisation/personer/ane-holm/ny-tildeling/", assignment_post(board, hours_per_week="7,5"))

    assert Assignment.objects.get().hours_per_week == Decimal("7.5")


def test_end_assignment_sets_the_end_date(client, staff, board, ane):
    assignment = assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week=2)

    response = client.post(f"/en/organisation/tildelinger/{assignment.pk}/afslut/", {"ends": "2026-01-01"})

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
    client.force_login(User.objects.create_user("staff", password="pw", is_staff=True))

    response = client.post(NEW_PERSON, {"name": "Ane Holm", "contract_hours": "37"})

    assert (response.status_code, Person.objects.count()) == (403, 0)


def test_edit_pages_refuse_other_methods(client, staff):
    assert client.put(NEW_PERSON).status_code == 405


def test_login_page_has_labelled_fields(client, db):
    response = client.get("/en/konto/login/")

    labels = texts(elements(element(parse(response), "main"), "label"))
    assert (response.status_code, labels) == (200, ["Username:", "Password:"])


def test_login_returns_to_the_page_asked_for(client, db):
    User.objects.create_user("staff", password="pw", is_staff=True)

    response = client.post(
        "/en/konto/login/", {"username": "staff", "password": "pw", "next": "/en/organisation/ny-person/"}
    )

    assert response["Location"] == "/en/organisation/ny-person/"
