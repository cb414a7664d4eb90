from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.members.models import Agreement, Contribution
from os2org.members.services import (
    give_notice,
    raise_contributions,
    refresh_members,
    save_agreement,
    set_contribution_status,
)
from os2org.organisation.services import save_body, save_organisation
from tests.agreements import join

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def booking():
    programme = save_body(name="Borgerservice", kind="programme")
    return save_body(name="Booking", kind="product_community", programme=programme)


@pytest.fixture
def egeby():
    return save_organisation(name="Egeby Kommune", kind="municipality")


@pytest.fixture
def nyby():
    return save_organisation(name="Nyby Kommune", kind="municipality")


def test_save_agreement_makes_the_organisation_a_member_of_the_product(booking, egeby):
    join(egeby, booking)
    assert list(booking.member_authorities.all()) == [egeby]


def test_save_agreement_as_a_draft_makes_no_member(booking, egeby):
    save_agreement(organisation=egeby, product=booking, status="draft", starts=date(2024, 1, 1))
    assert list(booking.member_authorities.all()) == []


def test_save_agreement_that_begins_later_makes_no_member_yet(booking, egeby):
    join(egeby, booking, starts=date(2999, 1, 1))
    assert list(booking.member_authorities.all()) == []


def test_save_agreement_moved_to_another_product_leaves_the_first(booking, egeby):
    other = save_body(name="Tilsyn", kind="product_community")
    agreement = join(egeby, booking)
    save_agreement(agreement, product=other)
    assert (list(booking.member_authorities.all()), list(other.member_authorities.all())) == ([], [egeby])


def test_save_agreement_writes_its_audit_entry(booking, egeby):
    agreement = join(egeby, booking)
    entry = Entry.objects.get(object_type="members.agreement")
    assert (entry.object_id, entry.summary, entry.data["after"]["status"]) == (
        str(agreement.pk),
        "agreement: Egeby Kommune – Booking",
        "active",
    )


def test_save_agreement_refuses_a_body_that_cannot_be_joined(egeby):
    board = save_body(name="Bestyrelsen", kind="board")
    with pytest.raises(ValidationError) as raised:
        join(egeby, board)
    assert raised.value.message_dict == {"product": ["An organisation joins a product, a project or a programme."]}


def test_save_agreement_refuses_a_second_binding_agreement(booking, egeby):
    join(egeby, booking)
    with pytest.raises(ValidationError) as raised:
        join(egeby, booking, starts=date(2025, 1, 1))
    assert raised.value.messages == [
        "This organisation already has an agreement in force for this product: end that one first."
    ]
    assert Agreement.objects.count() == 1


def test_save_agreement_refuses_an_active_agreement_without_its_signed_day(booking, egeby):
    with pytest.raises(ValidationError) as raised:
        save_agreement(organisation=egeby, product=booking, status="active", starts=date(2024, 1, 1))
    assert raised.value.messages == ["Give the day it was signed: only a draft may be without one."]


def test_save_agreement_refuses_a_stale_revision(booking, egeby):
    agreement = join(egeby, booking)
    seen = revision(agreement)
    save_agreement(agreement, annual_fee=Decimal(100))
    with pytest.raises(ValidationError) as raised:
        save_agreement(agreement, revision=seen, annual_fee=Decimal(200))
    agreement.refresh_from_db()
    assert (raised.value.messages, agreement.annual_fee) == (
        [
            "Someone else saved this while you were editing it. Nothing of yours was saved: "
            "open the page again to see their change, then make yours."
        ],
        Decimal(100),
    )


def test_give_notice_ends_the_agreement_after_its_notice(booking, egeby):
    agreement = join(egeby, booking, notice_months=6)
    give_notice(agreement, given_on=date(2026, 3, 15))
    agreement.refresh_from_db()
    assert (agreement.status, agreement.ends) == ("under_notice", date(2026, 10, 1))


def test_give_notice_refuses_a_draft(booking, egeby):
    draft = save_agreement(organisation=egeby, product=booking, status="draft", starts=date(2024, 1, 1))
    with pytest.raises(ValidationError) as raised:
        give_notice(draft, given_on=date(2026, 3, 15))
    assert raised.value.message_dict == {"given_on": ["Only an active agreement can be given notice."]}


