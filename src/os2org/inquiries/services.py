"""Changing topics and inquiries. Every function writes its audit entry in the same transaction.

A function that changes a stored object takes the `revision` its form was
opened at and refuses the save if someone saved the object since
(audit.services.check_revision); None, as commands pass, skips the check.

Inquiries hold personal data, and the change log is read by the board
too: an inquiry's audit entries name it by its number and hold only the
facts in FACTS (status, topic, routing, dates), never the sender or text.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import check_revision, record, snapshot
from os2org.common.validation import full_clean
from os2org.inquiries.deadlines import due_date
from os2org.inquiries.models import Inquiry, Note, Reply, Topic
from os2org.inquiries.routing import route
from os2org.organisation.services import unique_slug

TOPIC_FIELDS = ("name", "role", "response_days", "public", "position")
# What an inquiry's audit entries keep of it: nothing that names or quotes the sender.
FACTS = ("channel", "topic", "product", "role", "assignee", "by_fallback", "due", "status", "closed_on")


def facts(inquiry: Inquiry) -> dict | None:
    """The inquiry's snapshot cut to FACTS (see the module docstring)."""
    found = snapshot(inquiry)
    return None if found is None else {name: found[name] for name in FACTS}


@transaction.atomic
def save_topic(topic: Topic | None = None, *, actor=None, revision=None, **fields) -> Topic:
    """Create or change a topic: its name, role and response time. Side effects: the Topic row, one audit entry."""
    topic = topic or Topic()
    check_revision(topic, revision)
    before = snapshot(topic)
    for name, value in fields.items():
        if name not in TOPIC_FIELDS:
            raise TypeError(f"save_topic() got an unexpected field {name!r}")
        setattr(topic, name, value)
    if not topic.slug:
        topic.slug = unique_slug(Topic, topic.name)
    full_clean(topic)
    topic.save()
    record(
        "inquiries.topic",
        summary=_("inquiry topic: %(name)s") % {"name": topic},
        actor=actor,
        obj=topic,
        before=before,
        after=snapshot(topic),
    )
    return topic


def topic_named(value) -> Topic:
    """A topic by its address (as a command or a setting gives it); an unknown one is a clear error."""
    if isinstance(value, Topic):
        return value
    found = Topic.objects.filter(slug=value).first()
    if found is None:
        known = ", ".join(Topic.objects.order_by("slug").values_list("slug", flat=True)) or _("none yet")
        raise ValidationError(
            {"topic": _("There is no topic “%(topic)s”. Known topics: %(known)s.") % {"topic": value, "known": known}}
        )
    return found


@transaction.atomic
def receive_inquiry(
    *,
    topic,
    channel: str,
    sender_name: str,
    subject: str,
    text: str,
    sender_email: str = "",
    organisation=None,
    organisation_name: str = "",
    product=None,
    received: datetime | None = None,
    message_id: str | None = None,
    actor=None,
) -> Inquiry:
    """Store an inquiry that has arrived, routed and given its due date.

    `topic` is a Topic or its address. Routing (inquiries.routing.route)
    and the due date (inquiries.deadlines) are worked out for the day it
    arrived. Side effects: one Inquiry row and one audit entry. Raises
    ValidationError naming the field (an unknown topic, an e-mail already
    read: `message_id`); nothing is stored then.
    """
    topic = topic_named(topic)
    received = received or timezone.now()
    day = timezone.localdate(received)
    to = route(topic, day)
    inquiry = Inquiry(
        topic=topic,
        channel=channel,
        sender_name=sender_name,
        sender_email=sender_email,
        organisation=organisation,
        organisation_name=organisation_name,
        product=product,
        subject=subject,
        text=text,
        received=received,
        message_id=message_id or None,
        role=to.role,
        assignee=to.person,
        by_fallback=to.by_fallback,
        due=due_date(day, topic.response_days),
    )
    markup.render_fields(inquiry)
    full_clean(inquiry)
    inquiry.save()
    record(
        "inquiries.received",
        summary=_("%(inquiry)s received") % {"inquiry": inquiry},
        actor=actor,
        obj=inquiry,
        after=facts(inquiry),
    )
    return inquiry


def _change(inquiry, action, summary, *, actor, before):
    full_clean(inquiry)
    inquiry.save()
    record(
        action, summary=summary % {"inquiry": inquiry}, actor=actor, obj=inquiry, before=before, after=facts(inquiry)
    )
    return inquiry


