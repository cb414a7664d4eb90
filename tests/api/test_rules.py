"""The API's rules: who may read and write which endpoint, and items of which body."""

from os2org.api.rules import RULES, allows
from os2org.api.urls import ENDPOINTS
from os2org.common.visibility import ANONYMOUS, Viewer

SECRETARIAT = Viewer(user_id=1, groups=frozenset({"secretariat"}))
BOARD = Viewer(user_id=2, groups=frozenset({"board"}))
# Coordinates the community of bodies 5 and 6.
COMMUNITY = frozenset({5, 6})
COORDINATOR = Viewer(user_id=3, groups=frozenset({"coordinator"}), reads_bodies=COMMUNITY, edits_bodies=COMMUNITY)


def test_every_endpoint_has_a_rule():
    assert sorted(ENDPOINTS) == sorted(RULES)


def test_endpoint_without_a_rule_is_nobodys():
    assert allows(SECRETARIAT, "audit-entries", method="GET") is False


def test_public_reads():
    assert allows(ANONYMOUS, "meetings", method="GET") is True


def test_public_does_not_write():
    assert allows(ANONYMOUS, "meetings", method="POST") is False


def test_board_does_not_write():
    assert allows(BOARD, "meetings", method="PATCH", body=5) is False


def test_coordinator_writes_items_of_their_community():
    assert allows(COORDINATOR, "meetings", method="PATCH", body=6) is True


def test_coordinator_does_not_write_items_of_another_body():
    assert allows(COORDINATOR, "meetings", method="PATCH", body=7) is False


def test_coordinator_does_not_write_items_of_no_body():
    assert allows(COORDINATOR, "activities", method="POST", body=None) is False


def test_coordinator_does_not_write_people():
    assert allows(COORDINATOR, "people", method="POST") is False


def test_secretariat_writes_items_of_no_body():
    assert allows(SECRETARIAT, "bodies", method="POST", body=None) is True


def test_nobody_writes_decisions():
    assert allows(SECRETARIAT, "decisions", method="POST") is False
