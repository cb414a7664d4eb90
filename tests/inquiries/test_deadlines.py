from datetime import date

import pytest

from os2org.inquiries.deadlines import due_date

# 4 May 2026 is a Monday.


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (date(2026, 5, 4), 1, date(2026, 5, 5)),
        (date(2026, 5, 6), 3, date(2026, 5, 11)),
        (date(2026, 5, 8), 1, date(2026, 5, 11)),
        (date(2026, 5, 8), 5, date(2026, 5, 15)),
        (date(2026, 5, 9), 1, date(2026, 5, 11)),
        (date(2026, 5, 10), 1, date(2026, 5, 11)),
        (date(2026, 5, 9), 5, date(2026, 5, 15)),
        (date(2026, 5, 4), 10, date(2026, 5, 18)),
        (date(2026, 5, 7), 12, date(2026, 5, 25)),
        (date(2026, 12, 31), 2, date(2027, 1, 4)),
    ],
)
def test_due_date_counts_working_days_after_the_day_received(received, days, due):
    assert due_date(received, days) == due
