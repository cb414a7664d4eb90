from datetime import date
from decimal import Decimal

import pytest

from os2org.organisation.coverage import capacity
from os2org.organisation.models import Assignment, Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.organisation.coverage_org import build, estimate

pytestmark = pytest.mark.django_db


def table(result):
    return [
        (row.priority.label, row.task.text, row.hours, row.running_total, row.within, row.must_beyond_hours)
        for row in result.rows
    ]


@pytest.fixture
def made(tmp_path):
    return build(tmp_path)


def test_capacity_of_a_third_of_a_year_cuts_at_the_could_task(made):
    result = capacity(made["coordinator"])

    assert result.hours_per_week == Decimal("12.33")
    assert table(result) == [
        ("MUST", "Lede møderne.", Decimal("4.00"), Decimal("4.00"), True, False),
        ("MUST", "Skrive referater.", None, Decimal("4.00"), True, False),
        ("SHOULD", "Koordinator bør svare på henvendelser.", Decimal("8.00"), Decimal("12.00"), True, False),
        ("COULD", "Koordinator kan skrive nyhedsbreve.", Decimal("0.50"), Decimal("12.50"), False, False),
    ]
    assert (result.cut, result.total) == (3, Decimal("12.50"))


def test_capacity_flags_tasks_without_an_estimate(made):
    assert [row.task.text for row in capacity(made["coordinator"]).without_estimate] == ["Skrive referater."]


def test_capacity_flags_a_must_task_past_the_hours(made):
    result = capacity(made["lead"])

    assert result.cut == 0
    assert [row.task.text for row in result.must_beyond_hours] == ["Lede programmet."]


def test_capacity_lets_every_task_after_the_cut_fall_out_even_without_an_estimate(made):
    # 32 hours for the MUST task, none for the rest: all fall out after the first.
    assert [row.within for row in capacity(made["lead"]).rows] == [False, False, False]


def test_capacity_keeps_a_task_that_ends_exactly_on_the_hours_within(made):
    estimate(made["roles"]["Koordinator"], ["4.33", None, 8, "0.5"])

    result = capacity(made["coordinator"])
    assert (result.rows[2].running_total, result.rows[2].within, result.cut) == (Decimal("12.33"), True, 3)


def test_capacity_without_a_cut_when_every_task_fits(made):
    estimate(made["roles"]["Koordinator"], [1, 1, 1, 1])

    assert capacity(made["coordinator"]).cut is None


def test_capacity_of_an_assignment_without_a_role_is_empty():
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    held = assign_role(save_person(name="Ane Holm"), body=board, starts=date(2026, 1, 1), hours_per_week=2)

    assert (capacity(held).rows, capacity(held).cut, capacity(held).total) == ([], None, Decimal(0))


def test_capacity_reads_prefetched_tasks_without_a_query(made, django_assert_num_queries):
    held = Assignment.objects.select_related("role").prefetch_related("role__tasks").get(pk=made["coordinator"].pk)

    with django_assert_num_queries(0):
        capacity(held)
