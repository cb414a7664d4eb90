from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.portfolio.models import PortfolioItem
from tests.portfolio.builders import board_meeting, community, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _run(*args):
    out = StringIO()
    call_command("portfolio", *args, stdout=out)
    return out.getvalue()


def test_missing_lists_each_community_and_period():
    community("Booking")
    report(community("Kalender"))
    assert _run("missing") == "Booking\t2026-01-01\t2026-03-31\n"


def test_pack_puts_the_portfolio_status_on_the_next_board_meeting():
    meeting = board_meeting(date(2026, 6, 10))
    _run("pack")
    assert PortfolioItem.objects.get().meeting == meeting


def test_pack_without_a_board_meeting_ahead_says_so():
    with pytest.raises(CommandError, match="The board has no meeting ahead."):
        _run("pack")


def test_pdf_writes_the_board_pack(tmp_path):
    board_meeting(date(2026, 6, 10))
    _run("pdf", str(tmp_path / "pakke.pdf"))
    assert (tmp_path / "pakke.pdf").read_bytes()[:5] == b"%PDF-"
