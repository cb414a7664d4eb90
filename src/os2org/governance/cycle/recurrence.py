"""When an annual-cycle activity happens: RFC 5545 recurrence rules, read and written with dateutil.

An activity's dates are `starts` (DTSTART), an optional `rule` (RRULE,
without its "RRULE:" prefix) and optional `dates` (RDATE). This module
turns the simple schedules a form offers into rules and back, checks that
a rule gives dates at all, expands the dates in a range exactly as a
calendar program reading the feed would, and says the schedule in words.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rruleset, rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from os2org.common.dates import OUT_OF_RANGE, in_range
from os2org.governance.models import MAX_DATES, Activity

ONCE, YEARLY, MONTHLY, WEEKDAY, DATES, CUSTOM = "once", "yearly", "monthly", "weekday", "dates", "custom"
SCHEDULES = [
    (ONCE, gettext_lazy("once")),
    (YEARLY, gettext_lazy("every year on the first date")),
    (MONTHLY, gettext_lazy("every month on the day of the first date")),
    (WEEKDAY, gettext_lazy("a weekday of the month, such as the second Tuesday")),
    (DATES, gettext_lazy("on the dates listed")),
    (CUSTOM, gettext_lazy("by a rule written in RFC 5545 (for experts)")),
]
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = [
    (1, pgettext_lazy("ordinal", "first")),
    (2, pgettext_lazy("ordinal", "second")),
    (3, pgettext_lazy("ordinal", "third")),
    (4, pgettext_lazy("ordinal", "fourth")),
    (-1, pgettext_lazy("ordinal", "last")),
]
# How dates are written in the annual cycle: the language's own formats, as in the templates
# ("12. maj 2026" and "12. maj"; under /en/ "May 12, 2026" and "May 12").
DAY = "DATE_FORMAT"
DAY_IN_YEAR = "MONTH_DAY_FORMAT"
# Activities happen on days; a rule that repeats within a day has no place here.
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
PARTS = {
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
}  # fmt: skip
# The numbers a part may hold, and whether it may count from the end (-1: the last).
RANGES = {
    "INTERVAL": (9999, False),
    "COUNT": (9999, False),
    "BYMONTH": (12, False),
    "BYMONTHDAY": (31, True),
    "BYYEARDAY": (366, True),
    "BYWEEKNO": (53, True),
    "BYSETPOS": (366, True),
}
# A rule whose first date lies further ahead than this is taken never to
# occur: dateutil would otherwise search up to the year 9999 for it.
HORIZON = relativedelta(years=10)


@dataclass(frozen=True)
class Schedule:
    """A stored recurrence as the activity form shows it."""

    schedule: str
    months: tuple = ()
    ordinal: int | None = None
    weekday: str | None = None
    until: date | None = None
    rule: str = ""


def _months_part(months):
    months = sorted({int(month) for month in months})
    # Every month ticked says the same as none ticked.
    return "" if not months or len(months) == 12 else ";BYMONTH=" + ",".join(str(month) for month in months)


def build_rule(*, schedule, starts, months=(), ordinal=None, weekday=None, until=None):
    """The RRULE text of a simple schedule ("" for once and for explicit dates)."""
    if schedule in (ONCE, DATES):
        return ""
    if schedule == YEARLY:
        rule = f"FREQ=YEARLY;BYMONTH={starts.month};BYMONTHDAY={starts.day}"
    elif schedule == MONTHLY:
        rule = f"FREQ=MONTHLY{_months_part(months)};BYMONTHDAY={starts.day}"
    elif schedule == WEEKDAY:
        rule = f"FREQ=MONTHLY{_months_part(months)};BYDAY={int(ordinal)}{weekday}"
    else:
        raise ValueError(f"not a simple schedule: {schedule!r}")
    return rule + (f";UNTIL={until:%Y%m%d}" if until else "")


def rule_parts(rule):
    """{"FREQ": "MONTHLY", "BYDAY": "2TU", …} of a rule's text; ValueError if it is no list of NAME=value."""
    parts = {}
    for part in rule.split(";"):
        name, equals, value = part.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise ValueError(part)
        parts[name.strip().upper()] = value.strip().upper()
    return parts


