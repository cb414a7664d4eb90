from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.governance.models import AgendaItem
from os2org.portfolio.models import Gate, Milestone, PortfolioItem, Profile, StatusReport
from os2org.portfolio.services import (
    check_gate,
    open_gate,
    pass_gate,
    refresh_board_pack,
    save_gate_template,
    save_milestone,
    save_profile,
)
from tests.budgets.builders import budget, chart_of_accounts
from tests.portfolio.builders import board_decision, board_meeting, community, milestone, report

pytestmark = pytest.mark.django_db
STALE = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def booking():
    return community("Booking", stage="project")


@pytest.fixture
def template():
    return save_gate_template(from_stage="project", items=["Licence chosen", "Steering group formed", " "])


def test_save_profile_renders_the_goals_through_the_sanitiser(booking):
    profile = save_profile(booking, goals="**Fast** <script>alert(1)</script>")
    assert profile.goals_html == "<p><strong>Fast</strong> </p>\n"


def test_save_profile_writes_an_audit_entry(booking):
    save_profile(booking, goals="Faster bookings", actor=None)
    assert list(Entry.objects.filter(action="portfolio.profile").values_list("summary", flat=True)) == [
        "portfolio: Booking",
        "portfolio: Booking",
    ]


def test_save_profile_refuses_a_licence_that_is_no_spdx_id(booking):
    with pytest.raises(ValidationError) as error:
        save_profile(booking, licence="Mozilla public licence")
    assert error.value.message_dict == {"licence": ["Write the licence as an SPDX identifier, such as MPL-2.0 or EUPL-1.2."]}


def test_save_profile_keeps_a_known_licence(booking):
    assert save_profile(booking, licence="MPL-2.0").licence_is_known is True


def test_save_profile_refuses_a_repository_that_is_no_web_address(booking):
    with pytest.raises(ValidationError) as error:
        save_profile(booking, repositories=["https://github.com/os2/booking", "javascript:alert(1)"])
    assert error.value.message_dict == {"repositories": ["Line 2 is not a web address: javascript:alert(1)"]}
    assert Profile.objects.get(pk=booking.pk).repositories == []


def test_save_profile_refuses_a_changed_stage(booking):
    with pytest.raises(ValidationError) as error:
        save_profile(booking, stage="product")
    assert error.value.message_dict == {
        "stage": ["A community moves to its next stage by a board decision on its gate."]
    }


def test_save_profile_refuses_a_stale_revision(booking):
    seen = revision(booking)
    save_profile(booking, goals="First")
    with pytest.raises(ValidationError) as error:
        save_profile(Profile.objects.get(pk=booking.pk), goals="Second", revision=seen)
    assert error.value.messages == [STALE]
    assert Profile.objects.get(pk=booking.pk).goals == "First"


def test_save_milestone_done_without_a_day_is_done_today(booking, today):
    assert milestone(booking, status="done").done_on == today


def test_save_milestone_reopened_forgets_its_day(booking):
    done = milestone(booking, status="done", done_on=date(2026, 4, 1))
    reopened = save_milestone(done, profile=booking, title=done.title, due=done.due, status="in_progress")
    assert reopened.done_on is None


def test_milestone_late_when_past_due_and_not_done(booking):
    milestone(booking, "Past", due=date(2026, 5, 6))
    milestone(booking, "Today", due=date(2026, 5, 7))
    milestone(booking, "Past but done", due=date(2026, 1, 1), status="done", done_on=date(2026, 1, 2))
    assert [m.title for m in Milestone.objects.late()] == ["Past"]


def test_save_gate_template_keeps_its_points_in_order(template):
    assert list(template.items.values_list("position", "text")) == [(1, "Licence chosen"), (2, "Steering group formed")]
    assert template.to_stage == "product"


def test_save_gate_template_refuses_a_retired_stage():
    with pytest.raises(ValidationError) as error:
        save_gate_template(from_stage="retired", items=["Anything"])
    assert error.value.message_dict == {"from_stage": ["A retired community has no further stage."]}


