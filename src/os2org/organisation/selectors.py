"""Reads of the organisation: the lists its pages show, and what other apps ask too.

Each list holds only what the viewer may read, and is searched word by
word in the database (os2org.common.search).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from os2org.common.search import matching
from os2org.common.visibility import Viewer
from os2org.organisation.coverage import COMMUNITY_KINDS, a_year_after
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.roles.models import RoleDescription

# What a role's review needs of it, and what decides who reads it (its page's visibility).
ROLE_FIELDS = ("name", "slug", "reviewed_on", "review_rule", "page", "page__visibility")
PERSON_FIELDS = ("person", "person__name", "person__slug", "person__visibility")

# The association's own bodies. The overview shows what lies directly under
# them too; a programme or a community stands there for its parts.
ASSOCIATION_KINDS = (
    Body.Kind.ASSOCIATION,
    Body.Kind.GENERAL_ASSEMBLY,
    Body.Kind.BOARD,
    Body.Kind.SECRETARIAT,
    Body.Kind.COMMITTEE,
    Body.Kind.SUPPLIERS,
    Body.Kind.STAKEHOLDERS,
)


def current(prefix="", on=None) -> Q:
    """The condition for an assignment (reached through `prefix`) that holds on a day, today by default."""
    day = on or timezone.localdate()
    return Q(**{f"{prefix}starts__lte": day}) & (Q(**{f"{prefix}ends__isnull": True}) | Q(**{f"{prefix}ends__gt": day}))


def _with_members(bodies):
    return bodies.annotate(members=Count("assignments__person", filter=current("assignments__"), distinct=True))


def body_summary(*, viewer: Viewer) -> QuerySet:
    """The bodies the overview shows, by name: those at the top and those directly under one of ASSOCIATION_KINDS.

    Each carries `members` (people who hold a role in it today) and `parts`
    (the bodies directly under it that the viewer may read).
    """
    shown = Q(parent__isnull=True) | Q(parent__kind__in=ASSOCIATION_KINDS)
    parts = Count("children", filter=viewer.visible(prefix="children__", body="children__pk"), distinct=True)
    bodies = Body.objects.filter(viewer.visible(body="pk"), shown).only("name", "slug", "kind", "parent_id")
    return _with_members(bodies).annotate(parts=parts).order_by("name", "pk")


def bodies(*, viewer: Viewer, words: str = "") -> QuerySet:
    """The bodies `viewer` may read with every word of `words` in their name, by name; each with `members`."""
    found = Body.objects.filter(viewer.visible(body="pk"), matching(words, "name_key")).select_related("parent")
    found = found.only("name", "slug", "kind", "parent__name", "parent__slug", "parent__visibility")
    return _with_members(found).order_by("name", "pk")


def organisations(*, viewer: Viewer, words: str = "") -> QuerySet:
    """The organisations `viewer` may read with every word of `words` in their name, by name."""
    return Organisation.objects.filter(viewer.visible(), matching(words, "name_key")).order_by("name", "pk")


def people(*, viewer: Viewer, words: str = "") -> QuerySet:
    """The people `viewer` may read with every word of `words` in their name or their employer's, by name.

    The employer's name counts only where the viewer may read the employer;
    e-mail addresses are searched too for those who see them
    (Viewer.sees_emails). For those who see named people's hours
    (Viewer.sees_hours) each carries `current_hours`, their hours today.
    """
    columns = ["name_key", ("employer__name_key", viewer.visible(prefix="employer__"))]
    if viewer.sees_emails:
        columns.append("email_key")
    found = Person.objects.filter(viewer.visible(), matching(words, *columns)).select_related("employer")
    found = found.only("name", "slug", "contract_hours", "employer__name", "employer__slug", "employer__visibility")
    if viewer.sees_hours:
        found = found.annotate(current_hours=Sum("assignments__hours_per_week", filter=current("assignments__")))
    return found.order_by("name", "pk")


def current_holders(roles):
    """{role id: [people who hold the role today]}, in one query."""
    ids = {role.pk for role in roles if role is not None}
    holders = defaultdict(list)
    if not ids:
        return holders
    current = Assignment.objects.current().filter(role_id__in=ids).select_related("person")
    for assignment in current.only("role", *PERSON_FIELDS).order_by("person__name", "pk"):
        if assignment.person not in holders[assignment.role_id]:
            holders[assignment.role_id].append(assignment.person)
    return holders


def assignments_held(person: Person, *, on: date) -> list[Assignment]:
    """The assignments `person` holds on `on`, with their bodies and roles, in the order they began."""
    held = Assignment.objects.current(on).filter(person=person).select_related("body", "role__page")
    return list(held.order_by("starts", "pk"))


@dataclass(frozen=True)
class Review:
    """The yearly review of a role description, as one person owns it.

    `holders` are the people whose description it is: the person themselves,
    or those who report to them in it. `due` is a year after the last review
    (organisation.coverage.a_year_after), or None when it was never reviewed.
    """

    role: RoleDescription
    holders: list
    due: date | None

    def overdue(self, on):
        return self.due is not None and self.due < on


def reviews_owned_by(person: Person, *, viewer: Viewer, on: date, until: date) -> list[Review]:
    """The yearly reviews `person` owns that fall due by `until`, never reviewed first, then by due date.

    A person owns the review of each role description they hold on `on`, and
    of each one held by someone who reports to them on an assignment current
    on `on`: a description is agreed between its holder and whom they report
    to. Only the role descriptions `viewer` reads; one query.
    """
    readable = RoleDescription.objects.readable_by(viewer)
    held = (
        Assignment.objects.current(on)
        .filter(Q(person=person) | Q(reports_to=person), role__in=readable)
        .select_related("person", "role__page")
        .only(*PERSON_FIELDS, "role", *(f"role__{name}" for name in ROLE_FIELDS))
        .order_by("person__name", "pk")
    )
    holders = defaultdict(list)
    roles = {}
    for assignment in held:
        roles[assignment.role_id] = assignment.role
        if assignment.person not in holders[assignment.role_id]:
            holders[assignment.role_id].append(assignment.person)
    reviews = [Review(role, holders[role.pk], _review_due(role)) for role in roles.values()]
    due = [review for review in reviews if review.due is None or review.due <= until]
    return sorted(due, key=lambda review: (review.due is not None, review.due or on, review.role.name.casefold()))


def _review_due(role):
    return a_year_after(role.reviewed_on) if role.reviewed_on else None


def coordinator_posts_vacated(*, viewer: Viewer, since: date, on: date) -> QuerySet:
    """The product and project communities whose coordinator post fell vacant from `since` to `on` (both included).

    A post falls vacant on the day its last coordinator's assignment ends
    (`vacated`, annotated) and stays vacant while no one holds it on `on`
    (organisation.coverage: "has a coordinator"). A community that never had
    a coordinator did not lose one; the coverage report lists it. Only the
    communities `viewer` reads, by name; one query.
    """
    coordinators = Q(assignments__function=Assignment.Function.COORDINATOR, assignments__ends__lte=on)
    held = Assignment.objects.current(on).filter(body=OuterRef("pk"), function=Assignment.Function.COORDINATOR)
    return (
        Body.objects.filter(kind__in=COMMUNITY_KINDS)
        .filter(viewer.visible(body="pk"))
        .annotate(vacated=Max("assignments__ends", filter=coordinators))
        .filter(~Exists(held), vacated__gte=since)
        .order_by("name", "pk")
    )


def searchable(*, viewer: Viewer) -> dict[str, QuerySet]:
    """What search looks among here: the people, bodies and organisations `viewer` may read."""
    return {
        "people": Person.objects.filter(viewer.visible()),
        "bodies": Body.objects.filter(viewer.visible(body="pk")),
        "organisations": Organisation.objects.filter(viewer.visible()),
    }
