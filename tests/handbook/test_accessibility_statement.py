import pytest
from django.test import override_settings

from tests.dom import attribute, element, elements, parse, text


@override_settings(CONTACT_EMAIL="tilgaengelighed@example.org")
def test_statement_names_the_contact(client, db):
    response = client.get("/tilgaengelighed/")

    contact = element(element(parse(response), "main"), "a", href="mailto:tilgaengelighed@example.org")
    assert (response.status_code, text(contact)) == (200, "tilgaengelighed@example.org")


def test_statement_is_in_english_under_en(client, db):
    response = client.get("/en/tilgaengelighed/")

    assert text(element(parse(response), "h1")) == "Accessibility statement"


def test_statement_is_in_danish(client, db):
    response = client.get("/tilgaengelighed/")

    assert text(element(parse(response), "h1")) == "Tilgængelighedserklæring"


@override_settings(CONTACT_EMAIL="kontakt@example.org")
def test_footer_links_the_statement_and_the_contact(client, db):
    footer = element(parse(client.get("/tilgaengelighed/")), "footer")

    assert [attribute(link, "href") for link in elements(footer, "a")][:2] == [
        "/tilgaengelighed/",
        "mailto:kontakt@example.org",
    ]


@pytest.mark.parametrize("address", ["/tilgaengelighed/", "/en/tilgaengelighed/"])
def test_statement_queries(client, db, django_assert_num_queries, address):
    client.get(address)

    # The data's version, for the menu and footer kept in the cache.
    with django_assert_num_queries(1):
        client.get(address)
