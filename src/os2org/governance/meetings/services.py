"""Meetings, agendas, case briefs, outcomes, follow-ups and minutes.

Every function changes state in one transaction and writes its audit entry
in it. Bad input raises ValidationError naming the field; nothing is saved
then. Those behind an edit form take the `revision` the form was opened at
and refuse a save from an out-of-date form (audit.services.check_revision).
"""

import logging
import smtplib

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import check_revision, record, snapshot
from os2org.common.validation import full_clean
from os2org.governance.meetings.selectors import REMOVED_ITEM, answering_participants
from os2org.governance.models import AgendaItem, Approval, CaseBrief, FollowUp, Meeting, Minutes, MinutesPart

logger = logging.getLogger(__name__)


class MinutesChanged(ValidationError):
    """An answer to minutes that have changed since the participant read them."""


def _saved(obj, action, *, actor, before, summary=None):
    full_clean(obj)
    obj.save()
    record(action, summary=summary or str(obj), actor=actor, obj=obj, before=before, after=snapshot(obj))
    return obj


@transaction.atomic
def save_meeting(
    meeting=None,
    *,
    body,
    starts,
    actor=None,
    title="",
    duration=120,
    place="",
    participants=None,
    visibility=None,
    revision=None,
):
    """Plan a meeting of a body, or change one.

    Without a `visibility` a new meeting is internal and a changed one keeps
    its own. Side effects: one Meeting row (and its participants), one audit entry.
    """
    meeting = meeting or Meeting()
    check_revision(meeting, revision)
    before = _with_participants(meeting)
    meeting.body, meeting.starts, meeting.title = body, starts, title
    meeting.duration, meeting.place = duration, place
    if visibility is not None:
        meeting.visibility = visibility
    if Meeting.objects.filter(body=body, starts=starts).exclude(pk=meeting.pk).exists():
        raise ValidationError({"starts": _("%(body)s already meets at that time.") % {"body": body}})
    full_clean(meeting)
    meeting.save()
    if participants is not None:
        meeting.participants.set(participants)
    record(
        "governance.meeting", summary=str(meeting), actor=actor, obj=meeting, before=before, after=_with_participants(meeting)
    )
    return meeting


def _with_participants(meeting):
    state = snapshot(meeting)
    if state is not None:
        state["participants"] = sorted(meeting.participants.values_list("pk", flat=True))
    return state


@transaction.atomic
def add_agenda_item(meeting, *, title, description="", visibility=None, actor=None):
    """Put an item last on a meeting's agenda, as visible as the meeting unless told.

    Side effects: one AgendaItem row (its description rendered), one audit entry.
    """
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title,
        description=description,
        visibility=visibility or meeting.visibility,
    )
    item.search_text = item.searchable()
    markup.render_fields(item)
    return _saved(item, "governance.agenda_item", actor=actor, before=None)


@transaction.atomic
def save_agenda_item(item, *, title, description="", visibility=None, actor=None, revision=None):
    """Change an item's title, text and (if given) visibility.

    Side effects: the AgendaItem row (its description rendered), one audit entry.
    """
    check_revision(item, revision)
    before = snapshot(item)
    item.title, item.description = title, description
    if visibility is not None:
        item.visibility = visibility
    item.search_text = item.searchable(CaseBrief.objects.filter(item=item).first())
    markup.render_fields(item)
    return _saved(item, "governance.agenda_item", actor=actor, before=before)


@transaction.atomic
def move_agenda_item(item, *, by, actor=None, revision=None):
    """Move an item up (by=-1) or down (by=1) the agenda, swapping places with its neighbour.

    `revision` is the item's as the agenda was shown: a move from an
    out-of-date agenda is refused. Side effects: the two AgendaItem rows,
    one audit entry. Moving the first item up or the last down changes
    nothing and returns False.
    """
    check_revision(item, revision)
    items = item.meeting.items.select_for_update().order_by("position")
    neighbour = (items.filter(position__lt=item.position).last() if by < 0 else items.filter(position__gt=item.position).first())
    if neighbour is None:
        return False
    before = snapshot(item)
    # Through a free position: the pair (meeting, position) is unique at every step.
    free = (items.aggregate(last=Max("position"))["last"] or 0) + 1
    mine, theirs = item.position, neighbour.position
    AgendaItem.objects.filter(pk=item.pk).update(position=free)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs
    record("governance.agenda_item.move", summary=str(item), actor=actor, obj=item, before=before, after=snapshot(item))
    return True


