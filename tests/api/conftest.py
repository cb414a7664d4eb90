"""Fixtures of the API tests: a small world, callers in every group, and their tokens."""

import pytest
from knox.models import AuthToken

from tests.accounts import make_user
from tests.api.world import build


@pytest.fixture
def world(db, tmp_path):
    return build(tmp_path / "handbook")


def token_headers(user):
    return {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"}


@pytest.fixture
def secretariat(db):
    return token_headers(make_user("sekretariat", "secretariat"))


@pytest.fixture
def board(db):
    return token_headers(make_user("bestyrelse", "board"))


@pytest.fixture
def coordinator(world):
    """Karen, who coordinates Fælleskode Booking."""
    return token_headers(make_user("karen", "coordinator", person=world.karen))


@pytest.fixture
def member_contact(world):
    """A contact of Egebjerg Kommune, which uses Fælleskode Booking."""
    return token_headers(make_user("egebjerg", "member-contact", authority=world.egebjerg))
