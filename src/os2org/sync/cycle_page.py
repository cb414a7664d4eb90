"""The annual cycle as the handbook tells it: written from the activities, and checked against them.

There is one annual cycle, the activities behind the wheel; a handbook page
that describes it either takes its table from them or is checked against
them, so the page and the wheel cannot disagree unnoticed.

- **Generated.** A page marks where the cycle goes with
  `<!-- os2org:generated annual-cycle -->` and `<!-- /os2org:generated -->`
  lines (HTML comments: Jekyll shows nothing of them). `handbook export
  --refresh` and `handbook push --refresh` write a table there: a row for
  each activity in each month it falls in this year, in order of date, with
  who is responsible. Lint reports a marked table that the data has
  overtaken.
- **Written by hand.** A table whose first column names months (Danish or
  English, whole or shortened; "Marts–april" names both) is the page's own
  account of the cycle. Lint reports each activity that the wheel has in a
  month whose rows do not name it.

Both read the activities as the public does: the page goes into Git and
onto the published site.
"""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from os2org.common.visibility import ANONYMOUS, name_for, readable
from os2org.governance.cycle.recurrence import occurrences
from os2org.governance.cycle.selectors import activities_in
from os2org.handbook.lint import WARNING, Finding
from os2org.handbook.pages import read_page, split_lines
from os2org.sync.organisation_page import marked_regions, table_cell

CYCLE = "annual-cycle"
MARK = f"os2org:generated {CYCLE}"
# The words that name a month in the first column of a hand-written table.
MONTH_WORDS = {
    **{name: number for number, name in enumerate(
        "januar februar marts april maj juni juli august september oktober november december".split(), 1)},
    **{name: number for number, name in enumerate(
        "january february march april may june july august september october november december".split(), 1)},
    **{name: number for number, name in enumerate(
        "jan feb mar apr maj jun jul aug sep okt nov dec".split(), 1)},
    "may": 5, "oct": 10, "sept": 9, "dec": 12,
}
# A table is the cycle's when this many of its rows name a month, and at least half of them do.
LEAST_MONTH_ROWS = 3


@dataclass(frozen=True)
class Entry:
    month: int
    title: str
    responsible: str


def entries(year):
    """What the wheel has in each month of `year`, as the public reads it: an Entry per activity per month."""
    found = []
    for activity in activities_in(viewer=ANONYMOUS):
        months = sorted({day.month: day for day in occurrences(activity, *_year(year))}.items())
        for month, day in months:
            found.append((month, day, activity.title.casefold(), Entry(month, activity.title, _responsible(activity))))
    return [entry for *_key, entry in sorted(found, key=lambda row: row[:3])]


def _year(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _responsible(activity):
    if activity.body is not None:
        return name_for(ANONYMOUS, activity.body)
    if activity.role is not None and readable(ANONYMOUS, activity.role):
        return activity.role.name
    return ""


def month_name(number):
    return capfirst(str(MONTHS[number]))


def cycle_table(year=None):
    """The annual cycle as a Markdown table, in the handbook's language."""
    year = year or timezone.localdate().year
    with translation.override(settings.HANDBOOK_LANGUAGE):
        headings = [_("Month"), _("Activity"), _("Responsible")]
        lines = [
            "| " + " | ".join(headings) + " |",
            "|" + "|".join("-" * (len(h) + 2) for h in headings) + "|",
        ]
        for entry in entries(year):
            cells = [month_name(entry.month), table_cell(entry.title), table_cell(entry.responsible)]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _regions(page):
    """[(first line inside, line of the end mark) of each marked cycle block], lines of the body (0-based)."""
    return [(start, end) for name, start, end in marked_regions(page.tokens) if name == CYCLE]


def refreshed_source(page):
    """The page's text with each marked cycle block written anew from the data (the page itself as it is)."""
    if MARK not in page.source:
        return page.source
    parsed = read_page(page.path, page.source)
    regions = _regions(parsed)
    if not regions:
        return page.source
    table = cycle_table()
    lines = split_lines(parsed.body)
    for start, end in reversed(regions):
        lines[start:end] = ["\n", table, "\n"]
    return page.source[: len(page.source) - len(parsed.body)] + "".join(lines)


def check_cycle(page):
    """Lint findings where `page` tells the annual cycle otherwise than the wheel does."""
    regions = _regions(page)
    findings = []
    if regions:
        table = cycle_table().strip()
        lines = split_lines(page.body)
        for start, end in regions:
            if "".join(lines[start:end]).strip() != table:
                findings.append(
                    Finding(
                        page.path,
                        page.body_line + start - 1,
                        "cycle-outdated",
                        WARNING,
                        _("The annual cycle here is older than the activities; "
                          "`os2org handbook export --refresh` writes it anew."),
                    )
                )
    for table, rows in _month_tables(page, regions):
        findings.extend(_missing(page, table, rows))
    return findings


def months_named(text):
    return [MONTH_WORDS[word] for word in re.findall(r"[a-zæøå]+", text.casefold()) if word in MONTH_WORDS]


def _month_tables(page, regions):
    """[(table_open token, [(tr_open token, months named, the row's text)])] of the hand-written cycle tables."""
    tokens, found = page.tokens, []
    for index, token in enumerate(tokens):
        if token.type != "table_open" or not token.map:
            continue
        if any(start <= token.map[0] < end for start, end in regions):
            continue
        rows, row = [], None
        for inner in tokens[index + 1 :]:
            if inner.type == "table_close":
                break
            if inner.type == "tr_open":
                row = [inner, []]
                rows.append(row)
            elif inner.type == "inline" and row is not None:
                row[1].append(inner.content)
        body = [(tr, months_named(cells[0]) if cells else [], " ".join(cells)) for tr, cells in rows[1:]]
        naming = sum(1 for _tr, months, _text in body if months)
        if naming >= LEAST_MONTH_ROWS and naming * 2 >= len(body):
            found.append((token, body))
    return found


def _missing(page, table, rows):
    text_of = {}
    for tr, months, text in rows:
        for month in months:
            line, texts = text_of.setdefault(month, (page.line_of(tr), []))
            texts.append(text.casefold())
    findings = []
    for entry in entries(timezone.localdate().year):
        line, texts = text_of.get(entry.month, (page.line_of(table), []))
        if not any(entry.title.casefold() in text for text in texts):
            message = _("The wheel has “%(title)s” in %(month)s; the table does not name it there.") % {
                "title": entry.title,
                "month": MONTHS[entry.month],
            }
            findings.append(Finding(page.path, line, "cycle-missing", WARNING, message))
    return findings
