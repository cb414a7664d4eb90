from datetime import date

import pytest
from django.core.management import call_command

from os2org.inquiries.models import Inquiry
from os2org.inquiries.services import receive_inquiry, set_status
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def old(settings):
    settings.INQUIRY_RETENTION_DAYS = 30
    world = secretariat_world()
    inquiry = receive_inquiry(topic=world["press"], channel="staff", sender_name="Ida Berg", subject="Sag", text="Hej")
    return set_status(inquiry, status="closed", on=date(2026, 1, 5))


def test_purge_dry_run_names_what_it_would_delete(old, capsys):
    call_command("inquiries", "purge", "--dry-run")
    assert (capsys.readouterr().out, Inquiry.objects.count()) == (f"Would delete 1 inquiry: {old.pk}\n", 1)


def test_purge_deletes_and_says_which(old, capsys):
    call_command("inquiries", "purge")
    assert (capsys.readouterr().out, Inquiry.objects.count()) == (f"Deleted 1 inquiry: {old.pk}\n", 0)


def test_purge_on_an_earlier_day_keeps_what_was_then_within_retention(old, capsys):
    call_command("inquiries", "purge", "--on", "2026-02-04")
    assert (capsys.readouterr().out, Inquiry.objects.count()) == ("Deleted 0 inquiries: —\n", 1)
