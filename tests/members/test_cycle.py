from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from os2org.common.visibility import ANONYMOUS, BOARD, MEMBER_CONTACT, Viewer
from os2org.governance.cycle.selectors import occurrences_between
from os2org.members.cycle import dates
from os2org.members.services import give_notice, raise_contributions
from os2org.organisation.services import save_body, save_organisation
from tests.agreements import join

pytestmark = pytest.mark.django_db

BOARD_VIEWER = Viewer(user_id=1, groups=frozenset({BOARD}))
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def world():
    """Egeby joined Booking on 1 July 2025 and has given notice; Nyby has been in since 2024."""
    booking = save_body(name="Booking", kind="product_community")
    egeby, nyby = save_organisation(name="Egeby Kommune"), save_organisation(name="Nyby Kommune")
    agreement = join(egeby, booking, starts=date(2025, 7, 1), joining_fee=Decimal(100), annual_fee=Decimal(1000))
    give_notice(agreement, given_on=date(2025, 9, 10))
    join(nyby, booking, annual_fee=Decimal(500))
    raise_contributions(2025)
    with translation.override("en"):
        yield {"egeby": egeby, "nyby": nyby, "booking": booking}


def shown(occurrences):
    return [(occurrence.date, occurrence.activity.title, occurrence.url) for occurrence in occurrences]


def test_dates_of_the_board_are_when_lines_fall_due_and_agreements_end(world):
    assert shown(sorted(dates(*YEAR, viewer=BOARD_VIEWER), key=lambda o: o.date)) == [
        (date(2025, 1, 1), "Contributions fall due: 1 invoice line", "/en/medlemmer/bidrag/?aar=2025"),
        (date(2025, 7, 1), "Contributions fall due: 2 invoice lines", "/en/medlemmer/bidrag/?aar=2025"),
    ]


def test_dates_show_an_agreement_that_ends_with_its_notice(world):
    ending = dates(date(2026, 1, 1), date(2026, 12, 31), viewer=BOARD_VIEWER)
    assert [(o.date, o.activity.title) for o in ending] == [(date(2026, 4, 1), "Agreement ends: Egeby Kommune – Booking")]


def test_dates_of_a_member_contact_are_their_own(world):
    contact = Viewer(user_id=2, groups=frozenset({MEMBER_CONTACT}), authority_id=world["nyby"].pk)
    assert [o.date for o in dates(*YEAR, viewer=contact)] == [date(2025, 1, 1)]


def test_dates_for_the_public_are_none(world):
    assert dates(*YEAR, viewer=ANONYMOUS) == []


def test_the_cycle_holds_the_dates_of_the_money(world):
    found = occurrences_between(*YEAR, viewer=BOARD_VIEWER)
    assert [o.activity.title for o in found] == [
        "Contributions fall due: 1 invoice line",
        "Contributions fall due: 2 invoice lines",
    ]


def test_the_cycle_of_another_body_leaves_them_out(world):
    other = save_body(name="Tilsyn", kind="product_community")
    assert occurrences_between(*YEAR, viewer=BOARD_VIEWER, body=other) == []
