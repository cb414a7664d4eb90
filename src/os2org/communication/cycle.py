"""The communication plan's dates in the annual cycle (governance.cycle.sources), for those who read the plan."""

from datetime import date

from django.urls import reverse

from os2org.communication.models import PlannedActivity
from os2org.governance.cycle.selectors import Occurrence
from os2org.governance.models import Activity


def dates(start: date, end: date, *, viewer, body=None) -> list[Occurrence]:
    """One query, for the secretariat and the board only; the plan belongs to no body, so a body's cycle has none."""
    if not viewer.reads_everything or body is not None:
        return []
    planned = PlannedActivity.objects.filter(day__gte=start, day__lte=end).exclude(
        status=PlannedActivity.Status.CANCELLED
    )
    url = reverse("communication:plan")
    return [
        Occurrence(
            Activity(title=activity.title, kind=Activity.Kind.COMMUNICATION),
            activity.day,
            url=f"{url}?aar={activity.day.year}#month-{activity.day.month}",
        )
        for activity in planned.only("title", "day")
    ]
