"""`viewer_of`: a signed-in reader's viewer is kept under the data's version and the day."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from os2org.access import groups
from os2org.access.services import set_access
from os2org.access.viewer import viewer_of
from os2org.organisation.services import end_assignment

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_kept_viewer_is_read_again_with_only_the_data_version(world, django_assert_num_queries):
    user = world.users[groups.COORDINATOR]
    first = viewer_of(request_of(user))

    with django_assert_num_queries(1):
        again = viewer_of(request_of(user))

    assert again == first


def test_kept_viewer_follows_a_change_of_groups(world):
    user = world.users[groups.BOARD]
    viewer_of(request_of(user))

    set_access(user.username, groups=[groups.SECRETARIAT])

    assert viewer_of(request_of(user)).groups == frozenset({groups.SECRETARIAT})


def test_kept_viewer_follows_a_superuser_made_outside_the_app(world):
    user = world.users[groups.BOARD]
    viewer_of(request_of(user))

    # As createsuperuser does: no service, no audit entry.
    user.is_superuser = True
    user.save()

    assert viewer_of(request_of(user)).groups == frozenset({groups.BOARD, groups.SECRETARIAT})


def test_kept_viewer_is_worked_out_again_the_next_day(world, monkeypatch):
    today = timezone.localdate()
    end_assignment(world.assignment, ends=today)
    user = world.users[groups.COORDINATOR]
    viewer_of(request_of(user))

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))

    assert viewer_of(request_of(user)).edits_bodies == frozenset()
