from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.services import history
from os2org.organisation.models import Assignment, Body
from os2org.organisation.services import assign_role, end_assignment, save_body, save_organisation, save_person

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


def test_save_body_records_its_member_authorities_before_and_after():
    egeby, nyby = save_organisation(name="Egeby Kommune"), save_organisation(name="Nyby Kommune")
    body = save_body(name="Fællesskab A", kind=Body.Kind.PRODUCT_COMMUNITY, member_authorities=[egeby])

    save_body(body, member_authorities=[egeby, nyby], suppliers=[nyby])

    changed = history(body).first().data
    assert (
        (changed["before"]["member_authorities"], changed["before"]["suppliers"]),
        (changed["after"]["member_authorities"], changed["after"]["suppliers"]),
    ) == (([egeby.pk], []), ([egeby.pk, nyby.pk], [nyby.pk]))


def test_save_body_gives_a_second_long_name_an_address_that_fits():
    name = "Fællesskab " + "x" * 189
    save_body(name=name, kind=Body.Kind.COMMITTEE)

    second = save_body(name=name.upper(), kind=Body.Kind.COMMITTEE)

    assert (second.slug.endswith("-2"), len(second.slug) <= 200) == (True, True)
