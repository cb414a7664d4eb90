"""What the organisation covers: the coverage report and an assignment's capacity.

Definitions (every function takes `on=`, a date, and means today without it):

- A person *holds* a role when they have a current assignment to it
  (`Assignment.objects.current(on)`: started on or before the day, not ended
  by it).
- A *vacant role* is a role description that nobody holds. Its MUST tasks
  are the *uncovered MUST tasks*: core work nobody is assigned to do.
- A product or project community *has a coordinator* when a current
  assignment in the community itself (not in one of its groups) has the
  function "coordinator".
- A *steering group without members* has no current assignment at all.
- A person is *over-allocated* when the hours per week of their current
  assignments add up to more than their contract hours; the percentage is
  100 × hours / contract hours, rounded half up to a whole number.
- A role description's yearly review is *due* a year after `reviewed_on`;
  it is listed when that day is before the report's day. A description
  with no `reviewed_on` is listed as *never reviewed*.
- *Capacity* of an assignment: its role's tasks in priority order (MUST,
  SHOULD, COULD, each by position) with a running total of their estimated
  hours; a task without an estimate counts 0 and is flagged. Tasks are
  *within* the hours while the running total is at most the assignment's
  hours per week; the first task past that and every task after it *fall
  out*. A MUST task that falls out is a problem: MUST tasks are always
  solved, so the report lists them as *MUST tasks beyond the hours*.

The report is a dict of JSON-ready values (dates as ISO strings, hours as
numbers), every list sorted by the name it starts with. Each item carries
`slug`, the address of the role, body or person it names, so pages can
link to it; an item of `must_tasks_beyond_hours` carries `assignment`, the
assignment's id, instead.

The CSV has one row per finding, columns `section,name,detail,value`:

| section | name | detail | value |
|---|---|---|---|
| uncovered_must_tasks | role | task | position |
| vacant_roles | role | | number of MUST tasks |
| must_tasks_beyond_hours | role | task | person |
| communities_without_coordinator | body | kind | |
| steering_groups_without_members | body | the body it is part of | |
| over_allocated_people | person | hours/contract hours | percent |
| reviews_due | role | last reviewed | due |
| never_reviewed | role | | |
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.common.spreadsheets import csv_text
from os2org.organisation.models import Assignment, Body, Person
from os2org.roles.models import Priority, RoleDescription, Task

COMMUNITY_KINDS = (Body.Kind.PRODUCT_COMMUNITY, Body.Kind.PROJECT_COMMUNITY)
SECTIONS = (
    "uncovered_must_tasks",
    "vacant_roles",
    "must_tasks_beyond_hours",
    "communities_without_coordinator",
    "steering_groups_without_members",
    "over_allocated_people",
    "reviews_due",
    "never_reviewed",
)
CSV_COLUMNS = ("section", "name", "detail", "value")

# Findings that apps above organisation make from their own data (os2org.
# inquiries: topics whose role is vacant go to the fallback role). This app
# may not import them; each adds a function when it starts (its
# AppConfig.ready). A function takes the day and returns {"id", "title",
# "explain", "columns", "rows"}: rows of plain text cells, drawn as a table.
FINDINGS = []


def add_finding(source):
    """Add a source of findings once (AppConfig.ready may run more than once in tests)."""
    if source not in FINDINGS:
        FINDINGS.append(source)


def findings_elsewhere(on=None):
    day = on or timezone.localdate()
    return [source(day) for source in FINDINGS]


@dataclass(frozen=True)
class Row:
    """One task of an assignment's role, against the assignment's hours."""

    task: Task
    hours: Decimal | None
    running_total: Decimal
    within: bool

    @property
    def priority(self):
        return Priority(self.task.priority)

    @property
    def estimated(self):
        return self.hours is not None

    @property
    def must_beyond_hours(self):
        return self.priority == Priority.MUST and not self.within


@dataclass(frozen=True)
class Capacity:
    """The rows of an assignment's tasks; `cut` is the index of the first that falls out, or None."""

    hours_per_week: Decimal
    rows: list
    cut: int | None

    @property
    def total(self):
        return self.rows[-1].running_total if self.rows else Decimal(0)

    @property
    def must_beyond_hours(self):
        return [row for row in self.rows if row.must_beyond_hours]

    @property
    def without_estimate(self):
        return [row for row in self.rows if not row.estimated]


