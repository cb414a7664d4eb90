"""Minutes: drafted by those who edit the meeting's body, sent to the participants for approval,
answered by each participant (or the secretariat on their behalf), locked once approved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from os2org.common.forms import add_service_errors
from os2org.governance.meetings import services
from os2org.governance.meetings.forms import AnswerForm, MinutesForm, SendForm
from os2org.governance.meetings.selectors import readable_parts
from os2org.governance.models import Meeting


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


def _back(meeting):
    return redirect(reverse("governance:meeting", args=[meeting.pk]) + "#minutes")


def _current(meeting):
    minutes = services.current_minutes(meeting)
    if minutes is None:
        raise Http404("The meeting has no minutes yet.")
    return minutes


@require_http_methods(["GET", "HEAD", "POST"])
def minutes_edit(request, pk):
    meeting = _meeting(pk)
    minutes = services.current_minutes(meeting)
    form = MinutesForm(request.POST if request.method == "POST" else None, meeting=meeting, minutes=minutes)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_minutes(meeting, actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return _back(meeting)
    answers = minutes.approvals.count() if minutes is not None and minutes.status == minutes.Status.SENT else 0
    context = {"form": form, "meeting": meeting, "minutes": minutes, "answers": answers}
    return render(request, "governance/minutes_form.html", context)


@require_POST
def minutes_send(request, pk):
    meeting = _meeting(pk)
    minutes = _current(meeting)
    form = SendForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        services.send_minutes(minutes, actor=request.user, revision=form.cleaned_data["revision"])
    except ValidationError as error:
        context = {"meeting": meeting, "minutes": minutes, "reasons": error.messages}
        return render(request, "governance/meeting_refused.html", context, status=409)
    messages.success(request, _("The minutes are sent to the participants for their answer."))
    return _back(meeting)


@require_http_methods(["GET", "HEAD", "POST"])
def minutes_answer(request, pk):
    """A participant answers for themselves; the secretariat records a participant's answer for them.

    The page shows the minutes as the participant may read them, and the
    form carries their revision: an answer to a text amended since it was
    shown is refused, and the page shows the text as it stands now.
    """
    viewer = request.viewer
    meeting = _meeting(pk)
    minutes = _current(meeting)
    participants = list(meeting.participants.only("name").order_by("name", "pk"))
    on_behalf = viewer.secretariat
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        minutes=minutes,
        participants=participants,
        on_behalf=on_behalf,
    )
    if request.method == "POST" and form.is_valid():
        answer = dict(form.cleaned_data)
        if not on_behalf:
            # The rule let only a participant in (rules.takes_part).
            answer["person"] = next(person for person in participants if person.pk == viewer.person_id)
        try:
            services.answer_minutes(minutes, actor=request.user, **answer)
        except services.MinutesChanged as error:
            return _answer_page(request, meeting, _current(meeting), participants, on_behalf, conflict=error.messages)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _answered(answer["person"], on_behalf))
            return _back(meeting)
    return _answer_page(request, meeting, minutes, participants, on_behalf, form=form)


def _answered(person, on_behalf):
    if on_behalf:
        return _("The answer from %(person)s is recorded.") % {"person": person.name}
    return _("Your answer is recorded.")


def _answer_page(request, meeting, minutes, participants, on_behalf, *, form=None, conflict=None):
    """The answer form beside the minutes as they stand; after a conflict, a fresh form on the current text."""
    if form is None:
        initial = {key: request.POST.get(key, "") for key in ("person", "answer", "comment")}
        form = AnswerForm(minutes=minutes, participants=participants, on_behalf=on_behalf)
        form.initial.update({key: value for key, value in initial.items() if value})
    context = {
        "form": form,
        "conflict": conflict or [],
        "meeting": meeting,
        "minutes": minutes,
        "parts": readable_parts(minutes, viewer=request.viewer),
        "approvals": minutes.approvals.select_related("person"),
        "on_behalf": on_behalf,
    }
    return render(request, "governance/answer_form.html", context)
