"""A meeting's agenda and minutes to print, and as Markdown pages for the handbook.

Each holds only what the viewer may read: a meeting they may not read is not
found, its agenda lists their items, and its minutes are the newest version
they may read. Cached whole for the public, like every read page (see
os2org.caching).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.governance.meetings import exports
from os2org.governance.meetings.selectors import reads_minutes
from os2org.governance.meetings.views.meetings import readable_meeting


def _minutes_of(meeting, viewer):
    """The newest version of the minutes the viewer may read."""
    participants = set(meeting.participants.values_list("pk", flat=True))
    for minutes in meeting.minutes.order_by("-version"):
        if reads_minutes(minutes, viewer=viewer, participants=participants):
            return minutes
    raise Http404("The meeting has no minutes yet that you may read.")


def _markdown(text, name):
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@require_safe
@cached_page
def agenda(request, pk):
    viewer = request.viewer
    agenda = exports.read_agenda(readable_meeting(viewer, pk), viewer=viewer)
    return render(request, "governance/agenda.html", {"document": agenda, "meeting": agenda.meeting})


@require_safe
@cached_page
def agenda_markdown(request, pk):
    viewer = request.viewer
    meeting = readable_meeting(viewer, pk)
    return _markdown(exports.agenda_page(meeting, viewer=viewer), exports.file_name(meeting, "dagsorden"))


@require_safe
@cached_page(personal=True)
def minutes(request, pk):
    viewer = request.viewer
    meeting = readable_meeting(viewer, pk)
    document = exports.read_minutes(meeting, _minutes_of(meeting, viewer), viewer=viewer)
    return render(request, "governance/minutes.html", {"document": document, "meeting": meeting})


@require_safe
@cached_page(personal=True)
def minutes_markdown(request, pk):
    viewer = request.viewer
    meeting = readable_meeting(viewer, pk)
    page = exports.minutes_page(meeting, _minutes_of(meeting, viewer), viewer=viewer)
    return _markdown(page, exports.file_name(meeting, "referat"))