def _error(field, message, code):
    return ValidationError({field: ValidationError(message, code=code)})


def _unreadable(rule):
    message = _(
        "“%(rule)s” is not a recurrence rule that can be read. Write it as in RFC 5545, "
        "for example FREQ=MONTHLY;BYDAY=2TU for the second Tuesday of every month."
    )
    return _error("rule", message % {"rule": rule}, "unreadable")


def _in_range(value, largest, *, from_end):
    number = int(value) if re.fullmatch(r"[+-]?[0-9]{1,4}", value) else 0
    return 1 <= (abs(number) if from_end else number) <= largest


def _valid(name, value):
    """Whether a part's value is one RFC 5545 allows (dateutil quietly accepts a BYMONTHDAY of 0)."""
    values = value.split(",")
    if name in RANGES:
        largest, from_end = RANGES[name]
        return all(_in_range(item, largest, from_end=from_end) for item in values)
    if name == "BYDAY":
        return all(re.fullmatch(r"([+-]?[1-5]?[0-9])?(MO|TU|WE|TH|FR|SA|SU)", item) for item in values)
    if name == "WKST":
        return value in DAY_CODES
    return True


def _until_date(value):
    """UNTIL as a local date, whether written as a date, a local time or a UTC time."""
    if "T" not in value:
        return datetime.strptime(value, "%Y%m%d").date()
    if value.endswith("Z"):
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
        return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return datetime.strptime(value, "%Y%m%dT%H%M%S").date()


def normalise_rule(rule):
    """A rule as stored: upper case, no "RRULE:" prefix, UNTIL as a date, FREQ first.

    Raises ValidationError on "rule" for text that is no rule an activity can have.
    """
    text = " ".join(rule.split())
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if not text:
        return ""
    try:
        parts = rule_parts(text)
        if "UNTIL" in parts:
            parts["UNTIL"] = f"{_until_date(parts['UNTIL']):%Y%m%d}"
    except ValueError:
        raise _unreadable(rule) from None
    if set(parts) - PARTS or "FREQ" not in parts or not all(_valid(name, value) for name, value in parts.items()):
        raise _unreadable(rule)
    if parts["FREQ"] not in FREQUENCIES:
        message = _("An activity repeats by the day, week, month or year: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.")
        raise _error("rule", message, "frequency")
    ordered = {"FREQ": parts.pop("FREQ"), **parts}
    return ";".join(f"{name}={value}" for name, value in ordered.items())


def _midnight(day):
    return datetime.combine(day, time.min)


def _rrule(rule, starts):
    try:
        return rrulestr(rule, dtstart=_midnight(starts))
    except (ValueError, TypeError, KeyError):
        raise _unreadable(rule) from None


def _no_such_day(parts):
    """True if the rule asks for days of the month that none of its months has (30 February).

    dateutil finds no date for such a rule only after searching every day
    up to the year 9999, which takes seconds for a daily rule.
    """
    try:
        months = [int(month) for month in parts.get("BYMONTH", "").split(",") if month] or range(1, 13)
        days = [abs(int(day)) for day in parts.get("BYMONTHDAY", "").split(",") if day]
    except ValueError:
        return False
    longest = max((monthrange(2000, month)[1] for month in months if 1 <= month <= 12), default=31)
    return bool(days) and min(days) > longest


def check_rule(rule, starts):
    """The first date of `rule` on or after `starts`; ValidationError on "rule" if there is none.

    Checked within ten years of `starts` (see HORIZON), so that an
    impossible rule (the 30th of February) is refused at once.
    """
    rule = normalise_rule(rule)
    if not rule:
        return starts
    parts = rule_parts(rule)
    horizon = _midnight(starts + HORIZON)
    limit = min(_midnight(_until_date(parts["UNTIL"])), horizon) if "UNTIL" in parts else horizon
    bounded = _rrule(rule, starts).replace(count=None, until=limit)
    first = None if _no_such_day(parts) else bounded.after(_midnight(starts), inc=True)
    if first is None:
        message = _(
            "This schedule gives no date in the ten years from the first date. Check the months and the "
            "day of the month (February has no 30th, and not every month has a 31st), and that the last "
            "date is not before the first date."
        )
        raise _error("rule", message, "never")
    return first.date()


