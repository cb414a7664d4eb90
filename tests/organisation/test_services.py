from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.services import history
from os2org.common.bulk import InvalidItem
from os2org.organisation.models import Assignment, Body, Organisation
from os2org.organisation.services import (
    assign_role,
    assign_roles,
    end_assignment,
    save_bodies,
    save_body,
    save_organisation,
    save_organisations,
    save_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)


@pytest.fixture
def person():
    return save_person(name="Ane Holm", email="ane@example.org")


def test_assign_role_by_share_derives_hours(board, person):
    assignment = assign_role(person, body=board, starts=date(2026, 1, 1), share="1/3")
    assert (assignment.hours_per_week, assignment.share) == (Decimal("12.33"), Decimal("0.3333"))


def test_assign_role_by_hours_derives_share(board, person):
    assignment = assign_role(person, body=board, starts=date(2026, 1, 1), hours_per_week="18,5")
    assert (assignment.hours_per_week, assignment.share_of_full_time) == (Decimal("18.5"), Decimal("0.5"))


def test_assign_role_refuses_both_hours_and_share(board, person):
    with pytest.raises(ValidationError) as raised:
        assign_role(person, body=board, starts=date(2026, 1, 1), hours_per_week=10, share="1/2")
    assert list(raised.value.message_dict) == ["hours_per_week"]


def test_assign_role_refuses_share_over_one(board, person):
    with pytest.raises(ValidationError) as raised:
        assign_role(person, body=board, starts=date(2026, 1, 1), share="3/2")
    assert list(raised.value.message_dict) == ["share"]


def test_assign_role_refuses_end_before_start_and_saves_nothing(board, person):
    entries = Entry.objects.count()
    with pytest.raises(ValidationError):
        assign_role(person, body=board, starts=date(2026, 5, 1), ends=date(2026, 4, 1), hours_per_week=2)
    assert (Assignment.objects.count(), Entry.objects.count()) == (0, entries)


def test_assign_role_refuses_a_second_chair_in_the_same_period(board, person):
    other = save_person(name="Bo Lund")
    assign_role(person, body=board, starts=date(2026, 1, 1), function="chair", hours_per_week=2)
    with pytest.raises(ValidationError) as raised:
        assign_role(other, body=board, starts=date(2026, 3, 1), ends=date(2026, 6, 1), function="chair", hours_per_week=2)
    assert raised.value.message_dict == {"function": ["Bestyrelsen har allerede en forperson i perioden: Ane Holm."]}


def test_assign_role_allows_a_chair_after_the_last_one_ended(board, person):
    first = assign_role(person, body=board, starts=date(2025, 1, 1), function="chair", hours_per_week=2)
    end_assignment(first, ends=date(2026, 1, 1))
    second = assign_role(save_person(name="Bo Lund"), body=board, starts=date(2026, 1, 1), function="chair", hours_per_week=2)
    assert list(Assignment.objects.current(on=date(2026, 2, 1))) == [second]


def test_assignment_history_keeps_before_and_after(board, person):
    assignment = assign_role(person, body=board, starts=date(2026, 1, 1), hours_per_week=5)
    end_assignment(assignment, ends=date(2026, 12, 31))
    latest = history(assignment).first()
    assert (latest.data["before"]["ends"], latest.data["after"]["ends"]) == (None, "2026-12-31")


@pytest.mark.parametrize("hours", ["0", "-2", "NaN", "200"])
def test_assign_role_refuses_hours_outside_a_week(board, person, hours):
    with pytest.raises(ValidationError) as raised:
        assign_role(person, body=board, starts=date(2026, 1, 1), hours_per_week=hours)
    assert list(raised.value.message_dict) == ["hours_per_week"]


def test_save_body_refuses_the_body_as_its_own_parent_and_saves_nothing(board):
    entries = Entry.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        save_body(board, parent=board)
    board.refresh_from_db()
    assert raised.value.message_dict == {"parent": ["“Bestyrelsen” would be part of itself."]}
    assert (board.parent, Entry.objects.count()) == (None, entries)


def test_save_body_refuses_a_parent_inside_the_body(board):
    child = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT, parent=board)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        save_body(board, parent=child)
    assert raised.value.message_dict == {"parent": ["“Bestyrelsen” would be part of itself."]}


def test_save_body_allows_a_parent_beside_the_body(board):
    committee = save_body(name="Udvalget", kind=Body.Kind.COMMITTEE)
    assert save_body(committee, parent=board).parent == board


def test_save_body_records_its_suppliers_before_and_after():
    egeby, nyby = save_organisation(name="Egeby Kommune"), save_organisation(name="Nyby Kommune")
    body = save_body(name="Fællesskab A", kind=Body.Kind.PRODUCT_COMMUNITY, suppliers=[egeby])

    save_body(body, suppliers=[egeby, nyby])

    changed = history(body).first().data
    assert (changed["before"]["suppliers"], changed["after"]["suppliers"]) == ([egeby.pk], [egeby.pk, nyby.pk])


