from datetime import date
from decimal import Decimal

import pytest

from os2org.common.visibility import BOARD, MEMBER_CONTACT, Viewer
from os2org.members import selectors
from os2org.members.models import Contribution
from os2org.members.services import raise_contributions, set_contribution_status
from os2org.organisation.services import save_body, save_organisation
from tests.agreements import join

pytestmark = pytest.mark.django_db

BOARD_VIEWER = Viewer(user_id=1, groups=frozenset({BOARD}))


@pytest.fixture
def world():
    """Two products of one programme and one on its own; two authorities; 2026 worked out, one line paid."""
    programme = save_body(name="Borgerservice", kind="programme")
    booking = save_body(name="Booking", kind="product_community", programme=programme)
    tilsyn = save_body(name="Tilsyn", kind="product_community", programme=programme)
    alone = save_body(name="Arkiv", kind="product_community")
    egeby = save_organisation(name="Egeby Kommune")
    nyby = save_organisation(name="Nyby Kommune")
    join(egeby, booking, annual_fee=Decimal(40000))
    join(nyby, booking, starts=date(2026, 7, 1), annual_fee=Decimal(36500), signed=date(2026, 6, 1))
    join(egeby, tilsyn, annual_fee=Decimal(10000))
    join(nyby, alone, annual_fee=Decimal(5000), joining_fee=Decimal(1000), starts=date(2026, 1, 1))
    raise_contributions(2026)
    paid = Contribution.objects.get(agreement__product=tilsyn)
    set_contribution_status(paid, status="paid", paid_on=date(2026, 3, 1))
    return {"egeby": egeby, "nyby": nyby, "programme": programme, "booking": booking}


def sums(totals):
    return [(t.name, t.due, t.paid, t.outstanding, t.lines) for t in totals]


def test_totals_per_product(world):
    found = selectors.contributions(viewer=BOARD_VIEWER, year=2026)
    assert sums(selectors.totals(found, "product")) == [
        ("Arkiv", Decimal("6000.00"), Decimal("0.00"), Decimal("6000.00"), 2),
        ("Booking", Decimal("58400.00"), Decimal("0.00"), Decimal("58400.00"), 2),
        ("Tilsyn", Decimal("10000.00"), Decimal("10000.00"), Decimal("0.00"), 1),
    ]


def test_totals_per_programme_gather_its_products(world):
    found = selectors.contributions(viewer=BOARD_VIEWER, year=2026)
    assert sums(selectors.totals(found, "programme")) == [
        ("Borgerservice", Decimal("68400.00"), Decimal("10000.00"), Decimal("58400.00"), 3),
        ("", Decimal("6000.00"), Decimal("0.00"), Decimal("6000.00"), 2),
    ]


def test_totals_per_organisation(world):
    found = selectors.contributions(viewer=BOARD_VIEWER, year=2026)
    assert sums(selectors.totals(found, "organisation")) == [
        ("Egeby Kommune", Decimal("50000.00"), Decimal("10000.00"), Decimal("40000.00"), 2),
        ("Nyby Kommune", Decimal("24400.00"), Decimal("0.00"), Decimal("24400.00"), 3),
    ]


def test_contributions_of_a_programme_hold_its_products(world):
    found = selectors.contributions(viewer=BOARD_VIEWER, product=world["programme"])
    assert sorted({line.agreement.product.name for line in found}) == ["Booking", "Tilsyn"]


def test_contributions_outstanding_leave_out_what_is_paid(world):
    found = selectors.contributions(viewer=BOARD_VIEWER, status="outstanding")
    assert len(found) == 4


def test_contributions_a_member_contact_reads_are_their_own(world):
    contact = Viewer(user_id=2, groups=frozenset({MEMBER_CONTACT}), authority_id=world["nyby"].pk)
    found = selectors.contributions(viewer=contact)
    assert {line.agreement.organisation.name for line in found} == {"Nyby Kommune"}


def test_contributions_anyone_else_reads_none(world):
    assert list(selectors.contributions(viewer=Viewer(user_id=3))) == []


def test_grand_total(world):
    found = selectors.contributions(viewer=BOARD_VIEWER, year=2026)
    assert selectors.grand_total(found) == {
        "due": Decimal("74400.00"),
        "paid": Decimal("10000.00"),
        "outstanding": Decimal("64400.00"),
    }
