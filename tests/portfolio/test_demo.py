"""The demo's portfolio: stages and milestones, the gates' checklists, two status reports and the board's portfolio status."""

from datetime import date

import pytest
from django.core.management import call_command

from os2org.portfolio import demo
from os2org.portfolio.models import GateTemplate, Profile, StatusReport
from os2org.portfolio.selectors import missing_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    """`os2org demo` builds the portfolio with the rest of the demo."""
    call_command("demo", verbosity=0)


def test_demo_gives_the_communities_and_the_programme_their_stages(built):
    assert list(Profile.objects.order_by("body__name").values_list("body__name", "stage")) == [
        ("Borgerservice", "product"),
        ("Fælleskode Booking", "product"),
        ("Fælleskode Tilsyn", "project"),
    ]


def test_demo_files_two_status_reports(built):
    assert list(StatusReport.objects.order_by("period_starts").values_list("profile__body__name", "period_starts")) == [
        ("Fælleskode Tilsyn", date(2025, 10, 1)),
        ("Fælleskode Booking", date(2026, 1, 1)),
    ]


def test_demo_leaves_tilsyns_latest_report_missing(built):
    assert [profile.body.name for profile in missing_reports()] == ["Fælleskode Tilsyn"]


def test_demo_keeps_a_checklist_for_every_step(built):
    assert GateTemplate.objects.count() == 4


def test_demo_is_built_once(built):
    profiles = Profile.objects.count()

    assert (demo.build(), Profile.objects.count()) == (False, profiles)
