"""/organisation/diagram/: both org charts and their text alternative."""

from datetime import date

import pytest

from os2org.organisation.charts import CHART_MOST
from os2org.organisation.models import Assignment, Body
from os2org.organisation.services import assign_role, save_person
from tests.dom import attribute, element, elements, parse, text, texts

pytestmark = pytest.mark.django_db

ADDRESS = "/en/organisation/diagram/"
# The data's version, the menu, bodies, relations, assignments and the site's settings.
QUERIES = 6


def organisation(size):
    root = Body.objects.create(name="Foreningen", slug="foreningen", kind=Body.Kind.ASSOCIATION)
    for number in range(1, size):
        body = Body.objects.create(name=f"Gruppe {number}", slug=f"gruppe-{number}", kind=Body.Kind.WORKING_GROUP,
                                   parent=root, position=number)
        person = save_person(name=f"Person {number}")
        assign_role(person, body=body, starts=date(2020, 1, 1), hours_per_week=number,
                    function=Assignment.Function.COORDINATOR)
    return root


def test_chart_shows_both_diagrams(client):
    organisation(2)
    html = client.get(ADDRESS).content.decode()
    assert html.count('<pre class="mermaid" lang="da">') == 2


def test_chart_escapes_the_diagram_text(client):
    Body.objects.create(name="<b>Bestyrelsen</b>", slug="b", kind=Body.Kind.BOARD)
    html = client.get(ADDRESS).content.decode()
    assert (html.count("b_b[&quot;#lt;b#gt;Bestyrelsen#lt;/b#gt;&quot;]"), "<b>Bestyrelsen" in html) == (2, False)


def test_chart_lists_the_bodies_and_holders_as_text(client, settings, board_member):
    settings.HANDBOOK_LANGUAGE = "en"
    organisation(2)
    html = client.get(ADDRESS).content.decode()
    assert "<li>Gruppe 1: Person 1 (coordinator, 1 h)</li>" in html


def test_chart_shows_the_public_no_hours(client, settings):
    settings.HANDBOOK_LANGUAGE = "en"
    organisation(2)
    html = client.get(ADDRESS).content.decode()
    assert ("<li>Gruppe 1: Person 1 (coordinator)</li>" in html, " h)" in html) == (True, False)


def test_chart_without_bodies_says_how_to_get_some(client):
    response = client.get(ADDRESS)
    assert (response.status_code, b"import-page" in response.content, b"mermaid" in response.content) == (
        200,
        True,
        False,
    )


def test_chart_heading_is_english_under_en(client):
    organisation(1)
    assert "<h1>Org charts</h1>" in client.get(ADDRESS).content.decode()


@pytest.mark.parametrize("size", [1, 50])
def test_chart_queries_do_not_grow_with_the_bodies(client, django_assert_num_queries, size):
    organisation(size)
    # The data's version, the menu, then bodies, relations and assignments.
    with django_assert_num_queries(QUERIES):
        assert client.get(ADDRESS).status_code == 200


@pytest.mark.parametrize("size", [1, 50])
def test_chart_served_again_reads_only_the_version(client, django_assert_num_queries, size):
    organisation(size)
    first = client.get(ADDRESS)

    with django_assert_num_queries(1):
        assert client.get(ADDRESS).content == first.content


def two_levels(groups, each):
    """The association, `groups` bodies under it and `each` under every one of those."""
    root = Body.objects.create(name="Foreningen", slug="foreningen", kind=Body.Kind.ASSOCIATION)
    for number in range(1, groups + 1):
        group = Body.objects.create(name=f"Gruppe {number}", slug=f"gruppe-{number}", kind=Body.Kind.PROGRAMME,
                                    parent=root, position=number)
        for inner in range(1, each + 1):
            Body.objects.create(name=f"Gruppe {number}.{inner}", slug=f"gruppe-{number}-{inner}",
                                kind=Body.Kind.WORKING_GROUP, parent=group, position=inner)
    return root


def test_chart_of_too_many_bodies_shows_the_top_levels_and_leads_to_each_part(client):
    two_levels(2, CHART_MOST // 2)

    page = parse(client.get(ADDRESS))

    links = elements(element(page, "section", class_="org-chart-text"), "a")
    assert [(attribute(link, "href"), text(link)) for link in links] == [
        ("?organ=gruppe-1", "Chart of the 30 bodies below"),
        ("?organ=gruppe-2", "Chart of the 30 bodies below"),
    ]
    assert text(element(page, "p", class_="org-chart-cut")).startswith("There are more bodies than one chart can show.")


def test_chart_of_one_body_shows_the_part_under_it(client):
    two_levels(2, CHART_MOST // 2)

    page = parse(client.get(f"{ADDRESS}?organ=gruppe-2"))

    items = elements(element(page, "section", class_="org-chart-text"), "li")
    assert (text(element(page, "h1")), len(items), texts(items[1:3])) == (
        "Org charts: Gruppe 2",
        1 + CHART_MOST // 2,
        ["Gruppe 2.1", "Gruppe 2.2"],
    )


def test_chart_of_the_whole_of_a_few_bodies_leaves_nothing_out(client):
    two_levels(2, 3)

    page = parse(client.get(ADDRESS))

    assert (elements(page, "p", class_="org-chart-cut"), len(elements(element(page, "section", class_="org-chart-text"), "li"))) == ([], 9)


def test_chart_of_an_unknown_body_is_not_found(client):
    two_levels(1, 1)

    assert client.get(f"{ADDRESS}?organ=ingen").status_code == 404
