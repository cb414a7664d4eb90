"""The 403, 404 and 500 pages: in the site's layout, in the reader's language, saying what to do.

A 500 is brought about for real: a table the page reads is taken away
(the `lose_table` fixture) and given back when the test ends.
"""

import pytest
from django.test import Client, RequestFactory, override_settings

from os2org.errors import server_error
from tests.accounts import make_user
from tests.dom import attribute, element, elements, parse, text, texts

pytestmark = pytest.mark.django_db

WITH_AN_ADDRESS_WITHOUT_RULE = override_settings(ROOT_URLCONF="tests.ruleless_urls")


def failing_client():
    """A client that gets the 500 page, as a browser does, instead of the exception."""
    return Client(raise_request_exception=False)


def heading(response):
    return text(element(element(parse(response), "main"), "h1"))


def links(response):
    return [(text(link), attribute(link, "href")) for link in elements(element(parse(response), "main"), "a")]


def has_layout(response):
    return elements(parse(response), "nav", class_="site-links") != []


# 403


@WITH_AN_ADDRESS_WITHOUT_RULE
def test_forbidden_page_for_the_public_answers_403_in_danish(client):
    response = client.get("/uden-regel/")

    assert (response.status_code, heading(response)) == (403, "Du har ikke adgang til denne side")


@WITH_AN_ADDRESS_WITHOUT_RULE
def test_forbidden_page_for_the_public_links_to_log_in_and_back(client):
    response = client.get("/uden-regel/?side=2")

    assert links(response) == [("Log ind", "/konto/login/?next=/uden-regel/%3Fside%3D2"), ("Gå til forsiden", "/")]


@WITH_AN_ADDRESS_WITHOUT_RULE
def test_forbidden_page_is_in_english_under_en(client):
    response = client.get("/en/uden-regel/")

    assert (response.status_code, heading(response)) == (403, "You do not have access to this page")


def test_forbidden_page_has_the_sites_layout(client):
    client.force_login(make_user("koordinator", "coordinator"))

    response = client.get("/aendringer/")

    assert (response.status_code, has_layout(response)) == (403, True)


def test_forbidden_page_for_a_signed_in_reader_says_whom_to_ask(client):
    client.force_login(make_user("koordinator", "coordinator"))

    response = client.get("/aendringer/")

    assert texts(elements(element(parse(response), "main"), "p")) == [
        "Du er logget ind som koordinator, og den konto må ikke åbne siden.",
        "Har du brug for siden i dit arbejde, så bed sekretariatet om at give din konto adgang.",
    ]


def test_forbidden_page_for_a_signed_in_reader_links_to_another_log_in_and_the_front_page(client):
    client.force_login(make_user("koordinator", "coordinator"))

    response = client.get("/aendringer/")

    assert links(response) == [
        ("Log ind med en anden konto", "/konto/login/?next=/aendringer/"),
        ("Gå til forsiden", "/"),
    ]


# 404


def test_unknown_address_answers_404_in_the_sites_layout(client):
    response = client.get("/side/findes-ikke/")

    assert (response.status_code, heading(response), has_layout(response)) == (404, "Vi kan ikke finde siden", True)


def test_not_found_page_offers_the_search_form(client):
    response = client.get("/side/findes-ikke/")

    form = element(element(parse(response), "main"), "form", role="search")
    assert (attribute(form, "action"), attribute(element(form, "input"), "name")) == ("/soeg/", "q")


def test_not_found_page_links_the_public_to_log_in_and_to_the_front_page(client):
    response = client.get("/side/findes-ikke/")

    assert links(response) == [("Log ind", "/konto/login/?next=/side/findes-ikke/"), ("Gå til forsiden", "/")]


def test_not_found_page_is_in_english_under_en(client):
    response = client.get("/en/side/findes-ikke/")

    assert (response.status_code, heading(response)) == (404, "We cannot find the page")


# 500


def test_server_error_is_drawn_in_the_sites_layout(lose_table):
    lose_table("governance_meeting")

    response = failing_client().get("/moeder/")

    assert (response.status_code, heading(response), has_layout(response)) == (500, "Der skete en fejl hos os", True)


def test_server_error_says_what_to_do(lose_table):
    lose_table("governance_meeting")

    response = failing_client().get("/moeder/")

    assert texts(elements(element(parse(response), "main"), "p")) == [
        "Fejlen er logget, så den kan findes og rettes.",
        "Prøv igen om lidt. Sker det igen, så fortæl sekretariatet, hvad du var i gang med, og hvornår.",
    ]


def test_server_error_is_in_english_under_en(lose_table):
    lose_table("governance_meeting")

    response = failing_client().get("/en/moeder/")

    assert (response.status_code, heading(response)) == (500, "Something went wrong on our side")


def test_server_error_without_the_database_the_layout_reads_is_the_plain_page(lose_table):
    # The handbook's pages are what both the front page and the layout's menu read.
    lose_table("handbook_page")

    response = failing_client().get("/")

    assert (response.status_code, heading(response), has_layout(response)) == (500, "Der skete en fejl hos os", False)


def test_server_error_without_the_database_is_still_in_english_under_en(lose_table):
    lose_table("handbook_page")

    response = failing_client().get("/en/")

    assert (response.status_code, heading(response)) == (500, "Something went wrong on our side")


def test_server_error_for_a_request_that_never_passed_the_middleware():
    response = server_error(RequestFactory().get("/"))

    assert (response.status_code, heading(response)) == (500, "Der skete en fejl hos os")


def test_server_error_in_the_api_answers_json(lose_table):
    lose_table("governance_meeting")

    response = failing_client().get("/api/meetings/")

    assert (response.status_code, response.json()) == (500, {"error": "Server Error (500)"})


def test_not_found_in_the_api_stays_json(client):
    response = client.get("/api/meetings/999/")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
