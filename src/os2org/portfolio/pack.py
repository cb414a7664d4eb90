"""The board pack: a meeting's agenda, its case briefs, the portfolio status and its attachments, as one document.

Visibility by construction: the pack is made for one reader (a Viewer)
from what that reader may open on its own: the agenda items they read
(governance's visibility), the briefs and attachments of those items only,
and the status reports they read (selectors.reports). The same document is
drawn as an HTML page for print and as a PDF (WeasyPrint, which lays out
HTML and CSS as pages), each section from a new page.
"""

from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from os2org.attachments.selectors import attachments_by_owner
from os2org.common.visibility import Viewer
from os2org.governance.models import CaseBrief, Meeting
from os2org.governance.readers import OF_ITEM, OWN
from os2org.portfolio.selectors import latest_reports, next_board_meeting

PRINT_CSS = "portfolio/board-pack.css"


@dataclass
class Pack:
    meeting: Meeting
    items: list
    briefs: list
    reports: list
    attachments: list = field(default_factory=list)  # [(agenda item, attachment)]


def readable_next_meeting(viewer: Viewer) -> Meeting | None:
    """The board's next meeting, if the viewer may read it."""
    meeting = next_board_meeting()
    if meeting is None or not Meeting.objects.filter(viewer.visible(**OWN), pk=meeting.pk).exists():
        return None
    return meeting


def board_pack(viewer: Viewer, meeting: Meeting) -> Pack:
    """The pack of `meeting` as `viewer` may read it; a fixed number of queries however long the agenda."""
    items = list(
        meeting.items.filter(viewer.visible(**OF_ITEM)).select_related("brief__author", "brief__owner").order_by("position")
    )
    briefs = {}
    for item in items:
        try:
            briefs[item.pk] = item.brief
        except CaseBrief.DoesNotExist:
            continue
    of_items = attachments_by_owner(items)
    of_briefs = attachments_by_owner(briefs.values())
    attachments = []
    for item in items:
        brief = briefs.get(item.pk)
        found = of_items.get(item.pk, []) + (of_briefs.get(brief.pk, []) if brief else [])
        attachments.extend((item, attachment) for attachment in found)
    return Pack(meeting=meeting, items=items, briefs=list(briefs.values()), reports=latest_reports(viewer=viewer), attachments=attachments)


def pack_pdf(pack: Pack, *, language: str) -> bytes:
    """The pack as a PDF, in `language`."""
    from weasyprint import CSS, HTML

    with translation.override(language):
        html = render_to_string("portfolio/board_pack_print.html", {"pack": pack, "LANGUAGE_CODE": language})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(PRINT_CSS))])