@transaction.atomic
def cancel_meeting(meeting, *, cancelled=True, actor=None, revision=None):
    """Cancel a meeting, or (cancelled=False) take a cancelled one up again.

    Nothing is deleted: the agenda, minutes and history stay, and the
    meeting leaves the calendars and the annual wheel while it is cancelled.
    Side effects: the Meeting row, one audit entry.
    """
    check_revision(meeting, revision)
    # As stored, not as the caller's copy remembers it.
    meeting.refresh_from_db(fields=["cancelled"])
    if meeting.cancelled == cancelled:
        return meeting
    before = _with_participants(meeting)
    meeting.cancelled = cancelled
    meeting.save(update_fields=["cancelled"])
    action = "governance.meeting.cancel" if cancelled else "governance.meeting.restore"
    record(action, summary=str(meeting), actor=actor, obj=meeting, before=before, after=_with_participants(meeting))
    return meeting


@transaction.atomic
def remove_agenda_item(item, *, actor=None, revision=None):
    """Take an item off its meeting's agenda; restore_agenda_item puts it back from the audit entry.

    An item the meeting has dealt with is part of the record and stays: its
    outcome must be taken back first. Side effects: the AgendaItem row and
    its case brief are deleted, one audit entry holds both as they were.
    """
    check_revision(item, revision)
    if item.outcome:
        message = _("The meeting has dealt with this item. Set its outcome back to “not dealt with yet” before removing it.")
        raise ValidationError({NON_FIELD_ERRORS: message})
    if item.minutes_parts.exists():
        message = _("The minutes write about this item. Take it out of the minutes before removing it.")
        raise ValidationError({NON_FIELD_ERRORS: message})
    brief = CaseBrief.objects.filter(item=item).first()
    data = {"meeting": item.meeting_id, "brief": snapshot(brief)}
    entry = record(REMOVED_ITEM, summary=str(item), actor=actor, obj=item, before=snapshot(item), data=data)
    item.delete()
    return entry


@transaction.atomic
def restore_agenda_item(entry, *, actor=None, revision=None):
    """Put a removed item back on its agenda, with its case brief, from the entry that removed it.

    `revision` is the item's as the page offering it showed it (the removal's
    own id): one put back and removed again since is refused. It takes its
    old place when that is free, else the last one. Side effects: the
    AgendaItem row and its case brief, one audit entry.
    """
    if entry.action != REMOVED_ITEM or AgendaItem.objects.filter(pk=entry.object_id).exists():
        raise ValidationError({NON_FIELD_ERRORS: _("This item is on the agenda already.")})
    check_revision(AgendaItem(pk=int(entry.object_id)), revision)
    fields = {name: value for name, value in entry.data["before"].items() if name != "id"}
    meeting = Meeting.objects.select_for_update().get(pk=fields.pop("meeting"))
    item = AgendaItem(pk=int(entry.object_id), meeting=meeting, **fields)
    if meeting.items.filter(position=item.position).exists():
        item.position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
    brief = None
    if entry.data.get("brief"):
        fields = {name: value for name, value in entry.data["brief"].items() if name not in ("id", "item")}
        fields["author_id"], fields["owner_id"] = fields.pop("author"), fields.pop("owner")
        brief = CaseBrief(item=item, **fields)
    # The snapshots hold what was written; what is made from it is made again.
    item.search_text = item.searchable(brief)
    markup.render_fields(item)
    full_clean(item)
    item.save(force_insert=True)
    if brief is not None:
        markup.render_fields(brief)
        full_clean(brief)
        brief.save(force_insert=True)
    record("governance.agenda_item.restore", summary=str(item), actor=actor, obj=item, before=None, after=snapshot(item))
    return item


