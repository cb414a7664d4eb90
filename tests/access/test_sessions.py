"""os2org.access.sessions: the session and the user of a request, each read with one plain statement."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from os2org.access.sessions import SessionStore, UserBackend
from tests.accounts import make_user

pytestmark = pytest.mark.django_db


def saved_session(**data):
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_saved_session_is_read_back():
    key = saved_session(colour="grøn")

    assert dict(SessionStore(key).load()) == {"colour": "grøn"}


def test_expired_session_reads_as_empty():
    key = saved_session(colour="grøn")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))

    assert SessionStore(key).load() == {}


def test_expired_session_loses_its_key():
    key = saved_session(colour="grøn")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(key)
    store.load()

    assert store.session_key is None


def test_unknown_session_reads_as_empty():
    assert SessionStore("nosuchsessionkeyatall12345").load() == {}


def test_user_backend_reads_the_user_with_its_fields():
    user = make_user("ane")

    found = UserBackend().get_user(user.pk)

    assert (found.pk, found.username, found.is_active, found.date_joined) == (
        user.pk,
        "ane",
        True,
        user.date_joined,
    )


def test_user_backend_refuses_an_inactive_user():
    user = make_user("bo")
    user.is_active = False
    user.save()

    assert UserBackend().get_user(user.pk) is None


def test_user_backend_finds_no_unknown_user():
    assert UserBackend().get_user(987654) is None
