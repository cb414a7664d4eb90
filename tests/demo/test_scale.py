"""`os2org demo --scale N`: the names it chooses and the organisation file it loads."""

from datetime import date

import pytest
import yaml
from django.core.management import CommandError, call_command

from os2org.demo import scale
from os2org.handbook.pages import read_handbook
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_yaml
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.roles.models import RoleDescription
from tests.conftest import DEMO

TODAY = date(2026, 12, 1)


def test_plan_chooses_a_hundred_different_people_per_unit():
    plan = scale.plan(3, TODAY)

    assert (len(plan.people), len(set(plan.people))) == (300, 300)


def test_plan_leaves_out_the_names_taken():
    first = scale.plan(1, TODAY).people[0]

    assert first not in scale.plan(1, TODAY, taken=[first]).people


def test_plan_chooses_ten_communities_and_five_roles_per_unit():
    plan = scale.plan(2, TODAY)

    assert (len(set(plan.communities)), len(set(plan.roles)), len(set(plan.programmes))) == (20, 10, 4)


def test_role_pages_are_read_as_role_descriptions(tmp_path):
    plan = scale.plan(1, TODAY)
    for path, text in scale.role_pages(plan).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")

    assert sorted(page.role_name for page in _pages(tmp_path)) == sorted(plan.roles)


def _pages(folder):
    return read_handbook([str(folder)])


@pytest.mark.django_db
def test_a_unit_of_organisation_loads_through_org_load(tmp_path):
    plan = scale.plan(1, TODAY, taken=scale.names_in_use())
    handbook = tmp_path / "handbook"
    handbook.mkdir()
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    before = Person.objects.count(), Organisation.objects.count(), Body.objects.count(), Assignment.objects.count()
    for path, text in scale.role_pages(plan).items():
        (handbook / path).parent.mkdir(parents=True, exist_ok=True)
        (handbook / path).write_text(text, encoding="utf-8")
    import_handbook([str(handbook)])
    (tmp_path / "organisation.yaml").write_text(scale.organisation_file(plan), encoding="utf-8")

    load_yaml(tmp_path / "organisation.yaml")

    after = Person.objects.count(), Organisation.objects.count(), Body.objects.count(), Assignment.objects.count()
    assert [now - then for now, then in zip(after, before)] == [100, 11, 42, 150]


@pytest.mark.django_db
def test_every_coordinator_of_a_unit_holds_one_of_its_roles(tmp_path):
    plan = scale.plan(1, TODAY)
    for path, text in scale.role_pages(plan).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    import_handbook([DEMO])
    import_handbook([str(tmp_path / "roller")])
    load_yaml(DEMO.parent / "organisation.yaml")
    (tmp_path / "organisation.yaml").write_text(scale.organisation_file(plan), encoding="utf-8")
    load_yaml(tmp_path / "organisation.yaml")

    coordinators = Assignment.objects.filter(function="coordinator", body__name__in=plan.communities)
    assert sorted(set(coordinators.values_list("role__name", flat=True))) == sorted(plan.roles)


@pytest.mark.django_db
def test_a_negative_scale_is_refused():
    with pytest.raises(CommandError, match="--scale skal være 0 eller mere, ikke -1"):
        call_command("demo", "--scale", "-1", verbosity=0)


@pytest.mark.django_db
def test_demo_without_scale_builds_the_demo_once(settings):
    settings.DEBUG = False
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)

    assert (Person.objects.count(), RoleDescription.objects.count()) == (15, 5)


def test_ten_units_have_ten_different_suppliers():
    organisations = yaml.safe_load(scale.organisation_file(scale.plan(10, TODAY)))["organisations"]

    assert len({org["name"] for org in organisations if org.get("supplier")}) == 10