@transaction.atomic
def save_case_brief(item, *, purpose, date, actor=None, revision=None, **fields):
    """Write or change the case brief (sagsoplæg) of an agenda item.

    `fields`: status, author, owner and the sections aim, background,
    analysis, recommendation, consequences. A `revision` of 0 is a form
    opened before the item had a brief. Side effects: one CaseBrief row
    (its sections rendered), one audit entry.
    """
    brief = CaseBrief.objects.filter(item=item).first() or CaseBrief(item=item)
    check_revision(brief, revision)
    before = snapshot(brief)
    brief.purpose, brief.date = purpose, date
    for name, value in fields.items():
        setattr(brief, name, value)
    markup.render_fields(brief)
    _saved(brief, "governance.case_brief", actor=actor, before=before)
    # The brief's words are found through its item.
    AgendaItem.objects.filter(pk=item.pk).update(search_text=item.searchable(brief))
    return brief


@transaction.atomic
def record_outcome(item, *, outcome, text="", actor=None, revision=None):
    """Record what the meeting made of an item: noted, discussed, or a decision with its text.

    Side effects: the AgendaItem row (its text rendered), one audit entry;
    its case brief's status follows (_brief_follows_outcome), with an entry
    of its own. An item whose decision has follow-ups keeps being a decision.
    """
    check_revision(item, revision)
    if outcome == AgendaItem.Outcome.DECISION and not text.strip():
        raise ValidationError({"outcome_text": _("Write the decision as it was made.")})
    if outcome != AgendaItem.Outcome.DECISION and item.follow_ups.exists():
        raise ValidationError(
            {"outcome": _("This decision has follow-ups; close or move them before changing the outcome.")}
        )
    before = snapshot(item)
    brief = CaseBrief.objects.filter(item=item).first()
    item.outcome, item.outcome_text = outcome, text.strip()
    item.search_text = item.searchable(brief)
    markup.render_fields(item)
    _saved(item, "governance.outcome", actor=actor, before=before)
    if brief is not None:
        _brief_follows_outcome(brief, outcome, actor=actor)
    return item


def _brief_follows_outcome(brief, outcome, *, actor):
    """A decision moves its case brief on to decided; taking the decision back returns it to ready."""
    decided = outcome == AgendaItem.Outcome.DECISION
    if decided == (brief.status == CaseBrief.Status.DECIDED):
        return
    before = snapshot(brief)
    brief.status = CaseBrief.Status.DECIDED if decided else CaseBrief.Status.READY
    _saved(brief, "governance.case_brief", actor=actor, before=before)


def check_follow_up(item, *, due, owner_person=None, owner_role=None):
    """The rules a follow-up must meet beyond its fields' own; every broken rule is named at once."""
    if item.outcome != AgendaItem.Outcome.DECISION:
        raise ValidationError({"item": _("Only a decision can have follow-ups. Record the decision first.")})
    errors = {}
    if (owner_person is None) == (owner_role is None):
        errors["owner_person"] = _("Name the owner: either a person or a role.")
    day = item.meeting.day
    if due is not None and due < day:
        errors["due"] = _("The due date cannot be before the meeting (%(day)s).") % {"day": date_format(day, "DATE_FORMAT")}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_follow_up(item, *, title, due, owner_person=None, owner_role=None, actor=None):
    """Give a decision an action to follow up. Side effects: one FollowUp row, one audit entry."""
    check_follow_up(item, due=due, owner_person=owner_person, owner_role=owner_role)
    follow_up = FollowUp(item=item, title=title, due=due, owner_person=owner_person, owner_role=owner_role)
    return _saved(follow_up, "governance.follow_up", actor=actor, before=None)


