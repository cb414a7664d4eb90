"""A role is known by its name: it outlives its page, keeps what points at it, and comes back with a page of its name.

While no page describes it, a role is detached: in no list of the handbook.
"""

from datetime import date

import pytest

from os2org.common.visibility import Viewer
from os2org.governance.cycle.selectors import reviews_in
from os2org.governance.cycle.services import save_activity
from os2org.governance.meetings.services import add_follow_up
from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook, save_page
from os2org.organisation.coverage import coverage_report
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.roles.models import RoleDescription, RoleSummary
from os2org.sync.organisation_page import roles_table
from tests.accounts import make_user
from tests.dom import elements, parse, texts
from tests.governance.builders import decision, meeting
from tests.handbooks import role_page, write_pages

pytestmark = pytest.mark.django_db

CHEF = role_page("Chef")


@pytest.fixture
def site(tmp_path):
    """A handbook with two role descriptions, Chef (roller/chef.md) and Leder (roller/leder.md)."""
    pages = {"index.md": "# Forside\n", "roller/chef.md": CHEF, "roller/leder.md": role_page("Leder")}
    import_handbook([write_pages(tmp_path / "site", pages)])
    return tmp_path / "site"


def role(name):
    return RoleDescription.objects.get(name=name)


def attached():
    """{role name: path of its page, or None when detached}."""
    return dict(RoleDescription.objects.values_list("name", "page__path"))


def remove_chef(site):
    (site / "roller" / "chef.md").unlink()
    import_handbook([site], replace=True)


@pytest.fixture
def pointing_at_chef(site):
    """An assignment, a follow-up and an activity of the role Chef, made through the services."""
    chef = role("Chef")
    bestyrelsen = save_body(name="Bestyrelsen", kind="board")
    ane = save_person(name="Ane Holm")
    assignment = assign_role(ane, body=bestyrelsen, role=chef, starts=date(2026, 1, 1), hours_per_week=10)
    item = decision(meeting(bestyrelsen, "2026-03-05 16:00"), "Budget", "Budgettet vedtages.")
    follow_up = add_follow_up(item, title="Send budgettet", due=date(2026, 4, 1), owner_role=chef)
    activity = save_activity(title="Budgetfrist", kind="deadline", role=chef, starts=date(2026, 9, 1))
    return [assignment, follow_up, activity]


def roles_of(items):
    return [(type(item).objects.filter(pk=item.pk).values_list(field, flat=True).get()) for item, field in items]


def pointers(made):
    assignment, follow_up, activity = made
    return roles_of([(assignment, "role"), (follow_up, "owner_role"), (activity, "role")])


# Import


def test_removed_page_detaches_its_role_and_keeps_what_points_at_it(site, pointing_at_chef):
    chef = role("Chef")

    remove_chef(site)

    assert (attached(), pointers(pointing_at_chef)) == (
        {"Chef": None, "Leder": "roller/leder.md"},
        [chef.pk, chef.pk, chef.pk],
    )


def test_page_imported_again_gets_its_role_back_with_what_points_at_it(site, pointing_at_chef):
    chef = role("Chef")
    remove_chef(site)
    (site / "roller" / "chef.md").write_text(CHEF, encoding="utf-8")

    import_handbook([site], replace=True)

    assert (attached(), role("Chef").pk, pointers(pointing_at_chef)) == (
        {"Chef": "roller/chef.md", "Leder": "roller/leder.md"},
        chef.pk,
        [chef.pk, chef.pk, chef.pk],
    )


def test_renamed_page_keeps_its_role(site, pointing_at_chef):
    chef = role("Chef")
    (site / "roller" / "chef.md").rename(site / "roller" / "sekretariatschef.md")

    import_handbook([site], replace=True)

    assert (attached(), pointers(pointing_at_chef)) == (
        {"Chef": "roller/sekretariatschef.md", "Leder": "roller/leder.md"},
        [chef.pk, chef.pk, chef.pk],
    )


def test_partial_replace_of_one_page_keeps_every_role_and_its_holders(site, pointing_at_chef):
    chef = role("Chef")
    (site / "roller" / "leder.md").write_text(role_page("Leder") + "\n- Leder fordeler.\n", encoding="utf-8")

    import_handbook([site / "roller" / "leder.md"], replace=True)

    assert (attached(), pointers(pointing_at_chef)) == (
        {"Chef": "roller/chef.md", "Leder": "roller/leder.md"},
        [chef.pk, chef.pk, chef.pk],
    )


