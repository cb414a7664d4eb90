"""`viewer_for`: the groups, person and communities of a log-in, worked out once."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from os2org.access import groups
from os2org.access.viewer import viewer_for
from os2org.common.visibility import ANONYMOUS, EVERYTHING, MEMBERS_UP, PUBLIC_ONLY, Viewer
from os2org.organisation.models import Assignment
from os2org.organisation.services import assign_role, end_assignment, save_organisation, save_person
from tests.access.world import VIEWERS
from tests.accounts import make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 7)


def community_a(world):
    return frozenset({world.a.body.pk, world.a.steering.pk})


def test_anonymous_viewer_needs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        viewer = viewer_for(AnonymousUser())

    assert viewer == ANONYMOUS


def test_each_group_reads_at_its_levels(world):
    levels = {viewer: viewer_for(world.users.get(viewer)).levels for viewer in VIEWERS}

    assert levels == {
        "public": PUBLIC_ONLY,
        groups.SECRETARIAT: EVERYTHING,
        groups.BOARD: EVERYTHING,
        groups.COORDINATOR: MEMBERS_UP,
        groups.MEMBER_CONTACT: MEMBERS_UP,
    }


def test_secretariat_viewer_needs_no_communities(world):
    user = world.users[groups.SECRETARIAT]

    assert viewer_for(user, on=TODAY) == Viewer(user_id=user.pk, groups=frozenset({groups.SECRETARIAT}))


def test_board_viewer_has_their_person(world):
    user = world.users[groups.BOARD]

    assert viewer_for(user, on=TODAY) == Viewer(
        user_id=user.pk, groups=frozenset({groups.BOARD}), person_id=world.board_member.pk
    )


def test_coordinator_of_a_community_edits_it_and_its_groups(world):
    user = world.users[groups.COORDINATOR]

    assert viewer_for(user, on=TODAY) == Viewer(
        user_id=user.pk,
        groups=frozenset({groups.COORDINATOR}),
        person_id=world.coordinator.pk,
        reads_bodies=community_a(world),
        edits_bodies=community_a(world),
    )


def test_coordinator_of_a_steering_group_edits_its_whole_community(world):
    person = save_person(name="Sune Styregruppekoordinator")
    assign_role(
        person, body=world.a.steering, function=Assignment.Function.COORDINATOR, starts=date(2026, 1, 1), hours_per_week=5
    )
    user = make_user("sune", groups.COORDINATOR, person=person)

    viewer = viewer_for(user, on=TODAY)

    assert (viewer.reads_bodies, viewer.edits_bodies) == (community_a(world), community_a(world))


def test_coordinator_whose_assignment_ended_edits_nothing(world):
    end_assignment(world.assignment, ends=date(2026, 5, 1))
    user = world.users[groups.COORDINATOR]

    viewer = viewer_for(user, on=TODAY)

    assert (viewer.reads_bodies, viewer.edits_bodies, viewer.edits_some) == (frozenset(), frozenset(), False)


def test_member_contact_reads_their_authoritys_community(world):
    user = world.users[groups.MEMBER_CONTACT]

    assert viewer_for(user, on=TODAY) == Viewer(
        user_id=user.pk,
        groups=frozenset({groups.MEMBER_CONTACT}),
        reads_bodies=community_a(world),
        authority_id=world.authority.pk,
    )


def test_viewer_of_someone_not_a_member_contact_has_no_authority(world):
    # A coordinator's account may name their employer; only a member contact reads its money.
    user = make_user("ansat", groups.COORDINATOR, authority=world.authority)

    assert viewer_for(user, on=TODAY).authority_id is None


def test_member_contact_of_an_authority_in_no_community_reads_no_community(world):
    authority = save_organisation(name="Fjernby Kommune", is_member=True)
    user = make_user("fjern", groups.MEMBER_CONTACT, authority=authority)

    assert viewer_for(user, on=TODAY).reads_bodies == frozenset()


def test_superuser_counts_as_secretariat(world):
    user = make_user("root")
    user.is_superuser = True
    user.save()

    viewer = viewer_for(user, on=TODAY)

    assert (viewer.groups, viewer.secretariat, viewer.edits(world.b.body.pk)) == (
        frozenset({groups.SECRETARIAT}),
        True,
        True,
    )


def test_inactive_user_is_the_public(world):
    user = world.users[groups.SECRETARIAT]
    user.is_active = False

    assert viewer_for(user, on=TODAY) == ANONYMOUS
