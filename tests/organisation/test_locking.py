"""Optimistic locking on the organisation's edit forms, and who may read what they edit."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.selectors import revision
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person
from tests.dom import attribute, element, elements, parse, texts

pytestmark = pytest.mark.django_db

CONFLICT = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)


@pytest.fixture
def stored():
    """A body, an organisation, a person and the person's assignment in the body."""
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    save_organisation(name="Egebjerg Kommune", kind=Organisation.Kind.MUNICIPALITY)
    ane = save_person(name="Ane Holm")
    assign_role(ane, body=board, starts=date(2025, 1, 1), hours_per_week=2)


def assignment_address(action):
    return f"/en/organisation/tildelinger/{Assignment.objects.get().pk}/{action}/"


# (edit address, field to change, the first editor's value, the second's, the stored value)
EDITS = {
    "person": ("/en/organisation/personer/ane-holm/rediger/", "name", "Ane Holm Berg", "Ane Hansen"),
    "body": ("/en/organisation/organer/bestyrelsen/rediger/", "description", "Første", "Anden"),
    "organisation": (
        "/en/organisation/organisationer/egebjerg-kommune/rediger/",
        "partner_role",
        "Huser sekretariatet",
        "Leverer kaffe",
    ),
    "assignment": ("rediger", "hours_per_week", "3", "4"),
    "assignment end": ("afslut", "ends", "2026-01-01", "2026-02-01"),
}


def stored_value(kind):
    if kind == "person":
        return Person.objects.get().name
    if kind == "body":
        return Body.objects.get().description
    if kind == "organisation":
        return Organisation.objects.get().partner_role
    assignment = Assignment.objects.get()
    return str(assignment.hours_per_week.normalize()) if kind == "assignment" else assignment.ends.isoformat()


def address_of(kind):
    address = EDITS[kind][0]
    return assignment_address(address) if kind.startswith("assignment") else address


def opened(client, address):
    """The values an edit form is opened with, as a browser would send them back."""
    form = element(parse(client.get(address)), "form", class_="org-form")
    values = {}
    for field in elements(form, "input"):
        kind, name = attribute(field, "type"), attribute(field, "name")
        if kind == "checkbox":
            if "checked" in dict(field.attributes):
                values.setdefault(name, []).append(attribute(field, "value"))
        elif name != "csrfmiddlewaretoken":
            values[name] = attribute(field, "value") or ""
    for select in elements(form, "select"):
        chosen = [attribute(o, "value") for o in elements(select, "option") if "selected" in dict(o.attributes)]
        values[attribute(select, "name")] = chosen[0] if chosen else ""
    for area in elements(form, "textarea"):
        values[attribute(area, "name")] = "".join(str(child) for child in area.children).strip()
    return values


@pytest.mark.parametrize("kind", EDITS)
def test_second_of_two_saves_from_the_same_version_is_refused(client, staff, stored, kind):
    _address, field, first, second = EDITS[kind]
    address = address_of(kind)
    form_one, form_two = opened(client, address), opened(client, address)

    client.post(address, {**form_one, field: first})
    response = client.post(address, {**form_two, field: second})

    alert = element(parse(response), "div", class_="org-form-errors")
    assert (response.status_code, texts(elements(alert, "li")), stored_value(kind)) == (200, [CONFLICT], first)


@pytest.mark.parametrize("kind", EDITS)
def test_save_from_the_current_version_passes(client, staff, stored, kind):
    _address, field, first, second = EDITS[kind]
    address = address_of(kind)
    client.post(address, {**opened(client, address), field: first})

    response = client.post(address, {**opened(client, address), field: second})

    assert (response.status_code, stored_value(kind)) == (302, second)


def test_service_refuses_a_stale_revision(stored):
    person = Person.objects.get()
    seen = revision(person)
    save_person(person, name="Ane Holm Berg", revision=seen)

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        save_person(Person.objects.get(), name="Ane Hansen", revision=seen)

    assert (raised.value.messages, Person.objects.get().name) == ([CONFLICT], "Ane Holm Berg")


READERS = {
    "person": ("/en/organisation/personer/ane-holm/rediger/", Person),
    "body": ("/en/organisation/organer/bestyrelsen/rediger/", Body),
    "organisation": ("/en/organisation/organisationer/egebjerg-kommune/rediger/", Organisation),
}


@pytest.mark.parametrize("kind", READERS)
def test_edit_form_saves_who_may_read_it(client, staff, stored, kind):
    address, model = READERS[kind]

    client.post(address, {**opened(client, address), "visibility": "internal"})

    assert model.objects.get().visibility == "internal"


@pytest.mark.parametrize("kind", READERS)
def test_edit_form_offers_who_may_read_it_with_the_stored_choice(client, staff, stored, kind):
    address, model = READERS[kind]
    model.objects.update(visibility="members")

    select = element(parse(client.get(address)), "select", id="id_visibility")

    assert [(attribute(o, "value"), "selected" in dict(o.attributes)) for o in elements(select, "option")] == [
        ("public", False),
        ("members", True),
        ("internal", False),
    ]


def test_edit_form_without_who_may_read_it_keeps_the_stored_choice(client, staff, stored):
    Person.objects.update(visibility="members")
    address = READERS["person"][0]
    form = opened(client, address)
    del form["visibility"]

    client.post(address, {**form, "name": "Ane Holm Berg"})

    assert (Person.objects.get().name, Person.objects.get().visibility) == ("Ane Holm Berg", "members")
