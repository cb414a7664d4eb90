"""common.pagination: a page of a long list, and addresses that keep the filters."""

import pytest
from django.test import RequestFactory

from os2org.audit.models import Entry
from os2org.common.pagination import paginate
from os2org.organisation.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    Person.objects.bulk_create(Person(name=f"Person {number:03}", slug=f"person-{number:03}") for number in range(120))
    return Person.objects.order_by("name")


def request(query=""):
    return RequestFactory().get(f"/organisation/personer/{query}")


def test_a_page_holds_fifty(people):
    page = paginate(request("?side=2"), people)

    assert (page[0].name, page[49].name, len(page)) == ("Person 050", "Person 099", 50)


def test_the_last_page_holds_the_rest(people):
    assert len(paginate(request("?side=3"), people)) == 20


def test_a_page_beyond_the_last_gives_the_last(people):
    assert paginate(request("?side=99"), people).number == 3


def test_a_page_number_that_is_not_a_number_gives_the_first(people):
    assert paginate(request("?side=x"), people).number == 1


def test_the_next_address_keeps_the_filters(people):
    assert paginate(request("?q=%C3%A6ble&side=2"), people).next_address == "?q=%C3%A6ble&side=3"


def test_the_address_of_the_first_page_has_no_page_number(people):
    assert paginate(request("?q=x&side=2"), people).previous_address == "?q=x"


def test_the_first_page_without_filters_is_the_plain_address(people):
    assert paginate(request("?side=2"), people).previous_address == "/organisation/personer/"


def test_the_last_page_has_no_next_address(people):
    assert paginate(request("?side=3"), people).next_address == ""


def test_the_change_log_says_which_page_it_shows(client, staff):
    Entry.objects.bulk_create(Entry(action="test.entry", summary=f"Change {number}") for number in range(120))

    assert "Side 2 af 3 (120 i alt)" in client.get("/aendringer/?side=2").content.decode()


def test_the_change_log_links_to_its_next_page(client, staff):
    Entry.objects.bulk_create(Entry(action="test.entry", summary=f"Change {number}") for number in range(120))

    assert '<a href="?side=3" rel="next">' in client.get("/aendringer/?side=2").content.decode()
