from datetime import date
from decimal import Decimal

from os2org.members.contributions import Due, days_in_force, due_for, notice_ends, rounded

FEE = Decimal("36500")


def test_due_for_the_first_year_pays_for_the_days_from_the_start():
    due = due_for(starts=date(2025, 7, 1), ends=None, joining_fee=Decimal(0), annual_fee=FEE, year=2025)
    assert due == [Due("annual", date(2025, 7, 1), date(2026, 1, 1), Decimal("18400.00"))]


def test_due_for_the_next_year_pays_the_whole_fee():
    due = due_for(starts=date(2025, 7, 1), ends=None, joining_fee=Decimal(0), annual_fee=FEE, year=2026)
    assert due == [Due("annual", date(2026, 1, 1), date(2027, 1, 1), Decimal("36500.00"))]


def test_due_for_the_last_year_pays_until_the_end():
    due = due_for(starts=date(2025, 7, 1), ends=date(2026, 10, 1), joining_fee=Decimal(0), annual_fee=FEE, year=2026)
    assert due == [Due("annual", date(2026, 1, 1), date(2026, 10, 1), Decimal("27300.00"))]


def test_due_for_a_leap_year_counts_366_days():
    due = due_for(starts=date(2028, 3, 1), ends=None, joining_fee=Decimal(0), annual_fee=FEE, year=2028)
    assert due == [Due("annual", date(2028, 3, 1), date(2029, 1, 1), Decimal("30516.39"))]


def test_due_for_the_year_it_begins_adds_the_joining_fee():
    due = due_for(starts=date(2025, 7, 1), ends=None, joining_fee=Decimal("25000"), annual_fee=FEE, year=2025)
    assert [(d.kind, d.amount) for d in due] == [("joining", Decimal("25000.00")), ("annual", Decimal("18400.00"))]


def test_due_for_a_later_year_has_no_joining_fee():
    due = due_for(starts=date(2025, 7, 1), ends=None, joining_fee=Decimal("25000"), annual_fee=FEE, year=2026)
    assert [d.kind for d in due] == ["annual"]


def test_due_for_a_year_after_the_end_is_nothing():
    assert (
        due_for(starts=date(2024, 1, 1), ends=date(2025, 1, 1), joining_fee=Decimal(0), annual_fee=FEE, year=2025) == []
    )


def test_due_for_a_year_before_the_start_is_nothing():
    assert due_for(starts=date(2026, 1, 1), ends=None, joining_fee=Decimal(100), annual_fee=FEE, year=2025) == []


def test_days_in_force_cuts_the_period_to_the_year():
    assert days_in_force(date(2024, 5, 1), date(2027, 2, 1), 2025) == (date(2025, 1, 1), date(2026, 1, 1))


def test_rounded_takes_halves_up():
    assert (rounded(Decimal("12.345")), rounded(Decimal("12.344"))) == (Decimal("12.35"), Decimal("12.34"))


def test_notice_ends_after_the_running_month_and_the_notice():
    assert notice_ends(date(2026, 3, 15), 6) == date(2026, 10, 1)


def test_notice_ends_in_the_next_year():
    assert notice_ends(date(2026, 12, 31), 6) == date(2027, 7, 1)


def test_notice_of_no_months_ends_with_the_running_month():
    assert notice_ends(date(2026, 6, 2), 0) == date(2026, 7, 1)
