"""Names of organisations, bodies and people: cleaned, compared as they look, free of invisible characters."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.organisation.loading import LoadError, load_csv, load_yaml
from os2org.organisation.models import Organisation, Person
from os2org.organisation.services import save_body, save_organisation, save_person

pytestmark = pytest.mark.django_db

INVISIBLE = "Navnet indeholder et usynligt tegn eller et styretegn (U+{:04X}); skriv det igen uden tegnet."
FORMULA = "Et navn kan ikke begynde med =, +, - eller @ (et regneark ville læse det som en formel)."


def refusal(service, **fields):
    with pytest.raises(ValidationError) as raised:
        service(**fields)
    return raised.value.message_dict


def load_refusal(load, path):
    before = (Organisation.objects.count(), Person.objects.count(), Entry.objects.count())
    with translation.override("en"), pytest.raises(LoadError) as raised:
        load(path)
    assert (Organisation.objects.count(), Person.objects.count(), Entry.objects.count()) == before
    return str(raised.value)


def test_save_organisation_stores_the_name_composed_with_single_spaces():
    organisation = save_organisation(name="  A\u030arhus   Kommune ")

    assert organisation.name == "Århus Kommune"


@pytest.mark.parametrize("character", ["\u200b", "\u202e", "\u2066", "\x07"])
def test_save_organisation_refuses_an_invisible_character(character):
    assert refusal(save_organisation, name=f"Egeby{character}Kommune") == {"name": [INVISIBLE.format(ord(character))]}


def test_save_organisation_refuses_a_name_that_looks_like_another():
    save_organisation(name="Egeby Kommune")

    assert refusal(save_organisation, name="EGEBY  kommune") == {"name": ["En organisation ved navn “Egeby Kommune” findes allerede."]}


def test_save_organisation_refuses_a_compatibility_form_of_another_name():
    save_organisation(name="Kodehuset A/S")

    assert list(refusal(save_organisation, name="Ｋｏｄｅｈｕｓｅｔ A/S")) == ["name"]


@pytest.mark.parametrize("service", [save_organisation, save_body, save_person])
def test_name_may_not_start_like_a_formula(service):
    fields = {"name": '=HYPERLINK("https://example.org","Klik")'}
    if service is save_body:
        fields["kind"] = "board"

    assert refusal(service, **fields) == {"name": [FORMULA]}


def test_organisation_file_refuses_two_names_that_look_the_same(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("organisations:\n  - name: Egeby Kommune\n  - name: egeby kommune\n", encoding="utf-8")

    assert load_refusal(load_yaml, path) == f"{path}:3: name: “egeby kommune” is listed twice (first on line 2)."


def test_organisation_file_finds_a_stored_organisation_by_a_name_that_looks_the_same(tmp_path):
    stored = save_organisation(name="Egeby Kommune")
    path = tmp_path / "org.yaml"
    path.write_text("people:\n  - name: Ane Holm\n    employer: EGEBY kommune\n", encoding="utf-8")

    load_yaml(path)

    assert Person.objects.get().employer == stored


def test_csv_load_refuses_a_person_named_like_a_formula(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text('name,email\n"=HYPERLINK(""https://example.org"",""Klik"")",x@example.org\n', encoding="utf-8")

    message = "name: A name cannot start with =, +, - or @ (a spreadsheet would read it as a formula)."
    assert load_refusal(load_csv, path) == f"{path}:2: {message}"
