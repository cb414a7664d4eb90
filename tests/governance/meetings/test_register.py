"""The decision register's question: which decisions, by body, year and words."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps

from os2org.common.visibility import ANONYMOUS
from os2org.governance.meetings import selectors, services
from os2org.governance.models import AgendaItem
from os2org.governance.readers import UNFILTERED, UpTo
from os2org.organisation.models import Body
from tests.governance.builders import board, decision, meeting

fill = importlib.import_module("os2org.governance.migrations.0006_agenda_item_search_text").fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    """Decisions of two bodies over two years, and an item that was only noted.

    - Bestyrelsen 20.11.2025: "Budget 2026"
    - Bestyrelsen 05.03.2026: "Økonomi" then "Strategi"
    - Styregruppen 10.02.2026: "Leverandør", with a case brief about the economy
    """
    bestyrelsen = board()
    styregruppen = board("Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP)
    november = meeting(bestyrelsen, "2025-11-20 16:00")
    march = meeting(bestyrelsen, "2026-03-05 16:00")
    february = meeting(styregruppen, "2026-02-10 10:00")
    noted = services.add_agenda_item(march, title="Orientering om økonomien")
    services.record_outcome(noted, outcome="noted", text="Taget til efterretning.")
    supplier = decision(february, "Leverandør", "Styregruppen vælger Magenta som leverandør.")
    services.save_case_brief(
        supplier.meeting.items.get(),
        purpose="decision",
        date=date(2026, 2, 1),
        analysis="Tilbuddet passer til ØKONOMIEN i 2026.",
    )
    return {
        "bestyrelsen": bestyrelsen,
        "styregruppen": styregruppen,
        "budget": decision(november, "Budget 2026", "Budgettet for 2026 godkendes."),
        "economy": decision(march, "Økonomi", "Bestyrelsen beder om en plan for økonomien."),
        "strategy": decision(march, "Strategi", "Strategien vedtages som foreslået."),
        "supplier": supplier,
    }


def titles(found):
    return [item.title for item in found]


def test_decisions_are_newest_first_in_agenda_order(made):
    assert titles(selectors.decisions(viewer=UNFILTERED)) == ["Økonomi", "Strategi", "Leverandør", "Budget 2026"]


def test_decisions_by_body(made):
    assert titles(selectors.decisions(viewer=UNFILTERED, body=made["bestyrelsen"])) == ["Økonomi", "Strategi", "Budget 2026"]


def test_decisions_by_year(made):
    assert titles(selectors.decisions(viewer=UNFILTERED, year=2025)) == ["Budget 2026"]


def test_decisions_by_year_count_the_meeting_in_copenhagen_time(made):
    # 00:30 on New Year's Day in Copenhagen is still 2025 in UTC.
    new_year = meeting(made["bestyrelsen"], "2026-01-01 00:30")
    decision(new_year, "Nytårsbeslutning", "Vedtaget.")

    assert titles(selectors.decisions(viewer=UNFILTERED, year=2025)) == ["Budget 2026"]


def test_decisions_by_text_fold_danish_letters(made):
    assert titles(selectors.decisions(viewer=UNFILTERED, text="ØKONOMI")) == ["Økonomi", "Leverandør"]


def test_decisions_by_text_search_the_case_brief(made):
    assert titles(selectors.decisions(viewer=UNFILTERED, text="tilbuddet")) == ["Leverandør"]


def test_decisions_by_text_need_every_word(made):
    assert titles(selectors.decisions(viewer=UNFILTERED, text="plan økonomien")) == ["Økonomi"]


def test_decisions_by_text_without_a_match_are_none(made):
    assert titles(selectors.decisions(viewer=UNFILTERED, text="generalforsamling")) == []


def test_decisions_by_body_year_and_text_combined(made):
    found = selectors.decisions(viewer=UNFILTERED, body=made["bestyrelsen"], year=2026, text="økonomi")

    assert titles(found) == ["Økonomi"]


def test_decisions_for_the_public_are_exactly_those_whose_item_is_public(made):
    services.save_agenda_item(made["economy"], title="Økonomi", visibility="internal")
    services.save_agenda_item(made["supplier"], title="Leverandør", visibility="members")

    assert titles(selectors.decisions(viewer=ANONYMOUS)) == ["Strategi", "Budget 2026"]


def test_decisions_for_a_member_leave_out_internal_ones(made):
    services.save_agenda_item(made["economy"], title="Økonomi", visibility="internal")
    services.save_agenda_item(made["supplier"], title="Leverandør", visibility="members")

    assert titles(selectors.decisions(viewer=UpTo("members"))) == ["Strategi", "Leverandør", "Budget 2026"]


def test_decisions_by_text_are_found_in_the_stored_search_text(made):
    # The search runs in SQL on the case-folded column, not over the items in Python.
    AgendaItem.objects.filter(pk=made["strategy"].pk).update(search_text="årsrapport")

    assert titles(selectors.decisions(viewer=UNFILTERED, text="ÅRSRAPPORT")) == ["Strategi"]


def test_a_changed_case_brief_is_searched_at_once(made):
    services.save_case_brief(made["budget"], purpose="decision", date=date(2025, 11, 1), background="Æbleskiver til mødet.")

    assert titles(selectors.decisions(viewer=UNFILTERED, text="ÆBLESKIVER")) == ["Budget 2026"]


def test_a_changed_title_is_searched_at_once(made):
    services.save_agenda_item(made["strategy"], title="Vision for Ærø")

    assert titles(selectors.decisions(viewer=UNFILTERED, text="ærø")) == ["Vision for Ærø"]


def test_the_migration_fills_the_search_text_of_stored_items(made):
    AgendaItem.objects.update(search_text="")

    fill(django_apps, None)

    assert titles(selectors.decisions(viewer=UNFILTERED, text="tilbuddet")) == ["Leverandør"]
