"""The first draft of the minutes, made from the agenda and what came of it."""

from datetime import date

import pytest

from os2org.governance import services
from os2org.governance.minutes_text import skeleton
from tests.governance.builders import board, decision, meeting, people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_handbook(settings):
    """The skeleton is written in the handbook's language; English keeps the expected text readable here."""
    settings.HANDBOOK_LANGUAGE = "en"


@pytest.fixture
def march():
    """Bestyrelsen 05.03.2026 with a decision and its follow-up, a note, an item not dealt with,
    and a follow-up carried from January."""
    bestyrelsen = board()
    ane, bo = people("Ane Holm", "Bo Lund")
    january = meeting(bestyrelsen, "2026-01-08 16:00")
    strategy = decision(january, "Strategi", "Strategien skrives.")
    services.add_follow_up(strategy, title="Skriv strategien", due=date(2026, 6, 1), owner_person=bo)
    made = meeting(bestyrelsen, "2026-03-05 16:00", participants=[bo, ane])
    budget = decision(made, "Budget 2027", "Budgettet godkendes.")
    services.add_follow_up(budget, title="Send budgettet", due=date(2026, 4, 1), owner_person=ane)
    services.record_outcome(services.add_agenda_item(made, title="Eventuelt"), outcome="noted")
    services.add_agenda_item(made, title="Næste møde")
    return made


def test_skeleton_has_the_facts_the_items_their_outcomes_and_the_carried_follow_ups(march):
    assert skeleton(march) == (
        "- Date: March 5, 2026, 16:00–18:00\n"
        "- Place: Mødelokale 1\n"
        "- Participants: Ane Holm, Bo Lund\n"
        "\n"
        "## 1. Budget 2027\n"
        "\n"
        "**Decision.** Budgettet godkendes.\n"
        "\n"
        "Follow-up:\n"
        "\n"
        "- Send budgettet (Ane Holm, due April 1, 2026)\n"
        "\n"
        "## 2. Eventuelt\n"
        "\n"
        "**Noted.**\n"
        "\n"
        "## 3. Næste møde\n"
        "\n"
        "(Not dealt with yet.)\n"
        "\n"
        "## Follow-up from earlier meetings\n"
        "\n"
        "- Skriv strategien (Bo Lund, due June 1, 2026): open\n"
    )


def test_skeleton_of_an_empty_meeting_has_the_facts_only():
    alone = meeting(board(), "2026-06-04 10:00", place="")

    assert skeleton(alone) == "- Date: June 4, 2026, 10:00–12:00\n- Place: —\n- Participants: —\n"
