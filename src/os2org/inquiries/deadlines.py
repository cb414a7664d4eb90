"""When an inquiry is due: its topic's response time in working days.

The rule: working days are Monday to Friday; weekends do not count, and
public holidays are not known here (they count as working days). The day
an inquiry arrives does not count: with a response time of N it is due on
the N-th working day after that day. An inquiry that arrives on a Friday
with one day is due on Monday; one that arrives on a Saturday or Sunday
with one day is due on Monday too.
"""

from datetime import date, timedelta

SATURDAY = 5


def add_working_days(day: date, days: int) -> date:
    """The `days`-th working day (Monday to Friday) after `day`."""
    whole_weeks, rest = divmod(days, 5)
    found = day + timedelta(weeks=whole_weeks)
    # From a weekend day, whole weeks land on a weekend day: step back to the Friday before.
    if found.weekday() >= SATURDAY:
        found -= timedelta(days=found.weekday() - 4)
    while rest:
        found += timedelta(days=1)
        if found.weekday() < SATURDAY:
            rest -= 1
    return found


def due_date(received: date, response_days: int) -> date:
    return add_working_days(received, response_days)