@transaction.atomic
def change_follow_up(follow_up, *, actor=None, on=None, revision=None, **fields):
    """Change a follow-up: its title, owner, due date or status.

    A status of done or dropped closes it on `on` (today by default), which
    cannot be before the meeting that decided it; open or in progress opens
    it again. Side effects: the FollowUp row, one audit entry.
    """
    check_revision(follow_up, revision)
    before = snapshot(follow_up)
    for name, value in fields.items():
        setattr(follow_up, name, value)
    check_follow_up(
        follow_up.item, due=follow_up.due, owner_person=follow_up.owner_person, owner_role=follow_up.owner_role
    )
    if follow_up.status in FollowUp.CLOSED:
        follow_up.closed_on = on or follow_up.closed_on or timezone.localdate()
        day = follow_up.item.meeting.day
        if follow_up.closed_on < day:
            message = _("It cannot be closed before the meeting that decided it (%(day)s).")
            raise ValidationError({"on": message % {"day": date_format(day, "DATE_FORMAT")}})
    else:
        follow_up.closed_on = None
    return _saved(follow_up, "governance.follow_up", actor=actor, before=before)


def current_minutes(meeting):
    """The newest version of a meeting's minutes, or None."""
    return meeting.minutes.order_by("-version").first()


def _minutes_state(minutes):
    state = snapshot(minutes)
    if state is not None:
        state.pop("html", None)
        state["parts"] = {str(item): text for item, text in minutes.parts.order_by("item_id").values_list("item_id", "text")}
    return state


def _locked(minutes):
    """The minutes' row, locked until the transaction ends, as it stands now.

    Every change of a version's state starts here: of two answers (or an
    answer and an amendment) at the same moment, the second waits for the
    first and then sees what it did.
    """
    return Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)


@transaction.atomic
def write_minutes(meeting, *, text, parts=None, actor=None, revision=None):
    """Draft or change the minutes of a meeting: `text` about the meeting as a whole, and
    `parts`, {agenda item (or its id): text}, about its items (an empty text: no part).

    Approved minutes are locked: writing then starts the next version, a
    draft, and the approved one stays as it was. Minutes already sent for
    approval are amended: the participants' answers are cleared, since they
    answered another text. `revision` is that of the newest version when the
    form was opened (0: there were none). Side effects: one Minutes row (new
    or changed), its MinutesPart rows, the cleared Approval rows, one audit
    entry (two when answers were cleared).
    """
    parts = _parts_of(meeting, parts or {})
    if not text.strip() and not parts:
        raise ValidationError({"text": _("The minutes are empty.")})
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).order_by("-version").first()
    if minutes is not None:
        check_revision(minutes, revision)
    if minutes is None or minutes.is_locked:
        version = minutes.version + 1 if minutes else 1
        minutes, before, answers = Minutes(meeting=meeting, version=version), None, []
    else:
        before = _minutes_state(minutes)
        answers = list(minutes.approvals.values("person", "answer", "comment"))
        minutes.approvals.all().delete()
    minutes.text, minutes.html = text, markup.render(text)
    full_clean(minutes)
    minutes.save()
    minutes.parts.all().delete()
    MinutesPart.objects.bulk_create(
        MinutesPart(minutes=minutes, item_id=item_id, text=part, html=markup.render(part))
        for item_id, part in parts.items()
    )
    record("governance.minutes", summary=str(minutes), actor=actor, obj=minutes, before=before, after=_minutes_state(minutes))
    if answers:
        record("governance.minutes.amended", summary=str(minutes), actor=actor, obj=minutes, data={"answers": answers})
    return minutes


def _parts_of(meeting, parts):
    """{item id: text} of the non-empty parts; ValidationError if one is about an item of another meeting."""
    found = {getattr(item, "pk", item): text for item, text in parts.items() if text.strip()}
    own = set(meeting.items.filter(pk__in=found).values_list("pk", flat=True))
    if set(found) - own:
        raise ValidationError({"parts": _("Minutes can only be about the items on the meeting's agenda.")})
    return found


