"""The board pack: its sections in order, what a reader may not open left out, and the PDF page by page."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfReader

from os2org.attachments.services import attach
from os2org.common.visibility import Viewer
from os2org.governance.meetings.services import add_agenda_item, save_case_brief
from os2org.portfolio.pack import board_pack, pack_pdf
from tests.portfolio.builders import board_meeting, community, report

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
SECRETARIAT = Viewer(user_id=1, groups=frozenset({"secretariat"}))
MEMBER = Viewer(user_id=2)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def meeting():
    meeting = board_meeting(date(2026, 6, 10))
    budget = add_agenda_item(meeting, title="Budget 2027")
    save_case_brief(budget, purpose="decision", date=date(2026, 5, 20), aim="Approve the budget.")
    attach(budget, SimpleUploadedFile("budget.pdf", PDF))
    add_agenda_item(meeting, title="Members only", visibility="members")
    report(community("Booking"), risks="Supplier late")
    return meeting


def _pages(pdf):
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def test_board_pack_gathers_agenda_briefs_reports_and_attachments(meeting):
    pack = board_pack(SECRETARIAT, meeting)
    assert (
        [item.title for item in pack.items],
        [str(brief) for brief in pack.briefs],
        [str(report.profile) for report in pack.reports],
        [(item.title, attachment.original_name) for item, attachment in pack.attachments],
    ) == (["Budget 2027", "Members only"], ["Budget 2027"], ["Booking"], [("Budget 2027", "budget.pdf")])


def test_board_pack_shows_a_member_only_what_they_may_open(meeting):
    pack = board_pack(MEMBER, meeting)
    assert ([item.title for item in pack.items], pack.briefs, pack.reports, pack.attachments) == (
        ["Members only"], [], [], []
    )


def test_board_pack_pdf_has_a_page_per_section_in_order(meeting):
    pages = _pages(pack_pdf(board_pack(SECRETARIAT, meeting), language="en"))
    assert pages == [
        # pypdf reads a list's numbers and bullets after its items.
        "Board pack: June 10, 2026 Agenda June 10, 2026, 2 p.m. Budget 2027 Members only 1. 2.",
        "Case briefs Budget 2027 Draft · Decision · May 20, 2026 Aim Approve the budget.",
        "Portfolio status Booking Period Jan. 1, 2026 – March 31, 2026 Stage Product Filed by —, 05/07/2026 "
        "Hours used of hours bought 120 of 130 hours Budget against plan The community has no budget for the year. "
        "Progress — Risks Supplier late",
        "Attachments Budget 2027: budget.pdf•",
    ]
