"""The demo's governance: a year of board meetings, decisions, follow-ups and an annual cycle."""

from datetime import date

import pytest
from django.core.management import call_command

from os2org.common.visibility import ANONYMOUS, Visibility
from os2org.governance import demo
from os2org.governance.meetings import selectors
from os2org.governance.meetings.selectors import follow_ups_due
from os2org.governance.models import Activity, AgendaItem, Approval, FollowUp, Meeting, Minutes
from os2org.governance.readers import UNFILTERED
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_yaml
from tests.conftest import DEMO

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def built():
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    return demo.build(today=TODAY)


def test_demo_holds_a_year_of_board_meetings_on_tuesdays(built):
    days = [m.day for m in Meeting.objects.filter(body__name="Bestyrelsen")]

    assert days == [
        date(2025, 12, 23),
        date(2026, 2, 24),
        date(2026, 5, 5),
        date(2026, 7, 14),
        date(2026, 9, 22),
        date(2026, 11, 10),
        date(2026, 12, 15),
        date(2027, 2, 16),
    ]


def test_demo_board_has_its_members_and_the_secretariat_chief(built):
    meeting = Meeting.objects.filter(body__name="Bestyrelsen").first()

    assert sorted(meeting.participants.values_list("name", flat=True)) == [
        "Birgitte Skov",
        "Henrik Dahl",
        "Jens Bach",
        "Karen Lund",
        "Lone Vestergaard",
        "Mette Friis",
    ]


def test_demo_decisions_are_made_only_at_past_meetings(built):
    decided = AgendaItem.objects.decisions().values_list("meeting__starts__date", flat=True)

    assert len(decided) == 7
    assert max(decided) < TODAY


def test_demo_has_an_overdue_follow_up_and_one_due_this_week(built):
    overdue, this_week = follow_ups_due(TODAY, viewer=UNFILTERED)

    assert [f.title for f in overdue] == [
        "Principperne skrives ind i håndbogen",
        "Fællesskaberne orienteres om deres rammer",
        "Leverandøren får udgivelsens prioriteter og giver et tilbud",
    ]
    assert [(f.title, f.due) for f in this_week] == [("Planen lægges i årshjulet", date(2026, 11, 29))]


def test_demo_closes_the_follow_ups_done_before_today(built):
    closed = FollowUp.objects.filter(closed_on__isnull=False).count()

    assert (closed, FollowUp.objects.count()) == (4, 9)


def test_demo_latest_minutes_wait_for_two_answers(built):
    statuses = list(Minutes.objects.order_by("meeting__starts").values_list("status", flat=True))
    latest = Minutes.objects.get(status=Minutes.Status.SENT)

    assert statuses == ["approved"] * 5 + ["sent"]
    assert latest.approvals.filter(answer=Approval.Answer.APPROVED).count() == 4


def test_demo_latest_minutes_wait_for_the_chair_and_the_secretariat_chief(built):
    latest = Minutes.objects.get(status=Minutes.Status.SENT)
    answered = latest.approvals.values_list("person", flat=True)

    assert sorted(latest.meeting.participants.exclude(pk__in=answered).values_list("name", flat=True)) == [
        "Birgitte Skov",
        "Karen Lund",
    ]


def test_demo_steering_group_meets_with_its_communitys_coordinator(built):
    meeting = Meeting.objects.filter(body__name="Styregruppen for Fælleskode Booking").first()

    assert sorted(meeting.participants.values_list("name", flat=True)) == [
        "Anna Krogh",
        "Line Bak",
        "Mads Kjær",
        "Peter Holm",
    ]


def test_demo_steering_group_left_its_coordinator_an_action(built):
    (follow_up,) = FollowUp.objects.filter(item__meeting__body__name="Styregruppen for Fælleskode Booking")

    found = (follow_up.owner_role.name, follow_up.due, follow_up.is_closed)

    assert found == ("Produktkoordinator", date(2026, 11, 18), False)


def test_demo_annual_cycle_has_an_activity_of_every_kind(built):
    kinds = set(Activity.objects.values_list("kind", flat=True))

    assert (Activity.objects.count(), kinds) == (13, set(Activity.Kind.values))


def test_demo_is_built_only_once(built):
    assert demo.build(today=TODAY) is False
    assert Meeting.objects.count() == 10


def test_demo_command_says_when_it_added_nothing(built, capsys):
    call_command("governance", "demo")

    assert capsys.readouterr().out == "Der findes allerede møder eller aktiviteter i årshjulet; intet blev tilføjet.\n"


def test_demo_mails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")
    with django_capture_on_commit_callbacks(execute=True):
        demo.build(today=TODAY)

    assert mailoutbox == []


def test_demo_makes_two_decisions_public(built):
    public = selectors.decisions(viewer=ANONYMOUS)

    assert [item.title for item in public] == [
        "Principper for nye produkter i foreningen",
        "Optagelse af to nye medlemmer",
    ]


def test_demo_keeps_the_other_agenda_items_internal(built):
    visibilities = AgendaItem.objects.exclude(visibility=Visibility.PUBLIC).values_list("visibility", flat=True)

    assert (len(visibilities), set(visibilities)) == (AgendaItem.objects.count() - 2, {Visibility.INTERNAL})


def test_demo_announces_the_boards_meetings_and_keeps_the_others_internal(built):
    by_body = set(Meeting.objects.values_list("body__name", "visibility").distinct())

    assert {visibility for name, visibility in by_body if name == "Bestyrelsen"} == {Visibility.PUBLIC}
    assert {visibility for name, visibility in by_body if name != "Bestyrelsen"} == {Visibility.INTERNAL}


# The general assembly and the events for outsiders are public, the board's own dates internal.
ACTIVITIES_BY_VISIBILITY = {
    Visibility.PUBLIC: [
        "Generalforsamling",
        "Leverandørdag",
        "Netværksdag for IT-chefer",
        "Opslag på LinkedIn om et produkt",
    ],
    Visibility.INTERNAL: [
        "Bestyrelsesseminar",
        "Budget for næste år vedtages",
        "Årsregnskabet lægges frem for bestyrelsen",
    ],
}


@pytest.mark.parametrize("visibility", ACTIVITIES_BY_VISIBILITY)
def test_demo_annual_cycle_activities_at_each_visibility(built, visibility):
    titles = Activity.objects.filter(visibility=visibility).values_list("title", flat=True)

    assert sorted(titles) == ACTIVITIES_BY_VISIBILITY[visibility]