def capacity(assignment):
    """How the assignment's hours cover its role's tasks (see the module docstring).

    Uses the role's prefetched tasks when there are any; otherwise one query.
    """
    tasks = sorted(assignment.role.tasks.all(), key=lambda t: (t.priority, t.position)) if assignment.role else []
    rows, total, cut = [], Decimal(0), None
    for index, task in enumerate(tasks):
        total += task.hours_per_week or 0
        if cut is None and total > assignment.hours_per_week:
            cut = index
        rows.append(Row(task=task, hours=task.hours_per_week, running_total=total, within=cut is None))
    return Capacity(hours_per_week=assignment.hours_per_week, rows=rows, cut=cut)


def coverage_report(on=None):
    """What the organisation does not cover on a day, as JSON-ready data (see the module docstring).

    Six queries, however large the organisation.
    """
    day = on or timezone.localdate()
    current = Assignment.objects.current(on=day)
    roles = list(
        RoleDescription.objects.in_handbook()
        .only("name", "slug", "reviewed_on")
        .annotate(held=Exists(current.filter(role=OuterRef("pk"))))
        .prefetch_related(Prefetch("tasks", Task.objects.filter(priority=Priority.MUST), to_attr="must_tasks"))
    )
    vacant = _by_name([role for role in roles if not role.held])
    return {
        "date": day.isoformat(),
        "uncovered_must_tasks": [
            {"role": role.name, "slug": role.slug, "task": task.text, "position": task.position}
            for role in vacant
            for task in sorted(role.must_tasks, key=lambda t: t.position)
        ],
        "vacant_roles": [{"role": r.name, "slug": r.slug, "must_tasks": len(r.must_tasks)} for r in vacant],
        "must_tasks_beyond_hours": _must_tasks_beyond_hours(current),
        **_bodies(current),
        "over_allocated_people": _over_allocated(day),
        "reviews_due": _reviews_due(roles, day),
        "never_reviewed": [{"role": r.name, "slug": r.slug} for r in _by_name(roles) if r.reviewed_on is None],
    }


def _must_tasks_beyond_hours(current):
    assignments = (
        current.filter(role__page__isnull=False)
        .select_related("person", "role")
        .only("hours_per_week", "person__name", "role__name", "role__slug")
        .prefetch_related("role__tasks")
    )
    found = [
        {
            "role": assignment.role.name,
            "assignment": assignment.pk,
            "task": row.task.text,
            "position": row.task.position,
            "person": assignment.person.name,
        }
        for assignment in assignments
        for row in capacity(assignment).must_beyond_hours
    ]
    return sorted(found, key=lambda item: (item["role"].casefold(), item["person"].casefold(), item["position"]))


def _bodies(current):
    bodies = _by_name(
        Body.objects.filter(kind__in=[*COMMUNITY_KINDS, Body.Kind.STEERING_GROUP])
        .select_related("parent")
        .only("name", "slug", "kind", "parent__name")
        .annotate(
            has_members=Exists(current.filter(body=OuterRef("pk"))),
            has_coordinator=Exists(current.filter(body=OuterRef("pk"), function=Assignment.Function.COORDINATOR)),
        )
    )
    return {
        "communities_without_coordinator": [
            {"body": b.name, "slug": b.slug, "kind": b.kind}
            for b in bodies
            if b.kind in COMMUNITY_KINDS and not b.has_coordinator
        ],
        "steering_groups_without_members": [
            {"body": b.name, "slug": b.slug, "part_of": b.parent.name if b.parent else None}
            for b in bodies
            if b.kind == Body.Kind.STEERING_GROUP and not b.has_members
        ],
    }


def _over_allocated(day):
    holds = Q(assignments__starts__lte=day) & (Q(assignments__ends__isnull=True) | Q(assignments__ends__gt=day))
    people = Person.objects.only("name", "slug", "contract_hours").annotate(
        hours=Sum("assignments__hours_per_week", filter=holds)
    )
    return [
        {
            "person": person.name,
            "slug": person.slug,
            "hours": _number(person.hours),
            "contract_hours": _number(person.contract_hours),
            "percent": percent(person.hours, person.contract_hours),
        }
        for person in _by_name(people)
        if person.hours is not None and person.hours > person.contract_hours
    ]