def test_save_body_gives_a_second_long_name_an_address_that_fits():
    name = "Fællesskab " + "x" * 189
    save_body(name=name, kind=Body.Kind.COMMITTEE)

    second = save_body(name=name.upper(), kind=Body.Kind.COMMITTEE)

    assert (second.slug.endswith("-2"), len(second.slug) <= 200) == (True, True)


# Many at once (the loader's services)


def test_save_bodies_records_supplier_lists_as_the_one_at_a_time_service_does():
    egeby, nyby = save_organisation(name="Nyby Kommune"), save_organisation(name="Egeby Kommune")
    body = save_body(name="Fællesskab A", kind=Body.Kind.PRODUCT_COMMUNITY, suppliers=[egeby])

    save_bodies([(body, {"suppliers": [nyby, egeby]})])

    changed = history(body).first().data
    assert (changed["before"]["suppliers"], changed["after"]["suppliers"]) == ([egeby.pk], [nyby.pk, egeby.pk])


def test_save_bodies_puts_a_stored_body_inside_a_new_one(board):
    secretariat = Body(name="Sekretariatet")

    save_bodies([(secretariat, {"kind": Body.Kind.SECRETARIAT}), (board, {"parent": secretariat})])

    board.refresh_from_db()
    assert board.parent == secretariat


def test_save_bodies_refuses_a_parent_inside_the_body_naming_the_change(board):
    child = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT, parent=board)
    committee = save_body(name="Udvalget", kind=Body.Kind.COMMITTEE)
    with translation.override("en"), pytest.raises(InvalidItem) as raised:
        save_bodies([(committee, {"parent": board}), (board, {"parent": child})])
    assert (raised.value.index, raised.value.message_dict) == (
        1,
        {"parent": ["“Bestyrelsen” would be part of itself."]},
    )


def test_save_organisations_refuses_a_cvr_number_another_has():
    save_organisation(name="Egeby Kommune", cvr="38990608")
    with translation.override("en"), pytest.raises(InvalidItem) as raised:
        save_organisations([(None, {"name": "Nyby Kommune"}), (None, {"name": "Oby Kommune", "cvr": "38990608"})])
    assert (raised.value.index, raised.value.messages) == (1, ["Constraint “organisation_cvr_unique” is violated."])


def test_save_organisations_refuses_two_names_that_look_the_same():
    with translation.override("en"), pytest.raises(InvalidItem) as raised:
        save_organisations([(None, {"name": "Egeby Kommune"}), (None, {"name": "EGEBY kommune"})])
    assert raised.value.message_dict == {"name": ["An organisation named “Egeby Kommune” exists already."]}


def test_assign_roles_refuses_a_second_chair_among_the_changes(board, person):
    chair = {"body": board, "function": "chair", "hours_per_week": 2}
    changes = [(None, {"person": person, "starts": date(2026, 1, 1), **chair})]
    changes.append((None, {"person": save_person(name="Bo Lund"), "starts": date(2026, 3, 1), **chair}))
    with pytest.raises(InvalidItem) as raised:
        assign_roles(changes)
    assert (raised.value.index, raised.value.message_dict) == (
        1,
        {"function": ["Bestyrelsen har allerede en forperson i perioden: Ane Holm."]},
    )


def test_assign_roles_lets_a_stored_chair_end_before_the_next_one_starts(board, person):
    first = assign_role(person, body=board, starts=date(2025, 1, 1), function="chair", hours_per_week=2)
    chair = {"body": board, "function": "chair", "hours_per_week": 2}

    assign_roles(
        [
            (first, {"person": person, "starts": date(2025, 1, 1), "ends": date(2026, 1, 1), **chair}),
            (None, {"person": save_person(name="Bo Lund"), "starts": date(2026, 1, 1), **chair}),
        ]
    )

    assert [a.person.name for a in Assignment.objects.current(on=date(2026, 2, 1))] == ["Bo Lund"]


def test_assign_roles_hands_the_open_chair_from_one_stored_term_to_another(board, person):
    chair = {"body": board, "function": "chair", "hours_per_week": 2}
    earlier = assign_role(person, starts=date(2024, 1, 1), ends=date(2024, 6, 1), **chair)
    other = save_person(name="Bo Lund")
    current = assign_role(other, starts=date(2025, 1, 1), **chair)

    assign_roles(
        [
            (current, {"person": other, "starts": date(2025, 1, 1), "ends": date(2026, 1, 1), **chair}),
            (earlier, {"person": person, "starts": date(2026, 1, 1), **chair}),
        ]
    )

    assert [a.person.name for a in Assignment.objects.current(on=date(2026, 2, 1))] == ["Ane Holm"]


def test_save_organisations_passes_a_cvr_number_on_in_order():
    # Stored in this order, the second is updated first by a single statement.
    nyby = save_organisation(name="Nyby Kommune", cvr="34858837")
    egeby = save_organisation(name="Egeby Kommune", cvr="35175466")

    save_organisations([(egeby, {"cvr": "36655194"}), (nyby, {"cvr": "35175466"})])

    assert sorted(Organisation.objects.values_list("name", "cvr")) == [
        ("Egeby Kommune", "36655194"),
        ("Nyby Kommune", "35175466"),
    ]