def test_refresh_members_ends_an_agreement_whose_notice_has_run_out(booking, egeby):
    agreement = join(egeby, booking)
    give_notice(agreement, given_on=date(2026, 3, 15))

    ended, changed = refresh_members(on=date(2026, 10, 1))

    agreement.refresh_from_db()
    assert (ended, changed, agreement.status, list(booking.member_authorities.all())) == (1, 1, "ended", [])


def test_refresh_members_keeps_an_agreement_until_its_last_day(booking, egeby):
    agreement = join(egeby, booking)
    give_notice(agreement, given_on=date(2026, 3, 15))

    assert refresh_members(on=date(2026, 9, 30)) == (0, 0)
    assert list(booking.member_authorities.all()) == [egeby]


def test_refresh_members_adds_an_agreement_that_has_begun(booking, egeby):
    join(egeby, booking, starts=date(2026, 7, 1))
    refresh_members(on=date(2026, 6, 30))
    before = list(booking.member_authorities.all())
    refresh_members(on=date(2026, 7, 1))
    assert (before, list(booking.member_authorities.all())) == ([], [egeby])


def test_raise_contributions_works_out_a_part_year_and_the_joining_fee(booking, egeby):
    join(egeby, booking, starts=date(2025, 7, 1), joining_fee=Decimal(25000), annual_fee=Decimal(36500))

    assert raise_contributions(2025) == (2, 0)
    assert list(Contribution.objects.values_list("year", "kind", "starts", "ends", "amount", "status")) == [
        (2025, "annual", date(2025, 7, 1), date(2026, 1, 1), Decimal("18400.00"), "to_invoice"),
        (2025, "joining", date(2025, 7, 1), date(2025, 7, 2), Decimal("25000.00"), "to_invoice"),
    ]


def test_raise_contributions_the_next_year_is_the_whole_fee(booking, egeby):
    join(egeby, booking, starts=date(2025, 7, 1), joining_fee=Decimal(25000), annual_fee=Decimal(36500))
    raise_contributions(2025)

    raise_contributions(2026)

    assert list(Contribution.objects.filter(year=2026).values_list("kind", "amount")) == [
        ("annual", Decimal("36500.00"))
    ]


def test_raise_contributions_twice_changes_nothing(booking, egeby):
    join(egeby, booking, annual_fee=Decimal(1000))
    raise_contributions(2026)
    assert raise_contributions(2026) == (0, 0)


def test_raise_contributions_follows_changed_terms_until_invoiced(booking, egeby, nyby):
    first = join(egeby, booking, annual_fee=Decimal(1000))
    second = join(nyby, booking, annual_fee=Decimal(1000))
    raise_contributions(2026)
    invoiced = Contribution.objects.get(agreement=second)
    set_contribution_status(invoiced, status="invoiced", invoice_number="F-1", invoiced_on=date(2026, 2, 1))
    save_agreement(first, annual_fee=Decimal(2000))
    save_agreement(second, annual_fee=Decimal(2000))

    assert raise_contributions(2026) == (0, 1)
    assert sorted(Contribution.objects.values_list("agreement__organisation__name", "amount")) == [
        ("Egeby Kommune", Decimal("2000.00")),
        ("Nyby Kommune", Decimal("1000.00")),
    ]


def test_raise_contributions_leaves_out_drafts(booking, egeby):
    save_agreement(organisation=egeby, product=booking, status="draft", starts=date(2026, 1, 1), annual_fee=100)
    assert raise_contributions(2026) == (0, 0)


def test_raise_contributions_writes_an_audit_entry_per_line(booking, egeby):
    join(egeby, booking, starts=date(2025, 7, 1), joining_fee=Decimal(100), annual_fee=Decimal(100))
    raise_contributions(2025)
    assert Entry.objects.filter(object_type="members.contribution").count() == 2


def test_set_contribution_status_refuses_paid_without_a_day(booking, egeby):
    join(egeby, booking, annual_fee=Decimal(1000))
    raise_contributions(2026)
    line = Contribution.objects.get()
    with pytest.raises(ValidationError) as raised:
        set_contribution_status(line, status="paid")
    assert raised.value.messages == ["Give the day it was paid."]