def _reviews_due(roles, day):
    due = [(role, a_year_after(role.reviewed_on)) for role in _by_name(roles) if role.reviewed_on]
    return [
        {"role": role.name, "slug": role.slug, "reviewed_on": role.reviewed_on.isoformat(), "due": when.isoformat()}
        for role, when in due
        if when < day
    ]


def percent(hours, of):
    """100 × hours / of, rounded half up to a whole number."""
    return int((100 * Decimal(hours) / Decimal(of)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def a_year_after(day):
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 2, 28)


def _number(value):
    """A Decimal as a JSON number: 37 stays 37, 44.40 becomes 44.4."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value.normalize())


def _by_name(items):
    # Sorted in Python, not by the database: collations differ between
    # SQLite and PostgreSQL, and the report must read the same on both.
    return sorted(items, key=lambda item: (item.name.casefold(), item.slug))


def csv_rows(report):
    """The report as (section, name, detail, value) rows, section by section."""
    cells = {
        "uncovered_must_tasks": lambda i: (i["role"], i["task"], i["position"]),
        "vacant_roles": lambda i: (i["role"], "", i["must_tasks"]),
        "must_tasks_beyond_hours": lambda i: (i["role"], i["task"], i["person"]),
        "communities_without_coordinator": lambda i: (i["body"], i["kind"], ""),
        "steering_groups_without_members": lambda i: (i["body"], i["part_of"] or "", ""),
        "over_allocated_people": lambda i: (i["person"], f"{i['hours']}/{i['contract_hours']}", i["percent"]),
        "reviews_due": lambda i: (i["role"], i["reviewed_on"], i["due"]),
        "never_reviewed": lambda i: (i["role"], "", ""),
    }
    return [(section, *cells[section](item)) for section in SECTIONS for item in report[section]]


def coverage_csv(report):
    """The report as CSV text with a header row (see the module docstring), safe to open in a spreadsheet."""
    return csv_text([CSV_COLUMNS, *csv_rows(report)])


def section_titles():
    """Each section's title in the interface language, in report order."""
    return {
        "uncovered_must_tasks": _("MUST tasks nobody holds"),
        "vacant_roles": _("Vacant roles"),
        "must_tasks_beyond_hours": _("MUST tasks beyond the hours"),
        "communities_without_coordinator": _("Communities without a coordinator"),
        "steering_groups_without_members": _("Steering groups without members"),
        "over_allocated_people": _("People over 100 %"),
        "reviews_due": _("Yearly reviews past due"),
        "never_reviewed": _("Never reviewed"),
    }


def coverage_text(report):
    """The report as lines of text for a reader, in the interface language."""
    describe = {
        "uncovered_must_tasks": lambda i: f"{i['role']}: {i['task']}",
        "vacant_roles": lambda i: ngettext(
            "%(role)s (%(count)d MUST task)", "%(role)s (%(count)d MUST tasks)", i["must_tasks"]
        )
        % {"role": i["role"], "count": i["must_tasks"]},
        "must_tasks_beyond_hours": lambda i: f"{i['role']}, {i['person']}: {i['task']}",
        "communities_without_coordinator": lambda i: f"{i['body']} ({Body.Kind(i['kind']).label})",
        "steering_groups_without_members": lambda i: f"{i['body']} ({i['part_of']})" if i["part_of"] else i["body"],
        "over_allocated_people": lambda i: _("%(person)s: %(hours)s of %(contract)s hours (%(percent)d %%)")
        % {"person": i["person"], "hours": i["hours"], "contract": i["contract_hours"], "percent": i["percent"]},
        "reviews_due": lambda i: _("%(role)s: reviewed %(reviewed)s, due %(due)s")
        % {"role": i["role"], "reviewed": i["reviewed_on"], "due": i["due"]},
        "never_reviewed": lambda i: i["role"],
    }
    lines = [_("Coverage on %(date)s") % {"date": report["date"]}]
    for section, title in section_titles().items():
        lines.append(f"{title}: {len(report[section])}")
        lines.extend(f"  {describe[section](item)}" for item in report[section])
    return lines