def parse_dates(values):
    """Sorted distinct dates from dates or text lines (2026-03-15 or 15.3.2026); blank lines are skipped.

    ValidationError on "dates" names the first line that is no date or lies
    outside the supported years, or says that there are more than MAX_DATES.
    """
    found = set()
    for number, value in enumerate(values, start=1):
        day = value if isinstance(value, date) else _read_date(value, number)
        if day is None:
            continue
        if not in_range(day):
            message = _("Line %(number)d, “%(line)s”: %(problem)s")
            raise _error("dates", message % {"number": number, "line": value, "problem": OUT_OF_RANGE}, "date_range")
        found.add(day)
        if len(found) > MAX_DATES:
            message = _("List at most %(count)d dates; for more, write a rule.") % {"count": MAX_DATES}
            raise _error("dates", message, "too_many")
    return sorted(found)


def _read_date(value, number):
    """The date on line `number`, None for a blank line; ValidationError for anything else."""
    line = value.strip()
    if not line:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(line, pattern).date()
        except ValueError:
            continue
    message = _("Line %(number)d, “%(line)s”, is not a date. Write one date per line, as 2026-03-15 or 15.3.2026.")
    raise _error("dates", message % {"number": number, "line": line}, "date")


def stored_dates(activity):
    return [date.fromisoformat(value) for value in activity.dates]


def _set(activity, near):
    """The activity's dates as a dateutil set, expanded from close before `near` rather than from its start."""
    return _dates(activity.rule, activity.starts, activity.dates, near)


def _dates(rule, starts, further, near):
    """The dates of a schedule (its rule, first date and further ISO dates) as a dateutil set, from close before `near`."""
    dates = rruleset()
    if rule:
        moved, first = moved_start(rule, starts, near)
        dates.rrule(rrulestr(moved, dtstart=_midnight(first)))
    # DTSTART is always an occurrence (RFC 5545, 3.8.5.3), as are the RDATEs.
    for day in [starts, *(date.fromisoformat(value) for value in further)]:
        dates.rdate(_midnight(day))
    return dates


# The days a rule's part takes from DTSTART when it does not say them itself (as dateutil does).
DEFAULTED = ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")


def moved_start(rule, starts, near):
    """(rule, DTSTART) giving the same dates from `near` on, with DTSTART moved up close before `near`.

    dateutil expands a rule from its DTSTART, day by day for a daily one: a
    daily activity that began a century ago would cost every view of the
    wheel a century of days. DTSTART moves on by whole periods (INTERVAL ×
    FREQ), which keeps every date the rule gives; the days the rule took
    from the old DTSTART are written into it first. A rule with COUNT
    counts from its start and stays as it is (COUNT is at most 9999).
    """
    parts = rule_parts(rule)
    if "COUNT" in parts or near is None or near <= starts:
        return rule, starts
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    if not any(part in parts for part in DEFAULTED):
        if freq == "YEARLY":
            parts.setdefault("BYMONTH", str(starts.month))
        if freq in ("YEARLY", "MONTHLY"):
            parts["BYMONTHDAY"] = str(starts.day)
        elif freq == "WEEKLY":
            parts["BYDAY"] = DAY_CODES[starts.weekday()]
    # One period short of `near`, so that nothing on or after it is skipped.
    if freq == "DAILY":
        periods = (near - starts).days // interval - 1
        step = relativedelta(days=interval)
    elif freq == "WEEKLY":
        periods = (near - starts).days // (7 * interval) - 1
        step = relativedelta(weeks=interval)
    elif freq == "MONTHLY":
        periods = ((near.year - starts.year) * 12 + near.month - starts.month) // interval - 1
        step = relativedelta(months=interval)
    else:
        periods = (near.year - starts.year) // interval - 1
        step = relativedelta(years=interval)
    if periods <= 0:
        return rule, starts
    return ";".join(f"{name}={value}" for name, value in parts.items()), starts + step * periods


