from datetime import date

import pytest

from os2org.organisation.models import Body
from os2org.organisation.services import save_body, save_person
from os2org.standards import demo
from os2org.standards.models import Checklist, Deviation
from tests.governance.cycle_data import make_role
from tests.standards.builders import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    save_body(name="Fælleskode Booking", kind=Body.Kind.PRODUCT_COMMUNITY)
    save_person(name="Thomas Møller")
    make_role("Produktkoordinator")


def test_demo_review_finds_two_deviations_owned_by_the_coordinator_role(organisation):
    demo.build(TODAY)
    assert list(Deviation.objects.values_list("title", "owner_role__name", "due")) == [
        ("Adfærdskodeks", "Produktkoordinator", date(2027, 1, 17)),
        ("Tilgængelighedserklæring", "Produktkoordinator", date(2027, 1, 17)),
    ]


def test_demo_checklist_has_the_seven_standards_in_order(organisation):
    demo.build(TODAY)
    assert list(Checklist.objects.get().points.values_list("title", flat=True)) == [
        "Licens",
        "Adfærdskodeks",
        "Styringsdokumenter",
        "Sikkerhed",
        "Tilgængelighedserklæring",
        "Dokumentation",
        "Udgivelsespraksis",
    ]


def test_demo_is_built_once(organisation):
    assert (demo.build(TODAY), demo.build(TODAY), Deviation.objects.count()) == (True, False, 2)
