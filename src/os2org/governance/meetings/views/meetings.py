"""Meetings and their agendas: case briefs, outcomes and the follow-ups decisions call for.

Read pages list only what the viewer may read (an item they may not read
is not found), and are cached whole for the public (see os2org.caching).
Those who edit a meeting's body see the edit controls, and the minutes
before they are approved.
"""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.access.rules import allows
from os2org.audit.selectors import revision, with_revisions
from os2org.caching import cached_page
from os2org.common.forms import add_service_errors
from os2org.common.pagination import PAGE, paginate
from os2org.governance.fields import editable
from os2org.governance.meetings import services
from os2org.governance.meetings.forms import (
    AgendaItemForm,
    CaseBriefForm,
    ConfirmForm,
    FollowUpForm,
    FollowUpStatusForm,
    MeetingFilterForm,
    MeetingForm,
    MoveForm,
    OutcomeForm,
    meeting_bodies,
)
from os2org.governance.meetings.links import add_decision_links
from os2org.governance.meetings.selectors import carried_follow_ups, readable_parts, reads_minutes, removed_items
from os2org.governance.models import AgendaItem, CaseBrief, FollowUp, Meeting, Minutes
from os2org.governance.readers import OF_FOLLOW_UP, OF_ITEM, OWN

MINUTES_STATUS = dict(Minutes.Status.choices)
# What the page after an outcome is recorded says.
OUTCOME_RECORDED = {
    AgendaItem.Outcome.DECISION: gettext_lazy("The decision is recorded."),
    AgendaItem.Outcome.NOTED: gettext_lazy("The item is recorded as noted."),
    AgendaItem.Outcome.DISCUSSED: gettext_lazy("The item is recorded as discussed."),
    "": gettext_lazy("The item is marked as not dealt with yet."),
}