def occurrences(activity, start, end):
    """The dates of `activity` from `start` to `end`, both included, as a calendar program expands them."""
    return list(_occurrences(activity.rule, activity.starts, tuple(activity.dates), start, end))


# The dates follow from the schedule alone, so an expansion is kept in the
# process for as long as the schedule stays: after an edit, the annual wheel
# expands only the activities whose schedule changed, not all three hundred.
@lru_cache(maxsize=8192)
def _occurrences(rule, starts, dates, start, end):
    found = _dates(rule, starts, dates, start).between(_midnight(start), _midnight(end), inc=True)
    return tuple(moment.date() for moment in found)


def next_dates(activity, on, count):
    """The next `count` dates on or after `on` (fewer if the activity ends)."""
    return [moment.date() for moment in _set(activity, on).xafter(_midnight(on), count=count, inc=True)]


def schedule_of(activity):
    """The simple schedule `activity` was entered with, or CUSTOM with its raw rule."""
    if not activity.rule:
        return Schedule(DATES if activity.dates else ONCE)
    custom = Schedule(CUSTOM, rule=activity.rule)
    if activity.dates:
        return custom
    parts = rule_parts(activity.rule)
    until = _until_date(parts.pop("UNTIL")) if "UNTIL" in parts else None
    months = tuple(int(month) for month in parts.pop("BYMONTH", "").split(",") if month)
    freq = parts.pop("FREQ")
    starts = activity.starts
    yearly_on_start = months == (starts.month,) and parts == {"BYMONTHDAY": str(starts.day)}
    if freq == "YEARLY" and (yearly_on_start or not (months or parts)):
        return Schedule(YEARLY, until=until)
    if freq == "MONTHLY" and parts == {"BYMONTHDAY": str(starts.day)}:
        return Schedule(MONTHLY, months=months, until=until)
    if freq == "MONTHLY" and set(parts) == {"BYDAY"}:
        ordinal, weekday = parts["BYDAY"][:-2], parts["BYDAY"][-2:]
        if ordinal in ("1", "2", "3", "4", "-1") and weekday in DAY_CODES:
            return Schedule(WEEKDAY, months=months, ordinal=int(ordinal), weekday=weekday, until=until)
    return custom


def _month_name(month):
    return str(MONTHS[month])


def months_phrase(months):
    """“every month”, “every month except July” or “January, April and October”."""
    if not months or len(months) == 12:
        return _("every month")
    if len(months) > 6:
        missing = [_month_name(month) for month in range(1, 13) if month not in months]
        return _("every month except %(months)s") % {"months": get_text_list(missing, _("and"))}
    return get_text_list([_month_name(month) for month in sorted(months)], _("and"))


def describe(activity):
    """The schedule of `activity` as a sentence: “every year on 15 March”, “on 3 dates”…"""
    schedule = schedule_of(activity)
    starts = activity.starts
    if schedule.schedule == ONCE:
        return _("once, on %(date)s") % {"date": date_format(starts, DAY)}
    if schedule.schedule == DATES:
        count = 1 + len(activity.dates)
        return ngettext("on %(count)d date", "on %(count)d dates", count) % {"count": count}
    if schedule.schedule == CUSTOM:
        return rule_in_words(activity.rule)
    if schedule.schedule == YEARLY:
        # A leap year, so that a 29 February can be named.
        sentence = _("every year on %(day)s") % {"day": date_format(starts.replace(year=2000), DAY_IN_YEAR)}
    elif schedule.schedule == MONTHLY:
        sentence = _("on day %(day)d of %(months)s") % {"day": starts.day, "months": months_phrase(schedule.months)}
    else:
        sentence = _("the %(ordinal)s %(weekday)s of %(months)s") % {
            "ordinal": dict(ORDINALS)[schedule.ordinal],
            "weekday": WEEKDAYS[DAY_CODES.index(schedule.weekday)],
            "months": months_phrase(schedule.months),
        }
    if schedule.until:
        sentence = _("%(schedule)s, until %(date)s") % {
            "schedule": sentence,
            "date": date_format(schedule.until, DAY),
        }
    return sentence