def test_save_gate_template_refuses_an_empty_checklist():
    with pytest.raises(ValidationError) as error:
        save_gate_template(from_stage="idea", items=["", " "])
    assert error.value.message_dict == {"items": ["Give the checklist at least one point."]}


def test_open_gate_copies_the_template_points_unchecked(booking, template):
    gate = open_gate(booking)
    assert list(gate.checks.values_list("position", "text", "checked")) == [
        (1, "Licence chosen", False),
        (2, "Steering group formed", False),
    ]


def test_open_gate_without_a_template_says_so(booking):
    with pytest.raises(ValidationError) as error:
        open_gate(booking)
    assert error.value.message_dict == {
        "stage": ["There is no checklist for the step from project yet: the secretariat keeps them."]
    }


def test_open_gate_twice_is_refused(booking, template):
    open_gate(booking)
    with pytest.raises(ValidationError) as error:
        open_gate(booking)
    assert error.value.message_dict == {"stage": ["This community already has an open gate for this step."]}


def test_check_gate_records_each_point(booking, template):
    gate = check_gate(open_gate(booking), checks={1: (True, "MPL-2.0"), 2: (False, "")})
    assert list(gate.checks.values_list("checked", "comment")) == [(True, "MPL-2.0"), (False, "")]


def test_check_gate_refuses_an_unknown_point_and_changes_nothing(booking, template):
    gate = open_gate(booking)
    with pytest.raises(ValidationError) as error:
        check_gate(gate, checks={1: (True, ""), 7: (True, "")})
    assert error.value.message_dict == {"__all__": ["The checklist has no point 7."]}
    assert list(gate.checks.values_list("checked", flat=True)) == [False, False]


def test_pass_gate_moves_the_community_to_the_next_stage(booking, template):
    gate = open_gate(booking)
    pass_gate(gate, decision=board_decision(board_meeting()))
    assert Profile.objects.get(pk=booking.pk).stage == "product"


def test_pass_gate_keeps_the_decision_and_its_day(booking, template):
    decision = board_decision(board_meeting(date(2026, 6, 10)))
    gate = pass_gate(open_gate(booking), decision=decision)
    assert (gate.decision, gate.passed_on) == (decision, date(2026, 6, 10))


def test_pass_gate_writes_the_stage_change_to_the_log(booking, template):
    pass_gate(open_gate(booking), decision=board_decision(board_meeting()))
    assert list(Entry.objects.filter(action="portfolio.stage").values_list("summary", flat=True)) == [
        "stage: Booking is now product"
    ]


def test_pass_gate_refuses_an_item_that_is_no_decision(booking, template):
    meeting = board_meeting()
    noted = AgendaItem.objects.create(meeting=meeting, position=9, title="Orientering", outcome="noted")
    gate = open_gate(booking)
    with pytest.raises(ValidationError) as error:
        pass_gate(gate, decision=noted)
    assert error.value.message_dict == {"decision": ["A community changes stage by a decision of the board."]}
    assert (Profile.objects.get(pk=booking.pk).stage, Gate.objects.get(pk=gate.pk).passed_on) == ("project", None)


def test_pass_gate_refuses_a_decision_of_another_body(booking, template):
    from os2org.organisation.services import save_body

    steering = save_body(name="Styregruppen", kind="steering_group")
    gate = open_gate(booking)
    with pytest.raises(ValidationError):
        pass_gate(gate, decision=board_decision(board_meeting(board=steering)))
    assert Profile.objects.get(pk=booking.pk).stage == "project"


def test_file_report_keeps_the_period_it_covers(booking):
    filed = report(booking, period_starts=date(2026, 1, 1))
    assert (filed.period_starts, filed.period_ends) == (date(2026, 1, 1), date(2026, 3, 31))


def test_file_report_refuses_a_day_that_begins_no_period(booking):
    with pytest.raises(ValidationError) as error:
        report(booking, period_starts=date(2026, 2, 1))
    assert error.value.message_dict == {"period_starts": ["A period begins on 2026-01-01."]}


