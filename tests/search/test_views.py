import pytest
from django.utils.html import strip_tags

from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Organisation
from os2org.organisation.services import save_organisation
from tests.conftest import DEMO
from tests.dom import attribute, element, elements, parse, text, texts
from tests.governance.builders import board, decision, meeting
from tests.handbooks import write_handbook


@pytest.fixture
def demo(db):
    import_handbook([DEMO])


def found(response):
    """{kind: [titles]} of a search's results."""
    return {group.key: [strip_tags(result.title) for result in group.results] for group in response.context["groups"]}


def test_search_matches_a_danish_word_whatever_its_ending(client, demo):
    response = client.get("/soeg/", {"q": "årshjulet"})

    assert found(response)["opgaver"] == ["Holde årshjulet opdateret og koordinere det med bestyrelsens møder."]


def test_search_finds_compounds_that_start_with_the_word(client, db):
    save_organisation(name="Egeby Kommune", kind=Organisation.Kind.MUNICIPALITY, partner_role="Budgetforslag og drift")

    response = client.get("/soeg/", {"q": "budget"})

    assert found(response) == {"organisationer": ["Egeby Kommune"]}


def test_search_ranks_a_match_in_the_title_above_one_in_the_text(client, db):
    save_organisation(name="Egeby Kommune", kind=Organisation.Kind.MUNICIPALITY, partner_role="Driver Booking")
    save_organisation(name="Booking ApS", kind=Organisation.Kind.COMPANY)

    response = client.get("/soeg/", {"q": "booking"})

    assert found(response) == {"organisationer": ["Booking ApS", "Egeby Kommune"]}


def test_search_marks_the_words_found_in_escaped_text(client, db):
    save_organisation(name="Egeby Kommune", partner_role="<b>Budgettet</b> & drift")

    response = client.get("/soeg/", {"q": "budget"})

    assert str(response.context["groups"][0].results[0].excerpt) == "&lt;b&gt;<mark>Budgettet</mark>&lt;/b&gt; &amp; drift"


def test_search_leaves_out_stop_words(client, db):
    save_organisation(name="Egeby Kommune", partner_role="Drift og budget")

    response = client.get("/soeg/", {"q": "og"})

    assert texts(elements(element(parse(response), "main"), "p")) == ["Intet af det, du kan læse, passer på søgningen."]


def test_search_keeps_the_query_in_the_search_field(client, demo):
    response = client.get("/soeg/", {"q": "årshjul"})

    assert attribute(element(parse(response), "input", id="search-q"), "value") == "årshjul"


def test_search_links_each_kind_to_its_heading(client, demo):
    response = client.get("/soeg/", {"q": "årshjul"})

    nav = element(parse(response), "ul", class_="search-kinds")
    assert [attribute(a, "href") for a in elements(nav, "a")] == ["#sider", "#roller", "#opgaver"]


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "   "}])
def test_search_without_a_query_shows_the_hint(client, demo, query):
    response = client.get("/soeg/", query)

    main = element(parse(response), "main")
    assert text(element(main, "h1")) == "Søg"
    assert texts(elements(main, "p")) == [
        "Skriv et ord i søgefeltet for at søge i håndbogen, rollerne, organisationen, møderne og årshjulet."
    ]


def test_search_pages_each_kind_by_itself(client, db, tmp_path):
    import_handbook([write_handbook(tmp_path, roles=12)])

    response = client.get("/soeg/", {"q": "opgave", "side-opgaver": "2"})

    pages = {group.key: (group.page.number, len(group.results)) for group in response.context["groups"]}
    assert pages == {"sider": (1, 10), "roller": (1, 10), "opgaver": (2, 10)}


@pytest.mark.parametrize("size", [1, 30])
def test_search_queries_do_not_grow_with_the_results(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=size)])

    # A count of each of the eleven kinds; a page of the pages, the roles and
    # the tasks, which match; the data's version; the menu rows; the site's settings.
    with django_assert_num_queries(17):
        response = client.get("/soeg/", {"q": "OPGAVE"})

    assert sorted(found(response)) == ["opgaver", "roller", "sider"]


def test_search_finds_a_public_agenda_item_of_a_public_meeting_with_its_link(client, db):
    public = meeting(board(), "2026-03-05 10:00")
    item = services.add_agenda_item(public, title="Budgetopfølgning", visibility=Visibility.PUBLIC)

    response = client.get("/soeg/", {"q": "budget"})

    (items,) = response.context["groups"]
    assert [(strip_tags(result.title), result.url, result.context) for result in items.results] == [
        ("Budgetopfølgning", f"/moeder/{public.pk}/#item-{item.pk}", "Bestyrelsen, 5. marts 2026")
    ]


def test_search_leaves_out_a_public_agenda_item_of_a_meeting_the_reader_may_not_open(client, db):
    internal = meeting(board(), "2026-03-05 10:00", visibility=Visibility.INTERNAL)
    services.add_agenda_item(internal, title="Budgetopfølgning", visibility=Visibility.PUBLIC)

    response = client.get("/soeg/", {"q": "budget"})

    assert found(response) == {}


def test_search_marks_the_word_in_a_decisions_text(client, db):
    decision(meeting(board(), "2026-03-05 10:00"), "Regnskab", "Budgettet vedtages.")

    response = client.get("/soeg/", {"q": "budget"})

    assert str(response.context["groups"][0].results[0].excerpt) == "<mark>Budgettet</mark> vedtages."