def _every(freq, interval):
    if freq == "DAILY":
        words = (_("every day"), _("every other day"), ngettext("every %(count)d day", "every %(count)d days", interval))
    elif freq == "WEEKLY":
        words = (_("every week"), _("every other week"), ngettext("every %(count)d week", "every %(count)d weeks", interval))
    elif freq == "MONTHLY":
        words = (
            _("every month"),
            _("every other month"),
            ngettext("every %(count)d month", "every %(count)d months", interval),
        )
    else:
        words = (_("every year"), _("every other year"), ngettext("every %(count)d year", "every %(count)d years", interval))
    return words[min(interval, 3) - 1] % {"count": interval}


def _day_in_words(code):
    """“Tuesday” for TU, “the second Tuesday” for 2TU; None for what no one would say."""
    ordinal, weekday = code[:-2], code[-2:]
    if weekday not in DAY_CODES:
        return None
    name = str(WEEKDAYS[DAY_CODES.index(weekday)])
    if not ordinal:
        return name
    ordinals = dict(ORDINALS)
    if not re.fullmatch(r"[+-]?\d+", ordinal) or int(ordinal) not in ordinals:
        return None
    return _("the %(ordinal)s %(weekday)s") % {"ordinal": ordinals[int(ordinal)], "weekday": name}


def rule_in_words(rule):
    """A rule written by hand (RFC 5545) as a sentence: “every other week: Monday and Thursday, until 1. juni 2027”.

    What no sentence here can say is not shown as code either: the reader is
    pointed to the dates, which the activity's page lists.
    """
    own = _("by a schedule of its own: see the dates it falls on")
    try:
        parts = rule_parts(rule)
        interval = int(parts.pop("INTERVAL", "1"))
        count = int(parts.pop("COUNT")) if "COUNT" in parts else None
        until = _until_date(parts.pop("UNTIL")) if "UNTIL" in parts else None
        months = tuple(int(month) for month in parts.pop("BYMONTH", "").split(",") if month)
    except (ValueError, ValidationError):
        return own
    freq = parts.pop("FREQ", None)
    parts.pop("WKST", None)
    days = [_day_in_words(code) for code in parts.pop("BYDAY", "").split(",") if code]
    monthdays = [day for day in parts.pop("BYMONTHDAY", "").split(",") if day]
    if parts or freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY") or interval < 1 or None in days:
        return own
    if not all(re.fullmatch(r"\d+", day) for day in monthdays):
        return own
    sentence = _every(freq, interval)
    if days or monthdays:
        when = get_text_list(days, _("and")) if days else _("day %(days)s") % {"days": get_text_list(monthdays, _("and"))}
        sentence = _("%(every)s: %(days)s") % {"every": sentence, "days": when}
    if months:
        sentence = _("%(schedule)s, in %(months)s") % {"schedule": sentence, "months": months_phrase(months)}
    if count is not None:
        sentence = ngettext("%(schedule)s, %(count)d time", "%(schedule)s, %(count)d times", count) % {
            "schedule": sentence,
            "count": count,
        }
    if until is not None:
        sentence = _("%(schedule)s, until %(date)s") % {"schedule": sentence, "date": date_format(until, DAY)}
    return sentence


def review_date(reviewed_on):
    """A year after the last review (a review on 29 February falls due on 28 February)."""
    return reviewed_on + relativedelta(years=1)


def role_reviews(roles):
    """An unsaved yearly deadline for each role description in `roles` that has a review date.

    Each has `review_of` set to its role: it links to the role's page, as it
    has no page of its own.
    """
    reviews = []
    for role in roles:
        if role.reviewed_on is None:
            continue
        review = Activity(
            title=_("Yearly review: %(role)s") % {"role": role.name},
            kind=Activity.Kind.DEADLINE,
            role=role,
            starts=review_date(role.reviewed_on),
            rule="FREQ=YEARLY",
            description=_("The role description is agreed once a year. It was last reviewed on %(date)s.")
            % {"date": date_format(role.reviewed_on, DAY)},
        )
        review.review_of = role
        reviews.append(review)
    return reviews
