from datetime import date

import pytest

from os2org.handbook.services import import_handbook
from os2org.organisation.coverage import a_year_after, coverage_report, percent
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.roles.models import RoleDescription
from tests.handbooks import write_handbook
from tests.organisation.coverage_org import DAY, build, expected_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)


def test_coverage_report_of_the_crafted_organisation(tmp_path):
    made = build(tmp_path)

    assert coverage_report(on=DAY) == expected_report(made)


def test_coverage_report_before_the_treasurer_left_has_no_vacant_role(tmp_path):
    build(tmp_path)

    report = coverage_report(on=date(2026, 5, 31))

    assert (report["vacant_roles"], report["uncovered_must_tasks"]) == ([], [])


def test_coverage_report_counts_no_assignment_that_starts_later(tmp_path, secretariat):
    import_handbook([write_handbook(tmp_path, roles=1)])
    role = RoleDescription.objects.get()
    assign_role(save_person(name="Ane Holm"), body=secretariat, role=role, starts=date(2027, 1, 1), hours_per_week=5)

    assert coverage_report(on=DAY)["vacant_roles"] == [{"role": "Rolle 01", "slug": "rolle-01", "must_tasks": 1}]


def test_coverage_report_leaves_out_a_person_at_exactly_their_contract_hours(secretariat):
    person = save_person(name="Ane Holm", contract_hours=10)
    assign_role(person, body=secretariat, starts=date(2026, 1, 1), hours_per_week=10)

    assert coverage_report(on=DAY)["over_allocated_people"] == []


def test_coverage_report_rounds_the_percentage_half_up(secretariat):
    person = save_person(name="Ane Holm", contract_hours=8)
    assign_role(person, body=secretariat, starts=date(2026, 1, 1), hours_per_week="10.04")

    assert coverage_report(on=DAY)["over_allocated_people"][0]["percent"] == 126


def test_coverage_report_sums_only_current_assignments(secretariat):
    person = save_person(name="Ane Holm", contract_hours=10)
    assign_role(person, body=secretariat, starts=date(2026, 1, 1), hours_per_week=8)
    assign_role(person, body=secretariat, starts=date(2025, 1, 1), ends=date(2026, 1, 1), hours_per_week=8)

    assert coverage_report(on=DAY)["over_allocated_people"] == []


def test_coverage_report_wants_the_coordinator_in_the_community_itself():
    community = save_body(name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY)
    group = save_body(name="Koordinationsgruppen", kind=Body.Kind.COORDINATION_GROUP, parent=community)
    ane = save_person(name="Ane Holm")
    assign_role(ane, body=group, function="coordinator", starts=date(2026, 1, 1), hours_per_week=5)

    assert coverage_report(on=DAY)["communities_without_coordinator"] == [
        {"body": "OS2mo", "slug": "os2mo", "kind": "product_community"}
    ]


def test_coverage_report_lists_no_review_due_on_the_day_itself(tmp_path):
    import_handbook([write_handbook(tmp_path, roles=1)])
    RoleDescription.objects.update(reviewed_on=date(2025, 11, 23))

    assert coverage_report(on=DAY)["reviews_due"] == []


def test_coverage_report_lists_a_review_due_the_day_before(tmp_path):
    import_handbook([write_handbook(tmp_path, roles=1)])
    RoleDescription.objects.update(reviewed_on=date(2025, 11, 22))

    assert coverage_report(on=DAY)["reviews_due"] == [
        {"role": "Rolle 01", "slug": "rolle-01", "reviewed_on": "2025-11-22", "due": "2026-11-22"}
    ]


def test_coverage_report_sorts_by_name_not_by_creation():
    for name in ["Øst", "beta", "Alfa"]:
        save_body(name=name, kind=Body.Kind.STEERING_GROUP)

    names = [item["body"] for item in coverage_report(on=DAY)["steering_groups_without_members"]]
    assert names == ["Alfa", "beta", "Øst"]


def test_a_year_after_29_february_is_28_february():
    assert a_year_after(date(2024, 2, 29)) == date(2025, 2, 28)


def test_percent_is_a_whole_number():
    assert percent(44.4, 37) == 120


@pytest.mark.parametrize("size", [1, 50])
def test_coverage_report_queries_do_not_grow_with_the_organisation(tmp_path, django_assert_num_queries, size):
    # One role more than people: the last is vacant.
    import_handbook([write_handbook(tmp_path, roles=size + 1, must_tasks=2)])
    roles = list(RoleDescription.objects.all())
    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    for number in range(size):
        save_body(name=f"Fællesskab {number}", kind=Body.Kind.PRODUCT_COMMUNITY)
        save_body(name=f"Styregruppe {number}", kind=Body.Kind.STEERING_GROUP)
        person = save_person(name=f"Person {number}", contract_hours=10)
        assign_role(person, body=secretariat, role=roles[number], starts=date(2026, 1, 1), hours_per_week=12)
    save_body(name="Tom styregruppe", kind=Body.Kind.STEERING_GROUP)
    save_body(name="Tomt fællesskab", kind=Body.Kind.PROJECT_COMMUNITY)

    # Roles; their MUST tasks; current assignments with roles; their tasks; bodies; people.
    with django_assert_num_queries(6):
        report = coverage_report(on=DAY)

    counts = [len(report[key]) for key in ["vacant_roles", "over_allocated_people", "communities_without_coordinator"]]
    assert counts == [1, size, size + 1]
