"""The demo's communication plan: a year of activities across audiences and channels, one newsletter
issue, and consent from most of the contact register (one has unsubscribed), so the recipient list
has both people on it and people left out."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from os2org.communication.models import PlannedActivity
from os2org.communication.services import record_consent, record_unsubscribe, save_activity, save_issue
from os2org.members.models import ContactRelation
from os2org.organisation.models import Assignment, Person

# (month, day, title, audience, channel)
PLAN = [
    (1, 15, "Newsletter: the year ahead", "members", "newsletter"),
    (2, 10, "Webinar for new coordinators", "coordinators", "webinar"),
    (3, 5, "Post about the spring release", "it_managers", "linkedin"),
    (4, 22, "Supplier day", "suppliers", "event"),
    (6, 3, "Newsletter: news from the products", "members", "newsletter"),
    (8, 28, "Executives' briefing on the budget", "executives", "event"),
    (9, 15, "Website: the annual report", "members", "website"),
    (11, 12, "Newsletter: plans for next year", "members", "newsletter"),
]


@transaction.atomic
def build(today: date | None = None) -> bool:
    """Add the demo's plan, newsletter issue and consents once. Returns whether anything was added."""
    if PlannedActivity.objects.exists():
        return False
    today = today or timezone.localdate()
    owner = Assignment.objects.current(today).filter(role__isnull=False).select_related("role").first()
    if owner is None:
        return False
    for month, day, title, audience, channel in PLAN:
        on = date(today.year, month, day)
        status = PlannedActivity.Status.DONE if on < today else PlannedActivity.Status.PLANNED
        save_activity(title=title, day=on, audience=audience, channel=channel, status=status, owner_role=owner.role)
    save_issue(title="News from the products", planned=date(today.year, 6, 3), audiences=["members", "it_managers"])
    contacts = (
        Person.objects.filter(pk__in=ContactRelation.objects.values("person_id")).exclude(email="").order_by("name")
    )
    for number, person in enumerate(contacts):
        if number % 4 != 3:
            record_consent(person, on=date(today.year, 1, 2))
        if number % 7 == 6:
            record_unsubscribe(person, on=date(today.year, 3, 1))
    return True