def test_file_report_twice_for_a_period_is_refused(booking):
    report(booking)
    with pytest.raises(ValidationError) as error:
        report(booking)
    assert error.value.message_dict == {"period_starts": ["This community has already filed a report for this period."]}
    assert StatusReport.objects.count() == 1


def test_file_report_refuses_a_stale_revision(booking):
    from os2org.portfolio.services import file_report

    filed = report(booking, risks="First")
    seen = revision(filed)
    file_report(filed, profile=booking, period_starts=filed.period_starts, hours_used=Decimal(1), hours_bought=Decimal(2))
    with pytest.raises(ValidationError) as error:
        file_report(
            StatusReport.objects.get(pk=filed.pk), profile=booking, period_starts=filed.period_starts,
            hours_used=Decimal(5), hours_bought=Decimal(5), revision=seen,
        )
    assert error.value.messages == [STALE]
    assert StatusReport.objects.get(pk=filed.pk).hours_used == Decimal(1)


def test_file_report_records_progress_per_milestone(booking):
    release = milestone(booking, "Release 2.0")
    filed = report(booking, progress={release.pk: ("in_progress", "Test begun")})
    assert list(filed.progress.values_list("milestone__title", "status", "comment")) == [
        ("Release 2.0", "in_progress", "Test begun")
    ]


def test_file_report_refuses_another_communitys_milestone(booking):
    other = milestone(community("Kalender"), "Elsewhere")
    with pytest.raises(ValidationError) as error:
        report(booking, progress={other.pk: ("done", "")})
    assert error.value.message_dict == {"progress": ["Report only on the community's own milestones."]}
    assert StatusReport.objects.count() == 0


def test_file_report_refuses_negative_hours(booking):
    with pytest.raises(ValidationError) as error:
        report(booking, used="-1")
    assert error.value.message_dict == {"__all__": ["Hours cannot be negative."]}


def test_file_report_renders_the_risks_through_the_sanitiser(booking):
    filed = report(booking, risks='<img src=x onerror="alert(1)">Supplier *late*')
    assert filed.risks_html == '<p><img src="x">Supplier <em>late</em></p>\n'


def test_file_report_without_a_budget_has_no_budget_figures(booking):
    filed = report(booking)
    assert (filed.budget_year, filed.budget_to_date, filed.actual_to_date) == (None, None, None)


def test_file_report_reads_the_budget_of_the_periods_year(booking):
    chart_of_accounts()
    budget(booking.body, {"2100": "100000", "2200": "20000.50"}, year=2026)
    filed = report(booking)
    assert (filed.budget_year, filed.budget_to_date, filed.actual_to_date) == (
        Decimal("120000.50"), Decimal("0.00"), Decimal("0.00")
    )


@pytest.fixture
def site_in_english(settings):
    """The item is written in the site's language; the Danish words come from the translations."""
    settings.LANGUAGE_CODE = "en"


def test_refresh_board_pack_adds_the_portfolio_item_to_the_next_board_meeting(booking, site_in_english):
    meeting = board_meeting(date(2026, 6, 10))
    report(booking)
    item = refresh_board_pack()
    assert (item.meeting, item.title) == (meeting, "Portfolio status")
    assert item.description == (
        "The latest status report of each community:\n\n"
        "- Booking (project), 2026-01-01–2026-03-31: 120 of 130 hours used"
    )


def test_refresh_board_pack_twice_changes_nothing(booking):
    board_meeting()
    report(booking)
    first = refresh_board_pack()
    entries = Entry.objects.count()
    second = refresh_board_pack()
    assert (second.pk, Entry.objects.count(), PortfolioItem.objects.count()) == (first.pk, entries, 1)


def test_refresh_board_pack_brings_the_item_up_to_date(booking, site_in_english):
    board_meeting()
    refresh_board_pack()
    report(booking)
    item = refresh_board_pack()
    assert item.description.endswith("120 of 130 hours used")


def test_refresh_board_pack_without_a_meeting_ahead_does_nothing(booking):
    board_meeting(date(2026, 1, 10))
    assert (refresh_board_pack(), PortfolioItem.objects.count()) == (None, 0)
