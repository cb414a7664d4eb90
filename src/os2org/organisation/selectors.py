"""Reads of the organisation: the lists its pages show, and what other apps ask too.

Each list holds only what the viewer may read, and is searched word by
word in the database (os2org.common.search).
"""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from os2org.common.search import matching
from os2org.common.visibility import Viewer
from os2org.organisation.models import Assignment, Body, Organisation, Person

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
    fields = ("role", "person", "person__name", "person__slug", "person__visibility")
    for assignment in current.only(*fields).order_by("person__name", "pk"):
        if assignment.person not in holders[assignment.role_id]:
            holders[assignment.role_id].append(assignment.person)
    return holders
