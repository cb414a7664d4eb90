"""The first draft of the minutes, made from the agenda and what came of it."""

from datetime import date

import pytest

from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.governance.meetings.minutes_text import Draft, skeleton
from os2org.organisation.services import save_person
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


def test_skeleton_of_the_meeting_has_its_facts_and_the_carried_follow_ups(march):
    assert skeleton(march).text == (
        "- Date: March 5, 2026, 16:00–18:00\n"
        "- Place: Mødelokale 1\n"
        "- Participants: Ane Holm, Bo Lund\n"
        "\n"
        "## Follow-up from earlier meetings\n"
        "\n"
        "- Skriv strategien (Bo Lund, due June 1, 2026): open\n"
    )


def test_skeleton_has_a_part_per_item_with_its_outcome_and_follow_ups(march):
    budget, other, next_meeting = march.items.order_by("position")

    assert skeleton(march).parts == {
        budget.pk: "**Decision.** Budgettet godkendes.\n\nFollow-up:\n\n- Send budgettet (Ane Holm, due April 1, 2026)\n",
        other.pk: "**Noted.**\n",
        next_meeting.pk: "(Not dealt with yet.)\n",
    }


def test_skeleton_of_an_empty_meeting_has_the_facts_only():
    alone = meeting(board(), "2026-06-04 10:00", place="")

    assert skeleton(alone) == Draft(text="- Date: June 4, 2026, 10:00–12:00\n- Place: —\n- Participants: —\n", parts={})


@pytest.fixture
def public_meeting():
    """A public meeting with an internal participant, a public and an internal decision, and an internal role owning a follow-up."""
    made = meeting(board(), "2026-03-05 16:00", visibility=Visibility.PUBLIC)
    ane = save_person(name="Ane Holm")
    hidden = save_person(name="Ivan Intern", visibility=Visibility.INTERNAL)
    services.save_meeting(made, body=made.body, starts=made.starts, participants=[ane, hidden], visibility=Visibility.PUBLIC)
    public = decision(made, "Budget 2027", "Budgettet godkendes.")
    services.add_follow_up(public, title="Send budgettet", due=date(2026, 4, 1), owner_person=hidden)
    secret = services.add_agenda_item(made, title="Personalesag", visibility=Visibility.INTERNAL)
    services.record_outcome(secret, outcome="decision", text="Ivan Intern flyttes.")
    return made


def test_skeleton_of_a_public_meeting_hides_a_participant_the_public_may_not_read(public_meeting):
    assert "- Participants: Ane Holm, (not shown)\n" in skeleton(public_meeting).text


def test_skeleton_part_of_a_public_item_hides_an_owner_the_public_may_not_read(public_meeting):
    public = public_meeting.items.get(title="Budget 2027")

    assert skeleton(public_meeting).parts[public.pk].endswith("- Send budgettet ((not shown), due April 1, 2026)\n")


def test_skeleton_keeps_an_internal_item_in_its_own_part(public_meeting):
    draft = skeleton(public_meeting)
    secret = public_meeting.items.get(title="Personalesag")

    assert (draft.parts[secret.pk], "Personalesag" in draft.text, "flyttes" in draft.text) == (
        "**Decision.** Ivan Intern flyttes.\n",
        False,
        False,
    )
