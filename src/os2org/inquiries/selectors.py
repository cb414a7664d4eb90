"""Reads of the inbox: the filtered list, one inquiry with its log, and the statistics."""

from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from os2org.inquiries.models import Inquiry, Topic

LIST_FIELDS = (
    "received",
    "subject",
    "status",
    "due",
    "by_fallback",
    "sender_name",
    "organisation_name",
    "topic__name",
    "assignee__name",
    "assignee__slug",
    "organisation__name",
)


def inbox(
    *,
    status: str = "",
    topic: Topic | None = None,
    assignee: str = "",
    overdue: bool = False,
    person_id: int | None = None,
    on: date | None = None,
) -> QuerySet:
    """Inquiries by the inbox's filters, newest first, filtered in the database.

    `status` "" is every open one, "alle" all; `assignee` a person's address,
    "ingen" for those nobody has, or "mig" for those of `person_id` (the
    reader's own); `overdue` keeps open ones past their due date.
    """
    day = on or timezone.localdate()
    found = Inquiry.objects.select_related("topic", "assignee", "organisation").only(*LIST_FIELDS)
    if status == "":
        found = found.open()
    elif status != "alle":
        found = found.filter(status=status)
    if topic is not None:
        found = found.filter(topic=topic)
    if assignee == "mig":
        found = found.filter(assignee_id=person_id)
    elif assignee == "ingen":
        found = found.filter(assignee__isnull=True)
    elif assignee:
        found = found.filter(assignee__slug=assignee)
    if overdue:
        found = found.overdue(day)
    return found.order_by("-received", "-id")


def inquiry(pk: int) -> Inquiry:
    """One inquiry with what its page names; Inquiry.DoesNotExist if there is none."""
    return Inquiry.objects.select_related("topic", "role", "assignee", "organisation", "product").get(pk=pk)


def log(inquiry: Inquiry) -> list:
    """Its notes and replies in the order they were written, each marked by `kind` ("note" or "reply")."""
    lines = [*inquiry.notes.select_related("author"), *inquiry.replies.select_related("author")]
    for line in lines:
        line.kind = "note" if line._meta.model_name == "note" else "reply"
    return sorted(lines, key=lambda line: (line.written, line.kind, line.pk))


def counts_by_topic() -> list[tuple[str, int]]:
    rows = Inquiry.objects.values("topic__name").annotate(count=Count("id")).order_by("-count", "topic__name")
    return [(row["topic__name"], row["count"]) for row in rows]


def counts_by_organisation() -> list[tuple[str, int]]:
    """By the organisation we know, or as the sender wrote it; "" where neither is given."""
    rows = (
        Inquiry.objects.values("organisation__name", "organisation_name")
        .annotate(count=Count("id"))
        .order_by("organisation__name", "organisation_name")
    )
    totals = {}
    for row in rows:
        name = row["organisation__name"] or row["organisation_name"]
        totals[name] = totals.get(name, 0) + row["count"]
    return sorted(totals.items(), key=lambda item: (-item[1], item[0].casefold()))


def counts_by_month() -> list[tuple[date, int]]:
    """(first day of the month, count), oldest first, in the local time zone."""
    rows = (
        Inquiry.objects.annotate(month=TruncMonth("received", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("month")
    )
    return [(_day(row["month"]), row["count"]) for row in rows]


def _day(value):
    return value.date() if hasattr(value, "date") else value
