"""The reminders page: a person turns their reminders by e-mail on or off."""

import pytest

from os2org.access.groups import BOARD
from os2org.access.models import Account
from os2org.audit.models import Entry
from os2org.organisation.services import save_person
from tests.accounts import make_user
from tests.dom import attribute, element, elements, parse, text, texts

pytestmark = pytest.mark.django_db

PAGE = "/en/konto/paamindelser/"


@pytest.fixture
def ane(client):
    """Ane Holm, with an address, signed in."""
    user = make_user("ane", BOARD, person=save_person(name="Ane Holm", email="ane@example.org"))
    client.force_login(user)
    return user


def main(response):
    return element(parse(response), "main")


def test_reminders_page_says_where_reminders_go(client, ane):
    paragraphs = elements(main(client.get(PAGE)), "p")

    assert texts(paragraphs)[0] == "Reminders go to ane@example.org, the address the directory has for you."


def test_reminders_page_shows_reminders_on_by_default(client, ane):
    (box,) = elements(main(client.get(PAGE)), "input", type="checkbox")

    assert "checked" in dict(box.attributes)


def test_reminders_page_turns_reminders_off(client, ane):
    response = client.post(PAGE, {})

    assert (response.status_code, response["Location"], Account.objects.get(user=ane).reminders) == (302, PAGE, False)


def test_reminders_page_turns_reminders_on_again(client, ane):
    client.post(PAGE, {})

    client.post(PAGE, {"reminders": "on"})

    assert Account.objects.get(user=ane).reminders is True


def test_reminders_page_audits_the_change_as_made_by_the_person(client, ane):
    client.post(PAGE, {})

    assert list(Entry.objects.filter(action="access.reminders").values_list("actor__username", flat=True)) == ["ane"]


def test_reminders_page_says_the_change_was_saved(client, ane):
    response = client.post(PAGE, {}, follow=True)

    assert text(element(parse(response), "div", class_="messages")) == "Your reminders are off."


def test_reminders_page_for_a_log_in_tied_to_no_person_has_no_form(client):
    client.force_login(make_user("kim"))

    page = main(client.get(PAGE))

    assert (elements(page, "form"), text(element(page, "p"))) == (
        [],
        "Your log-in is not tied to a person in the organisation, so there is nothing to remind you of. "
        "Ask the secretariat to tie your log-in to you in the directory.",
    )


def test_reminders_page_sends_the_public_to_log_in(client):
    response = client.get(PAGE)

    assert (response.status_code, response["Location"]) == (302, f"/en/konto/login/?next={PAGE}")


def test_reminders_page_queries(client, ane, django_assert_num_queries):
    # The session, its user, the data's version, the viewer's groups and account;
    # the account and its person; the site's settings; the menu rows.
    with django_assert_num_queries(8):
        client.get(PAGE)


def test_header_links_to_the_reminders_page(client, ane):
    links = [attribute(link, "href") for link in elements(element(parse(client.get(PAGE)), "div", class_="account"), "a")]

    assert links == ["/en/konto/password_change/", PAGE]
