"""Reads of the communication plan, filtered in SQL."""

from django.db.models import QuerySet

from os2org.communication.models import NewsletterIssue, PlannedActivity


def plan(*, year: int, audience=None, channel=None, status=None) -> QuerySet:
    found = PlannedActivity.objects.filter(day__year=year).select_related("owner_role", "owner_person")
    if audience:
        found = found.filter(audience=audience)
    if channel:
        found = found.filter(channel=channel)
    if status:
        found = found.filter(status=status)
    return found.order_by("day", "title", "pk")


def years() -> list[int]:
    return sorted({day.year for day in PlannedActivity.objects.dates("day", "year")}, reverse=True)


def issues() -> QuerySet:
    return NewsletterIssue.objects.prefetch_related("products").order_by("-planned", "-pk")
