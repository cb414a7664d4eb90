"""What waits for one person, gathered from the apps that own it.

Each part is asked of the app that owns its data, and lists only what the
`viewer` may open on its own; the viewer is the person's own, so they are
shown what they would find on each thing's page. Every part costs the same
few queries however much there is, and shows at most SHOWN rows beside its
count.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from os2org.common.visibility import Viewer, readable_of
from os2org.governance.cycle.selectors import coming_up_for
from os2org.governance.meetings.selectors import follow_ups_elsewhere_of, follow_ups_of, minutes_waiting_for
from os2org.onboarding.selectors import overdue_tasks_of
from os2org.organisation.coverage import coverage_report, section_titles
from os2org.organisation.models import Organisation, Person
from os2org.organisation.selectors import assignments_held, reviews_owned_by
from os2org.organisation.workload import Load

# How far ahead the overview looks for meetings, activities and reviews.
WEEKS_AHEAD = 4
# The most rows a part shows; its count says how many there are in all.
SHOWN = 20


@dataclass(frozen=True)
class Part:
    """Some of a list (`rows`, at most SHOWN) and how many there are in all."""

    rows: list
    count: int

    @property
    def more(self):
        return self.count - len(self.rows)


@dataclass(frozen=True)
class Overview:
    person: Person
    today: date
    until: date
    minutes: Part
    follow_ups: Part
    overdue: int
    ahead: Part
    assignments: list
    load: Load
    reviews: list
    # Onboarding tasks of theirs past their date (os2org.onboarding).
    onboarding: Part


def overview_of(person: Person, *, viewer: Viewer, on: date) -> Overview:
    """What waits for `person` on `on`, as `viewer` (theirs) may read it."""
    until = on + timedelta(weeks=WEEKS_AHEAD)
    minutes = minutes_waiting_for(person, viewer=viewer)
    follow_ups = follow_ups_of(person, viewer=viewer, on=on)
    counts = follow_ups.aggregate(all=Count("pk"), overdue=Count("pk", filter=Q(due__lt=on)))
    # Follow-ups kept elsewhere (a review's deviations) are theirs too, in the same list, soonest due first.
    rows = list(follow_ups[:SHOWN])
    for _source, found in follow_ups_elsewhere_of(person, viewer=viewer, on=on):
        rows += found[:SHOWN]
        more = found.aggregate(all=Count("pk"), overdue=Count("pk", filter=Q(due__lt=on)))
        counts = {name: counts[name] + more[name] for name in counts}
    rows = sorted(rows, key=lambda follow_up: follow_up.due)[:SHOWN]
    ahead = coming_up_for(person, on, until, viewer=viewer)
    assignments = assignments_held(person, on=on)
    return Overview(
        person=person,
        today=on,
        until=until,
        minutes=Part(list(minutes[:SHOWN]), minutes.count()),
        follow_ups=Part(rows, counts["all"]),
        overdue=counts["overdue"],
        ahead=Part(ahead[:SHOWN], len(ahead)),
        assignments=assignments,
        # Their own hours: whoever may see named people's hours, each person sees their own.
        load=Load(sum((held.hours_per_week for held in assignments), Decimal(0)), person.contract_hours),
        reviews=reviews_owned_by(person, viewer=viewer, on=on, until=until),
        onboarding=_overdue_onboarding(person, on),
    )


def _overdue_onboarding(person, on):
    """Two queries, whatever the number of tasks."""
    tasks = overdue_tasks_of(person, on=on)
    return Part(list(tasks[:SHOWN]), tasks.count())


@dataclass(frozen=True)
class Finding:
    """A section of the coverage report and how many things it lists."""

    section: str
    title: str
    count: int


def coverage_findings(on: date) -> list[Finding]:
    """The sections of the coverage report (organisation.coverage) that list something, in report order."""
    report = coverage_report(on)
    found = [Finding(section, title, len(report[section])) for section, title in section_titles().items()]
    return [finding for finding in found if finding.count]


@dataclass(frozen=True)
class Authority:
    """The member authority a member contact stands for, and the communities it is a member of."""

    organisation: Organisation
    communities: list


def authority_of(user_id, *, viewer: Viewer) -> Authority | None:
    """The authority `user_id`'s log-in stands for (a member contact's), or None; two queries.

    Its communities are those the viewer reads: the contact reads their own
    authority's communities, internal items and all.
    """
    organisation = Organisation.objects.filter(contacts__user_id=user_id).only("name", "slug").first()
    if organisation is None:
        return None
    communities = readable_of(viewer, organisation.communities.only("name", "slug")).order_by("name")
    return Authority(organisation, list(communities))