@transaction.atomic
def set_status(inquiry: Inquiry, *, status: str, actor=None, revision=None, on: date | None = None) -> Inquiry:
    """Move an inquiry to a status. Closing it sets the day it closed (today by default); reopening clears it.

    Side effects: the Inquiry row, one audit entry.
    """
    check_revision(inquiry, revision)
    before = facts(inquiry)
    inquiry.status = status
    if status == Inquiry.Status.CLOSED:
        inquiry.closed_on = inquiry.closed_on or on or timezone.localdate()
    else:
        inquiry.closed_on = None
    return _change(inquiry, "inquiries.status", _("%(inquiry)s: status changed"), actor=actor, before=before)


@transaction.atomic
def reroute(inquiry: Inquiry, *, topic, person=None, actor=None, revision=None) -> Inquiry:
    """Send an inquiry on: to another topic, routed afresh as of today, or to a person named by hand.

    The due date follows the (new) topic's response time from the day it
    arrived. Side effects: the Inquiry row, one audit entry.
    """
    check_revision(inquiry, revision)
    topic = topic_named(topic)
    before = facts(inquiry)
    inquiry.topic = topic
    if person is None:
        to = route(topic, timezone.localdate())
        inquiry.role, inquiry.assignee, inquiry.by_fallback = to.role, to.person, to.by_fallback
    else:
        inquiry.role, inquiry.assignee, inquiry.by_fallback = topic.role, person, False
    inquiry.due = due_date(timezone.localdate(inquiry.received), topic.response_days)
    return _change(inquiry, "inquiries.routed", _("%(inquiry)s: routed anew"), actor=actor, before=before)


def _log(model, inquiry, action, summary, *, text, actor, revision, **fields):
    check_revision(inquiry, revision)
    line = model(inquiry=inquiry, author=actor, written=timezone.now(), text=text, **fields)
    markup.render_fields(line)
    full_clean(line)
    line.save()
    # Filed under the inquiry: its history, and its revision, tell of every line.
    record(action, summary=summary % {"inquiry": inquiry}, actor=actor, obj=inquiry, data={"line": line.pk})
    return line


@transaction.atomic
def add_note(inquiry: Inquiry, *, text: str, actor=None, revision=None) -> Note:
    """Add an internal note. Side effects: one Note row, one audit entry on the inquiry."""
    return _log(
        Note, inquiry, "inquiries.note", _("%(inquiry)s: note added"), text=text, actor=actor, revision=revision
    )


@transaction.atomic
def add_reply(inquiry: Inquiry, *, text: str, sent_to: str = "", actor=None, revision=None) -> Reply:
    """Record a reply sent to the sender (to their address unless another is given).

    A reply to a new inquiry puts it in progress. Side effects: one Reply
    row, the inquiry's status, one audit entry on the inquiry.
    """
    reply = _log(
        Reply,
        inquiry,
        "inquiries.reply",
        _("%(inquiry)s: reply recorded"),
        text=text,
        actor=actor,
        revision=revision,
        sent_to=sent_to or inquiry.sender_email,
    )
    if inquiry.status == Inquiry.Status.NEW:
        inquiry.status = Inquiry.Status.IN_PROGRESS
        inquiry.save(update_fields=["status"])
    return reply


def expired(on: date | None = None):
    """Closed inquiries whose retention has run out on the day: closed more than INQUIRY_RETENTION_DAYS before it."""
    day = on or timezone.localdate()
    limit = day - timedelta(days=settings.INQUIRY_RETENTION_DAYS)
    return Inquiry.objects.filter(status=Inquiry.Status.CLOSED, closed_on__lt=limit).order_by("pk")


@transaction.atomic
def purge_inquiries(*, on: date | None = None, dry_run: bool = False, actor=None) -> list[int]:
    """Delete the closed inquiries whose retention has run out (`expired`), with their notes and replies.

    Returns their numbers. Side effects, unless `dry_run`: the rows deleted,
    and one audit entry per inquiry that names only its number.
    """
    numbers = list(expired(on).values_list("pk", flat=True))
    if dry_run or not numbers:
        return numbers
    for number in numbers:
        record(
            "inquiries.deleted",
            summary=_("inquiry no. %(number)s deleted after the retention period") % {"number": number},
            actor=actor,
            data={"number": number},
        )
    Inquiry.objects.filter(pk__in=numbers).delete()
    return numbers