def _midnight(day):
    """The start of a day in the local time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


# The upcoming meetings shown beside the past ones.
UPCOMING_SHOWN = 10


@require_safe
@cached_page("organ", "tid", PAGE)
def meetings(request):
    viewer = request.viewer
    form = MeetingFilterForm(request.GET, viewer=viewer)
    form.is_valid()
    body, when = form.cleaned_data.get("organ"), form.cleaned_data.get("tid")
    found = (
        Meeting.objects.filter(viewer.visible(**OWN))
        .select_related("body")
        .only("title", "starts", "place", "visibility", "cancelled", "body__name", "body__slug", "body__visibility")
        .annotate(
            item_count=Count("items", filter=viewer.visible(prefix="items__", body="body")),
            minutes_status=Subquery(
                Minutes.objects.filter(meeting=OuterRef("pk")).order_by("-version").values("status")[:1]
            ),
        )
    )
    if body is not None:
        found = found.filter(body=body)
    today = _midnight(timezone.localdate())
    soon = found.filter(starts__gte=today).order_by("starts", "pk")
    upcoming, upcoming_count = None, None
    if when == "kommende":
        upcoming = paginate(request, soon)
    elif when != "tidligere":
        # Beside the past, only the next few; all of them are a page of their own (?tid=kommende).
        upcoming, upcoming_count = list(soon[:UPCOMING_SHOWN]), soon.count()
    # The past grows with the years: a page of it at a time, the latest first.
    past = paginate(request, found.filter(starts__lt=today).order_by("-starts", "-pk")) if when != "kommende" else None
    for meeting in [*(upcoming or []), *(past or [])]:
        meeting.minutes_label = MINUTES_STATUS.get(meeting.minutes_status, "")
    context = {"form": form, "body": body, "upcoming": upcoming, "upcoming_count": upcoming_count, "past": past}
    return render(request, "governance/meetings.html", context)


def _agenda(meeting, viewer):
    follow_ups = FollowUp.objects.select_related("owner_person", "owner_role__page").order_by("due", "pk")
    items = (
        meeting.items.filter(viewer.visible(**OF_ITEM))
        .select_related("brief__author", "brief__owner")
        .prefetch_related(Prefetch("follow_ups", queryset=follow_ups))
        .order_by("position")
    )
    if viewer.edits(meeting.body_id):
        # Each move button posts its item's revision (services.move_agenda_item).
        items = with_revisions(items)
    items = list(items)
    for item in items:
        item.case_brief = _brief(item)
    add_decision_links(viewer, items)
    return items


def _brief(item):
    try:
        return item.brief
    except CaseBrief.DoesNotExist:
        return None


def _minutes(meeting, *, viewer, participants):
    """(current version, older versions), each marked readable or not (see selectors.reads_minutes)."""
    # Of each version, the parts about the items the viewer reads (selectors.readable_parts).
    parts = Prefetch("parts", queryset=readable_parts(viewer=viewer), to_attr="readable_parts")
    versions = list(meeting.minutes.prefetch_related("approvals__person", parts).defer("text").order_by("-version"))
    ids = {person.pk for person in participants}
    for minutes in versions:
        minutes.readable = reads_minutes(minutes, viewer=viewer, participants=ids)
        if not minutes.readable:
            minutes.html, minutes.readable_parts = "", []
    return (versions[0], versions[1:]) if versions else (None, [])


def readable_meeting(viewer, pk):
    """The meeting, if the viewer may read it; else 404."""
    return get_object_or_404(Meeting.objects.filter(viewer.visible(**OWN)).select_related("body"), pk=pk)


# The follow-ups carried onto a meeting, a page at a time: open ones pile up over the years.
CARRIED_PER_PAGE = 25
CARRIED_PAGE = "opfoelgning"


@require_safe
# A participant sees the minutes sent for their answer, and the link to answer them.
@cached_page(CARRIED_PAGE, personal=True)
def meeting(request, pk):
    viewer = request.viewer
    meeting = readable_meeting(viewer, pk)
    participants = list(meeting.participants.only("name", "slug").order_by("name", "pk"))
    minutes, history = _minutes(meeting, viewer=viewer, participants=participants)
    answered = {approval.person_id for approval in minutes.approvals.all()} if minutes else set()
    sent = minutes is not None and minutes.status == Minutes.Status.SENT
    draft = minutes is not None and minutes.status == Minutes.Status.DRAFT
    context = {
        "meeting": meeting,
        "ends": meeting.starts + timedelta(minutes=meeting.duration),
        "participants": participants,
        "items": _agenda(meeting, viewer),
        "carried": paginate(
            request,
            carried_follow_ups(meeting, viewer=viewer),
            per_page=CARRIED_PER_PAGE,
            parameter=CARRIED_PAGE,
            anchor="follow-up",
        ),
        "minutes": minutes,
        "history": history,
        "unanswered": [person for person in participants if person.pk not in answered],
        "answers": sent and allows(viewer, "governance:minutes-answer", pk=meeting.pk),
        # The send button posts the draft's revision (services.send_minutes).
        "minutes_revision": revision(minutes) if draft and viewer.edits(meeting.body_id) else None,
        "meeting_revision": revision(meeting) if viewer.edits(meeting.body_id) else None,
        # Those who edit the meeting may put back an item taken off its agenda.
        "removed": removed_items(meeting) if viewer.edits(meeting.body_id) else [],
    }
    return render(request, "governance/meeting.html", context)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _meeting_form(request, meeting, body=None):
    form = MeetingForm(_posted(request), viewer=request.viewer, meeting=meeting, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request):
    slug = request.GET.get("organ")
    body = get_object_or_404(editable(meeting_bodies(), request.viewer), slug=slug) if slug else None
    return _meeting_form(request, None, body)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request, pk):
    return _meeting_form(request, get_object_or_404(Meeting, pk=pk))


def _confirmed(request, obj, *, template, context, change, done):
    """A confirmation page for `change(revision)`; once confirmed, the change is made and `done` said."""
    form = ConfirmForm(_posted(request), obj=obj)
    if request.method == "POST" and form.is_valid():
        try:
            result = change(form.cleaned_data["revision"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return result
    return render(request, f"governance/{template}", {**context, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)

    def cancel(revision):
        services.cancel_meeting(meeting, actor=request.user, revision=revision)
        return redirect(meeting)

    done = _("The meeting is cancelled. You can take it up again from its page.")
    return _confirmed(
        request, meeting, template="meeting_cancel.html", context={"meeting": meeting}, change=cancel, done=done
    )


@require_POST
def meeting_restore(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = ConfirmForm(request.POST, obj=meeting)
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        services.cancel_meeting(meeting, cancelled=False, actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as error:
        return render(request, "governance/meeting_refused.html", {"meeting": meeting, "reasons": error.messages}, status=409)
    messages.success(request, _("The meeting is taken up again."))
    return redirect(meeting)


def _item(pk):
    return get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)


def _item_page(request, item, *, form, template, save, meeting=None):
    """Show `form` about an item (None: a new one); a valid post is saved through `save`,
    which tells the reader so, and leads to the item."""
    meeting = meeting or item.meeting
    if request.method == "POST" and form.is_valid():
        try:
            item = save(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(item)
    return render(request, f"governance/{template}", {"form": form, "item": item, "meeting": meeting})


@require_http_methods(["GET", "HEAD", "POST"])
def item_create(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    form = AgendaItemForm(_posted(request), meeting=meeting)

    def save(**data):
        item = services.add_agenda_item(meeting, actor=request.user, **data)
        messages.success(request, _("The item is added to the agenda."))
        return item

    return _item_page(request, None, form=form, template="item_form.html", save=save, meeting=meeting)


@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request, pk):
    item = _item(pk)
    form = AgendaItemForm(_posted(request), meeting=item.meeting, item=item)

    def save(**data):
        saved = services.save_agenda_item(item, actor=request.user, **data)
        messages.success(request, _("The agenda item is saved."))
        return saved

    return _item_page(request, item, form=form, template="item_form.html", save=save)


@require_POST
def item_move(request, pk):
    item = _item(pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        services.move_agenda_item(item, by=form.by(), actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as error:
        context = {"meeting": item.meeting, "reasons": error.messages, "anchor": f"item-{item.pk}"}
        return render(request, "governance/meeting_refused.html", context, status=409)
    messages.success(request, _("The item is moved."))
    return redirect(item)


@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request, pk):
    item = _item(pk)

    def remove(revision):
        services.remove_agenda_item(item, actor=request.user, revision=revision)
        return redirect(f"{item.meeting.get_absolute_url()}#removed-items")

    done = _("The item is removed from the agenda. You can put it back from the meeting's page.")
    context = {"item": item, "meeting": item.meeting}
    return _confirmed(request, item, template="item_remove.html", context=context, change=remove, done=done)


@require_POST
def item_restore(request, pk, entry):
    meeting = get_object_or_404(Meeting, pk=pk)
    removal = get_object_or_404(removed_items(meeting, limit=None), pk=entry)
    # The removal's own id is the item's revision (services.restore_agenda_item); one must come back.
    form = ConfirmForm(request.POST, obj=None, initial={"revision": removal.pk})
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        item = services.restore_agenda_item(removal, actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as error:
        return render(request, "governance/meeting_refused.html", {"meeting": meeting, "reasons": error.messages}, status=409)
    messages.success(request, _("The item is back on the agenda."))
    return redirect(item)


@require_http_methods(["GET", "HEAD", "POST"])
def brief_edit(request, pk):
    item = _item(pk)
    form = CaseBriefForm(_posted(request), viewer=request.viewer, brief=_brief(item))

    def save(**data):
        services.save_case_brief(item, actor=request.user, **data)
        messages.success(request, _("The case brief is saved."))
        return item

    return _item_page(request, item, form=form, template="brief_form.html", save=save)


@require_http_methods(["GET", "HEAD", "POST"])
def outcome_edit(request, pk):
    item = _item(pk)
    form = OutcomeForm(_posted(request), item=item)

    def save(*, outcome, outcome_text, revision):
        saved = services.record_outcome(item, outcome=outcome, text=outcome_text, actor=request.user, revision=revision)
        messages.success(request, OUTCOME_RECORDED[outcome])
        return saved

    return _item_page(request, item, form=form, template="outcome_form.html", save=save)


@require_http_methods(["GET", "HEAD", "POST"])
def follow_up_create(request, pk):
    item = _item(pk)
    form = FollowUpForm(_posted(request), viewer=request.viewer, item=item)

    def save(**data):
        services.add_follow_up(item, actor=request.user, **data)
        messages.success(request, _("The follow-up is added."))
        return item

    return _item_page(request, item, form=form, template="follow_up_form.html", save=save)


def _follow_up(request, pk):
    """The follow-up, if the viewer may read its decision; else 404."""
    found = FollowUp.objects.filter(request.viewer.visible(**OF_FOLLOW_UP))
    return get_object_or_404(found.select_related("item__meeting__body", "owner_person", "owner_role__page"), pk=pk)


def _carried_to(follow_up, viewer):
    """The later meetings of the body whose agenda carries the follow-up (see carried_follow_ups)."""
    origin = follow_up.item.meeting
    later = Meeting.objects.filter(viewer.visible(**OWN), body_id=origin.body_id, starts__gt=origin.starts)
    if follow_up.closed_on is not None:
        later = later.filter(starts__lt=_midnight(follow_up.closed_on + timedelta(days=1)))
    return later.select_related("body").order_by("starts", "pk")


def _follow_up_page(request, follow_up, form):
    context = {
        "follow_up": follow_up,
        "item": follow_up.item,
        "meeting": follow_up.item.meeting,
        "carried_to": _carried_to(follow_up, request.viewer),
        "form": form,
    }
    return render(request, "governance/follow_up.html", context)


@cached_page
def _follow_up_read(request, pk):
    follow_up = _follow_up(request, pk)
    editor = request.viewer.edits(follow_up.item.meeting.body_id)
    form = FollowUpStatusForm(follow_up=follow_up) if editor else None
    return _follow_up_page(request, follow_up, form)


def _follow_up_change(request, pk):
    follow_up = _follow_up(request, pk)
    form = FollowUpStatusForm(request.POST, follow_up=follow_up)
    if form.is_valid():
        try:
            services.change_follow_up(follow_up, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up is saved."))
            return redirect(follow_up)
    # The page shows the follow-up as stored, not as the refused change left it.
    return _follow_up_page(request, _follow_up(request, pk), form)


@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request, pk):
    """A follow-up; those who edit its meeting's body change its status here (see rules.py)."""
    if request.method == "POST":
        return _follow_up_change(request, pk)
    return _follow_up_read(request, pk)
