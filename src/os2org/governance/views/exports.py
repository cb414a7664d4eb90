"""A meeting's agenda and minutes to print, and as Markdown pages for the handbook.

Public reads for now, cached whole like every read page (see os2org.caching).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from os2org import markup
from os2org.caching import cached_page
from os2org.governance import exports
from os2org.governance.models import Meeting
from os2org.governance.services import current_minutes


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


def _minutes_of(meeting):
    minutes = current_minutes(meeting)
    if minutes is None:
        raise Http404("The meeting has no minutes yet.")
    return minutes


def _markdown(text, name):
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@require_GET
@cached_page
def agenda(request, pk):
    agenda = exports.read_agenda(_meeting(pk))
    for item in agenda.items:
        item.description_html = markup.render(item.description)
        brief = getattr(item, "brief", None)
        if brief is not None:
            item.brief_sections = [(heading, markup.render(text)) for heading, text in brief.sections() if text.strip()]
    return render(request, "governance/agenda.html", {"document": agenda, "meeting": agenda.meeting})


@require_GET
@cached_page
def agenda_markdown(request, pk):
    meeting = _meeting(pk)
    return _markdown(exports.agenda_page(meeting), exports.file_name(meeting, "dagsorden"))


@require_GET
@cached_page
def minutes(request, pk):
    meeting = _meeting(pk)
    document = exports.read_minutes(meeting, _minutes_of(meeting))
    document.minutes.html = markup.render(document.minutes.text)
    for item in document.items:
        item.outcome_html = markup.render(item.outcome_text)
    return render(request, "governance/minutes.html", {"document": document, "meeting": meeting})


@require_GET
@cached_page
def minutes_markdown(request, pk):
    meeting = _meeting(pk)
    return _markdown(exports.minutes_page(meeting, _minutes_of(meeting)), exports.file_name(meeting, "referat"))