@transaction.atomic
def send_minutes(minutes, *, actor=None, notify=True, revision=None):
    """Send a draft to the participants for approval.

    `revision` is the draft's as its sender read it: a draft changed since
    is not sent. Side effects: the Minutes row, one audit entry, and after
    the commit (unless not `notify`) a mail to every participant who answers
    the minutes themselves (see selectors.answering_participants).
    """
    minutes = _locked(minutes)
    check_revision(minutes, revision)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError({"status": _("Only a draft can be sent for approval.")})
    if not minutes.meeting.participants.exists():
        raise ValidationError({"status": _("The meeting has no participants to approve the minutes. Add them first.")})
    before = _minutes_state(minutes)
    minutes.status, minutes.sent = Minutes.Status.SENT, timezone.now()
    minutes.save(update_fields=["status", "sent"])
    record("governance.minutes.sent", summary=str(minutes), actor=actor, obj=minutes, before=before, after=_minutes_state(minutes))
    if notify:
        # Mailed once the change is stored: a rolled-back send mails nobody.
        transaction.on_commit(lambda: mail_minutes(minutes))
    return minutes


def mail_minutes(minutes):
    """Mail each participant who answers the minutes themselves that the minutes wait for their answer.

    Those are the participants who may read the meeting through their
    log-in (selectors.answering_participants): a mail would lead anyone else
    to a page they cannot open, and the secretariat answers for them.

    In the association's language, whatever the language of the sender's pages.
    """
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _mail_minutes(minutes)
    except (OSError, smtplib.SMTPException):
        # The minutes are sent in the app whether or not the mail server
        # answers; the participants find them on the meeting's page.
        logger.exception("Could not mail the minutes of %s to its participants", minutes.meeting)


def _mail_minutes(minutes):
    meeting = minutes.meeting
    address = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    subject = _("Minutes for approval: %(meeting)s") % {"meeting": meeting}
    body = _(
        "The minutes of %(meeting)s (version %(version)s) are ready for your approval.\n\n"
        "Read them, and approve them or say what should be amended, at\n%(address)s\n"
    ) % {"meeting": meeting, "version": minutes.version, "address": address}
    participants = [person for person in answering_participants(meeting) if person.email]
    messages = [(subject, body, None, [person.email]) for person in participants]
    send_mass_mail(messages, fail_silently=False)


@transaction.atomic
def answer_minutes(minutes, *, person, answer, comment="", actor=None, revision=None):
    """A participant approves the minutes sent to them, or asks for an amendment.

    `revision` is the minutes' as the participant read them (None: a
    command, which skips the check): an answer to a text that has since been
    amended, or to a version since replaced, is refused. When every
    participant has approved, the minutes are approved and locked. Side
    effects: one Approval row, the Minutes row when it is approved, one
    audit entry each.
    """
    minutes = _locked(minutes)
    try:
        check_revision(minutes, revision)
    except ValidationError as conflict:
        # Said as an answer, not an edit: the reader is shown the minutes as they now stand.
        raise MinutesChanged(
            {
                NON_FIELD_ERRORS: _(
                    "The minutes were changed after you opened them, so your answer was not saved. "
                    "Read them again as they stand now (below), then answer."
                )
            }
        ) from conflict
    if minutes.status != Minutes.Status.SENT:
        raise ValidationError({"answer": _("These minutes are not waiting for approval.")})
    participants = set(minutes.meeting.participants.values_list("pk", flat=True))
    if person.pk not in participants:
        raise ValidationError(
            {"person": _("%(person)s did not take part in the meeting and cannot approve its minutes.") % {"person": person}}
        )
    if answer == Approval.Answer.AMEND and not comment.strip():
        raise ValidationError({"comment": _("Say what should be amended.")})
    approval = Approval.objects.filter(minutes=minutes, person=person).first() or Approval(minutes=minutes, person=person)
    before = snapshot(approval)
    approval.answer, approval.comment, approval.created = answer, comment.strip(), timezone.now()
    _saved(approval, "governance.minutes.answer", actor=actor, before=before, summary=f"{minutes}: {approval}")
    approved = set(minutes.approvals.filter(answer=Approval.Answer.APPROVED).values_list("person", flat=True))
    if approved >= participants:
        before = _minutes_state(minutes)
        minutes.status, minutes.approved = Minutes.Status.APPROVED, timezone.now()
        minutes.save(update_fields=["status", "approved"])
        record("governance.minutes.approved", summary=str(minutes), actor=actor, obj=minutes, before=before, after=_minutes_state(minutes))
    return approval
