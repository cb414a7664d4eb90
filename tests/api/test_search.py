import pytest

from os2org.handbook.services import import_handbook
from tests.handbooks import write_handbook

pytestmark = pytest.mark.django_db


def test_search_gives_each_kind_with_its_count_and_first_results(client, tmp_path):
    import_handbook([write_handbook(tmp_path, roles=12)])

    response = client.get("/api/search/", {"q": "opgave"})

    assert [(kind["kind"], kind["count"], len(kind["results"])) for kind in response.json()] == [
        ("sider", 12, 10),
        ("roller", 12, 10),
        ("opgaver", 36, 10),
    ]


def test_search_without_words_finds_nothing(client, db):
    assert client.get("/api/search/", {"q": " "}).json() == []


@pytest.mark.parametrize("size", [1, 30])
def test_search_queries_do_not_grow_with_the_results(client, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=size)])

    # A count of each of the eleven kinds, and the first results of the three that match.
    with django_assert_num_queries(14):
        response = client.get("/api/search/", {"q": "OPGAVE"})

    assert [kind["kind"] for kind in response.json()] == ["sider", "roller", "opgaver"]


def test_search_shows_in_the_browsable_api(client, db):
    """A browser asks for HTML: the browsable API page, not an error."""
    response = client.get("/api/search/", {"q": "budget"}, HTTP_ACCEPT="text/html")

    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
