"""/organisation/diagram/: both org charts and their text alternative."""

from datetime import date

import pytest

from os2org.organisation.models import Assignment, Body
from os2org.organisation.services import assign_role, save_person

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
