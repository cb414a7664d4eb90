"""Where an inquiry goes, in one function: its topic's role, and the person who holds that role on the day.

The rule:

1. The topic names a role. The person who holds it on the day the inquiry
   arrives (a current assignment to the role: organisation's
   `Assignment.objects.current`) gets it. When several hold it, the one who
   has held it longest (the earliest start, then the first recorded).
2. When nobody holds the topic's role, the inquiry goes to the fallback
   role, the secretariat chief's (setting INQUIRY_FALLBACK_ROLE, the role's
   address; "sekretariatschef" by default), and to its holder, chosen as
   in 1. The inquiry records that it was routed by fallback.
3. When the fallback role is vacant too, or no role has that address, the
   inquiry keeps the role it reached with nobody assigned: the inbox lists
   it as unassigned, and the coverage page names the topic.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from os2org.inquiries.models import Topic
from os2org.organisation.models import Assignment, Person
from os2org.roles.models import RoleDescription


@dataclass(frozen=True)
class Route:
    role: RoleDescription
    person: Person | None
    by_fallback: bool


def holder(role: RoleDescription, on: date) -> Person | None:
    """Who holds `role` on the day: the longest-serving current holder, or None."""
    found = Assignment.objects.current(on).filter(role=role).select_related("person").order_by("starts", "pk").first()
    return found.person if found else None


def fallback_role() -> RoleDescription | None:
    return RoleDescription.objects.filter(slug=settings.INQUIRY_FALLBACK_ROLE).first()


def route(topic, on: date) -> Route:
    """Where an inquiry of `topic` that arrives on `on` goes (the rule in the module docstring)."""
    person = holder(topic.role, on)
    if person is not None:
        return Route(role=topic.role, person=person, by_fallback=False)
    fallback = fallback_role()
    if fallback is None or fallback.pk == topic.role_id:
        return Route(role=topic.role, person=None, by_fallback=False)
    return Route(role=fallback, person=holder(fallback, on), by_fallback=True)


def fallback_topics(on: date) -> dict:
    """The coverage page's finding: topics whose role nobody holds on the day, and where their inquiries go.

    A dict the coverage page draws (organisation.coverage.findings_elsewhere),
    one row per topic: (topic, its role, where its inquiries go). Three
    queries, however many topics.
    """
    current = Assignment.objects.current(on)
    vacant = (
        Topic.objects.select_related("role")
        .annotate(held=Exists(current.filter(role=OuterRef("role_id"))))
        .filter(held=False)
        .order_by("name")
    )
    rows = []
    for topic in vacant:
        if not rows:
            goes_to = _goes_to(on)
        rows.append((topic.name, topic.role.name, goes_to))
    return {
        "id": "inquiry_topics_to_fallback",
        "title": _("Inquiry topics sent to the fallback role"),
        "explain": _("Topics whose role nobody holds: their inquiries go to the secretariat chief's role instead."),
        "columns": (_("Topic"), _("Role"), _("Inquiries go to")),
        "rows": rows,
    }


def _goes_to(on):
    fallback = fallback_role()
    if fallback is None:
        return _("nobody: no role has the address %(slug)s") % {"slug": settings.INQUIRY_FALLBACK_ROLE}
    person = holder(fallback, on)
    if person is None:
        return _("%(role)s, which nobody holds either") % {"role": fallback.name}
    return f"{fallback.name} ({person.name})"