def test_role_is_known_by_its_name_whatever_its_case(site):
    chef = role("Chef")
    remove_chef(site)
    (site / "roller" / "ny.md").write_text(role_page("CHEF"), encoding="utf-8")

    import_handbook([site])

    assert (list(RoleDescription.objects.values_list("pk", "name", "page__path")), role("CHEF").slug) == (
        [(chef.pk, "CHEF", "roller/ny.md"), (role("Leder").pk, "Leder", "roller/leder.md")],
        "chef",
    )


def test_role_renamed_on_its_page_stays_the_same_role(site):
    chef = role("Chef")
    (site / "roller" / "chef.md").write_text(role_page("Sekretariatschef", title="Chef"), encoding="utf-8")

    import_handbook([site])

    assert (role("Sekretariatschef").pk, attached()) == (
        chef.pk,
        {"Sekretariatschef": "roller/chef.md", "Leder": "roller/leder.md"},
    )


def test_pages_that_swap_roles_swap_their_role_descriptions(site):
    chef, leder = role("Chef"), role("Leder")
    (site / "roller" / "chef.md").write_text(role_page("Leder"), encoding="utf-8")
    (site / "roller" / "leder.md").write_text(role_page("Chef"), encoding="utf-8")

    import_handbook([site])

    assert list(RoleDescription.objects.values_list("pk", "page__path")) == [
        (chef.pk, "roller/leder.md"),
        (leder.pk, "roller/chef.md"),
    ]


# The page editor


def test_page_editor_detaches_the_role_of_a_page_it_makes_a_plain_page(site, pointing_at_chef):
    chef = role("Chef")
    page = Page.objects.get(path="roller/chef.md")

    save_page(page, source="# Noter om ledelse\n", visibility="public")

    assert (attached(), pointers(pointing_at_chef)) == (
        {"Chef": None, "Leder": "roller/leder.md"},
        [chef.pk, chef.pk, chef.pk],
    )


def test_page_editor_gives_a_page_that_describes_a_detached_role_that_role(site, pointing_at_chef):
    chef = role("Chef")
    remove_chef(site)
    page = Page.objects.get(path="index.md")

    save_page(page, source=role_page("Chef"), visibility="public")

    assert (attached(), pointers(pointing_at_chef)) == (
        {"Chef": "index.md", "Leder": "roller/leder.md"},
        [chef.pk, chef.pk, chef.pk],
    )


# A detached role is in no list of the handbook


@pytest.fixture
def detached(site):
    """Chef detached, read by the secretariat (who reads everything)."""
    remove_chef(site)


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretariat", "secretariat"))


def test_catalogue_leaves_out_a_detached_role(client, detached, secretariat):
    response = client.get("/en/roller/")

    assert texts(elements(parse(response), "th", scope="row")) == ["Leder"]


@pytest.mark.parametrize("address", ["/en/roller/chef/", "/en/roller/chef/historik/"])
def test_detached_role_has_no_page(client, detached, secretariat, address):
    assert client.get(address).status_code == 404


def test_search_leaves_out_the_tasks_of_a_detached_role(client, detached, secretariat):
    response = client.get("/en/soeg/", {"q": "leder"})

    tasks = elements(parse(response), "ul", class_="results")[-1]
    assert texts(elements(tasks, "li")) == ["Leder leder . · Leder (MUST)"]


def test_api_leaves_out_a_detached_role(client, detached, secretariat):
    response = client.get("/api/roles/")

    assert [item["name"] for item in response.json()["results"]] == ["Leder"]


def test_coverage_report_leaves_out_a_detached_role(detached):
    assert coverage_report(on=date(2026, 6, 1))["vacant_roles"] == [{"role": "Leder", "slug": "leder", "must_tasks": 1}]


def test_annual_cycle_has_no_review_of_a_detached_role(site):
    (site / "roller" / "chef.md").write_text(CHEF.replace("title: Chef\n", "title: Chef\nreviewed: 2026-01-05\n"))
    import_handbook([site])
    remove_chef(site)

    assert reviews_in(viewer=Viewer(groups=frozenset({"secretariat"}))) == []


def test_roles_table_leaves_the_link_of_a_detached_role_empty(detached):
    page = Page.objects.get(path="index.md")
    RoleSummary.objects.create(page=page, position=0, name="Chef", main_tasks="Leder", role=role("Chef"))

    assert roles_table(page).split("\n")[2] == "| **Chef** | Leder | [Funktionsbeskrivelse]() |"
