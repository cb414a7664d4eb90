"""The page cache: one copy per page and the parameters it reads, bounded in bytes."""

import pickle
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from os2org.access import groups
from os2org.caching import TOKEN, BoundedMemoryCache, reader_key
from os2org.common.visibility import Viewer
from os2org.governance.cycle.services import feed_for, save_activity
from os2org.governance.models import Activity
from os2org.organisation.models import Body
from os2org.organisation.services import save_body, save_person
from tests.accounts import make_user
from tests.dom import shown_messages
from tests.forms import submit

pytestmark = pytest.mark.django_db


def bounded(max_bytes, name):
    return BoundedMemoryCache(name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": 1000}})


def pickled_size(value):
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def test_bounded_cache_never_holds_more_than_its_bytes():
    store = bounded(1000, "bytes")
    for number in range(20):
        store.set(f"page-{number}", "x" * 300)

    assert (store.size, store.size <= 1000) == (3 * pickled_size("x" * 300), True)


def test_bounded_cache_lets_the_least_recently_used_go_first():
    store = bounded(3 * pickled_size("x" * 300), "recent")
    for name in ("a", "b", "c"):
        store.set(name, "x" * 300)
    store.get("a")

    store.set("d", "x" * 300)

    assert [store.get(name) is not None for name in ("a", "b", "c", "d")] == [True, False, True, True]


def test_bounded_cache_keeps_nothing_larger_than_its_bytes():
    store = bounded(100, "large")

    store.set("page", "x" * 200)

    assert (store.get("page"), store.size) == (None, 0)


def test_bounded_cache_counts_a_value_set_again_once():
    store = bounded(1000, "again")
    store.set("page", "x" * 300)

    store.set("page", "y" * 300)

    assert store.size == pickled_size("y" * 300)


def test_page_ignores_query_parameters_it_does_not_read(client):
    save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    client.get("/organisation/diagram/")
    one_page = cache.size

    for number in range(1, 101):
        client.get(f"/organisation/diagram/?n={number}")

    assert cache.size == one_page


def test_page_keeps_a_copy_per_value_of_a_parameter_it_reads(client):
    client.get("/aarshjul/?aar=2026&n=1")
    one_year = cache.size

    client.get("/aarshjul/?aar=2026&n=2")
    same = cache.size
    client.get("/aarshjul/?aar=2027")

    assert (same, cache.size > one_year) == (one_year, True)


def test_feed_fetched_again_is_served_from_the_cache(client):
    feed = feed_for()
    save_activity(title="Frist", kind=Activity.Kind.DEADLINE, starts=date(2026, 3, 1), rule="FREQ=MONTHLY")
    first = client.get(feed.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        again = client.get(feed.get_absolute_url())

    # The feed by its address, and the data's version.
    assert (again.content, len(queries)) == (first.content, 2)


def test_feed_shows_a_change_at_once(client):
    feed = feed_for()
    client.get(feed.get_absolute_url())

    save_activity(title="Ny frist", kind=Activity.Kind.DEADLINE, starts=date(2026, 3, 1))

    assert b"SUMMARY:Ny frist" in client.get(feed.get_absolute_url()).content


# Signed-in readers: a page kept for a kind of reader, with each reader's own header and CSRF token put back.


def secretariat_client(username):
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(make_user(username, groups.SECRETARIAT))
    return reader


def test_a_signed_in_page_read_again_is_served_from_the_cache():
    reader = secretariat_client("karen")
    save_person(name="Ane Holm", email="ane@example.org")
    reader.get("/organisation/personer/")

    with CaptureQueriesContext(connection) as queries:
        reader.get("/organisation/personer/")

    # The session, the user and the data's version: the viewer is kept too.
    assert len(queries) == 3


def test_a_kept_page_is_the_page_as_made_but_for_the_csrf_token():
    reader = secretariat_client("karen")
    save_person(name="Ane Holm", email="ane@example.org")
    made = reader.get("/organisation/personer/").content.decode()

    kept = reader.get("/organisation/personer/").content.decode()

    assert TOKEN.sub("token", kept) == TOKEN.sub("token", made)


def test_a_kept_page_shows_the_readers_own_name():
    secretariat_client("karen").get("/organisation/personer/")

    page = secretariat_client("mads").get("/organisation/personer/").content.decode()

    assert ("Log mads ud" in page, "karen" in page) == (True, False)


def test_a_form_on_a_kept_page_carries_the_readers_own_token():
    secretariat_client("karen").get("/organisation/personer/")
    mads = secretariat_client("mads")
    page = mads.get("/organisation/personer/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    assert mads.post("/konto/logout/", {"csrfmiddlewaretoken": token}).status_code == 302


def test_a_coordinator_never_gets_the_page_kept_for_the_secretariat():
    save_person(name="Ane Holm", email="ane@example.org")
    secretariat_client("karen").get("/organisation/personer/")
    coordinator = Client()
    coordinator.force_login(make_user("mads", groups.COORDINATOR))

    assert "ane@example.org" not in coordinator.get("/organisation/personer/").content.decode()


def test_a_change_shows_at_once_to_a_signed_in_reader():
    reader = secretariat_client("karen")
    person = save_person(name="Ane Holm")
    reader.get("/organisation/personer/")

    save_person(person, name="Ane Holm Berg")

    assert "Ane Holm Berg" in reader.get("/organisation/personer/").content.decode()


def test_readers_of_the_same_groups_and_communities_share_a_key():
    one = Viewer(user_id=1, groups=frozenset({groups.COORDINATOR}), person_id=1, edits_bodies=frozenset({7}))
    other = Viewer(user_id=2, groups=frozenset({groups.COORDINATOR}), person_id=2, edits_bodies=frozenset({7}))

    assert one.cache_key == other.cache_key


def test_coordinators_of_other_communities_have_other_keys():
    one = Viewer(user_id=1, groups=frozenset({groups.COORDINATOR}), edits_bodies=frozenset({7}))
    other = Viewer(user_id=2, groups=frozenset({groups.COORDINATOR}), edits_bodies=frozenset({8}))

    assert one.cache_key != other.cache_key


def test_a_personal_page_is_kept_per_person():
    one = Viewer(user_id=1, groups=frozenset({groups.BOARD}), person_id=1)
    other = Viewer(user_id=2, groups=frozenset({groups.BOARD}), person_id=2)

    assert reader_key(one, personal=True) != reader_key(other, personal=True)


# A message after a save ("Personen er gemt."): the saver's, shown once, never kept in a page.

SAVED = [("status", "Personen er gemt.")]


def save_a_person(reader):
    """Save a new person through the form, as a browser does; the address the reader is sent to."""
    return submit(reader, "/organisation/ny-person/", {"name": "Ane Holm", "contract_hours": "37"})["Location"]


def test_a_message_shows_on_the_page_after_a_save():
    karen = secretariat_client("karen")
    address = save_a_person(karen)

    assert shown_messages(karen.get(address)) == SAVED


def test_a_message_shows_once():
    karen = secretariat_client("karen")
    address = save_a_person(karen)
    karen.get(address)

    assert shown_messages(karen.get(address)) == []


def test_a_message_is_not_kept_for_another_reader_of_the_same_kind():
    karen = secretariat_client("karen")
    address = save_a_person(karen)
    karen.get(address)

    assert shown_messages(secretariat_client("mads").get(address)) == []


def test_a_message_shows_on_a_page_kept_since_the_save():
    karen = secretariat_client("karen")
    address = save_a_person(karen)
    # Another reader of the secretariat opens the page first: it is kept as they got it.
    secretariat_client("mads").get(address)

    assert shown_messages(karen.get(address)) == SAVED
