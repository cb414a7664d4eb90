import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.organisation.services import save_person
from tests.dom import children, element, elements, parse, texts

pytestmark = pytest.mark.django_db

LOG = "/en/aendringer/"


def test_log_shows_who_changed_which_field(client, staff):
    person = save_person(name="Ane Holm", contract_hours=37, actor=staff)
    save_person(person, name="Ane Holm", contract_hours=30, actor=staff)

    newest = elements(element(parse(client.get(LOG)), "ol", class_="audit-log"), "li")[0]

    assert [texts(children(row)) for row in elements(newest, "tr")][1:] == [["Contract hours per week", "37", "30"]]


def test_log_names_the_user(client, staff):
    save_person(name="Ane Holm", actor=staff)

    first = element(element(parse(client.get(LOG)), "ol", class_="audit-log"), "p")

    assert "(by staff)" in " ".join(texts([first]))


def test_log_filters_by_kind_of_item(client, staff):
    from os2org.organisation.services import save_body

    save_person(name="Ane Holm", actor=staff)
    save_body(name="Bestyrelsen", kind="board", actor=staff)

    items = elements(element(parse(client.get(LOG, {"type": "organisation.body"})), "ol", class_="audit-log"), "li")

    assert len(items) == 1


def test_log_is_not_for_coordinators(client, db):
    from tests.accounts import make_user

    client.force_login(make_user("koordinator", "coordinator"))

    assert client.get(LOG).status_code == 403


def test_log_sends_the_public_to_log_in(client, db):
    response = client.get(LOG)

    assert (response.status_code, response["Location"]) == (302, f"/en/konto/login/?next={LOG}")


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LOG)
    assert response.status_code == 200
    return len(queries)


def test_log_queries_do_not_grow_with_entries(client, staff):
    save_person(name="Person 0", actor=staff)
    one = _queries(client)
    for number in range(1, 50):
        save_person(name=f"Person {number}", actor=staff)

    assert _queries(client) == one


def test_log_read_again_is_served_from_the_cache(client, staff):
    save_person(name="Ane Holm", actor=staff)
    client.get(LOG)

    with CaptureQueriesContext(connection) as queries:
        client.get(LOG)

    # The session, the user and the data's version: the viewer is kept too.
    assert len(queries) == 3


def test_log_shows_a_new_change_at_once(client, staff):
    client.get(LOG)

    save_person(name="Bo Lund", actor=staff)

    assert "Bo Lund" in client.get(LOG).content.decode()
