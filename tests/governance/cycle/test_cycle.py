from datetime import date, datetime, time

import pytest

from os2org.access.groups import MEMBER_CONTACT
from os2org.access.viewer import viewer_for
from os2org.common.visibility import ANONYMOUS
from os2org.governance.cycle.selectors import coming_up_for, occurrences_between
from os2org.governance.models import AgendaItem, FollowUp, Meeting
from os2org.governance.readers import UNFILTERED
from os2org.organisation.models import Body
from os2org.organisation.selectors import current_holders
from os2org.organisation.services import assign_role, end_assignment, save_body, save_person
from tests.accounts import make_user
from tests.governance.cycle_data import COPENHAGEN, make_activity, make_role

pytestmark = pytest.mark.django_db


def summary(occurrences):
    return [(o.date, o.time, o.activity.kind, o.activity.title, o.url) for o in occurrences]


@pytest.fixture
def made(today):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    chief = make_role("Sekretariatschef", reviewed_on=date(2025, 6, 12))
    editor = make_role("Kommunikationsmedarbejder")
    ane = save_person(name="Ane Holm")
    assign_role(ane, body=secretariat, role=chief, starts=date(2025, 1, 1), hours_per_week=37)
    meeting = Meeting.objects.create(body=board, starts=datetime(2026, 6, 9, 16, 0, tzinfo=COPENHAGEN))
    meeting.participants.set([ane])
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Budget")
    return {
        "board": board,
        "chief": chief,
        "editor": editor,
        "ane": ane,
        "meeting": meeting,
        "budget": make_activity(
            title="Budget", kind="decision_process", body=board, role=chief, starts=date(2026, 6, 9), time=time(9, 0)
        ),
        "newsletter": make_activity(
            title="Nyhedsbrev",
            kind="communication",
            role=editor,
            starts=date(2026, 6, 9),
            rule="FREQ=MONTHLY;BYMONTHDAY=9",
        ),
        "follow_up": FollowUp.objects.create(item=item, title="Send budgettet", owner_person=ane, due=date(2026, 6, 20)),
    }


def test_occurrences_between_gathers_activities_reviews_and_meetings_in_order(made):
    found = occurrences_between(date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED)

    assert summary(found) == [
        (date(2026, 6, 9), None, "communication", "Nyhedsbrev", f"/aarshjul/aktiviteter/{made['newsletter'].pk}/"),
        (date(2026, 6, 9), time(9, 0), "decision_process", "Budget", f"/aarshjul/aktiviteter/{made['budget'].pk}/"),
        (date(2026, 6, 9), time(16, 0), "meeting", "Bestyrelsen 9. juni 2026", f"/moeder/{made['meeting'].pk}/"),
        (date(2026, 6, 12), None, "deadline", "Årlig revision: Sekretariatschef", "/roller/sekretariatschef/"),
        (date(2026, 7, 9), None, "communication", "Nyhedsbrev", f"/aarshjul/aktiviteter/{made['newsletter'].pk}/"),
    ]


def test_occurrences_between_includes_both_ends(made):
    found = occurrences_between(date(2026, 6, 12), date(2026, 7, 9), viewer=UNFILTERED)

    assert [o.date for o in found] == [date(2026, 6, 12), date(2026, 7, 9)]


def test_occurrences_of_a_meeting_carry_the_meeting(made):
    (found,) = [o for o in occurrences_between(date(2026, 6, 9), date(2026, 6, 9), viewer=UNFILTERED) if o.meeting]

    assert (found.meeting, found.activity.body) == (made["meeting"], made["board"])


def test_occurrences_of_a_body_are_its_activities_and_meetings(made):
    found = occurrences_between(date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED, body=made["board"])

    assert [(o.date, o.activity.title) for o in found] == [
        (date(2026, 6, 9), "Budget"),
        (date(2026, 6, 9), "Bestyrelsen 9. juni 2026"),
    ]


def test_occurrences_of_a_role_are_its_activities_and_its_review(made):
    found = occurrences_between(date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED, role=made["chief"])

    assert [(o.date, o.activity.title) for o in found] == [
        (date(2026, 6, 9), "Budget"),
        (date(2026, 6, 12), "Årlig revision: Sekretariatschef"),
    ]


def test_occurrences_of_a_person_follow_the_roles_they_hold_and_their_follow_ups(made):
    found = occurrences_between(date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED, person=made["ane"])

    assert summary(found) == [
        (date(2026, 6, 9), time(9, 0), "decision_process", "Budget", f"/aarshjul/aktiviteter/{made['budget'].pk}/"),
        (date(2026, 6, 9), time(16, 0), "meeting", "Bestyrelsen 9. juni 2026", f"/moeder/{made['meeting'].pk}/"),
        (date(2026, 6, 12), None, "deadline", "Årlig revision: Sekretariatschef", "/roller/sekretariatschef/"),
        (date(2026, 6, 20), None, "deadline", "Frist for opfølgning: Send budgettet", f"/opfoelgning/{made['follow_up'].pk}/"),
    ]


def test_occurrences_of_a_person_leave_out_closed_follow_ups(made):
    follow_up = made["follow_up"]
    FollowUp.objects.filter(pk=follow_up.pk).update(status="done", closed_on=date(2026, 5, 1))

    found = occurrences_between(date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED, person=made["ane"])

    assert "Frist for opfølgning: Send budgettet" not in [o.activity.title for o in found]


def test_occurrences_between_cost_three_queries_however_many_activities(made, django_assert_num_queries):
    for number in range(30):
        make_activity(
            title=f"Aktivitet {number}", body=made["board"], role=made["chief"], rule="FREQ=MONTHLY;BYMONTHDAY=1"
        )

    with django_assert_num_queries(3):
        occurrences_between(date(2026, 1, 1), date(2026, 12, 31), viewer=UNFILTERED)


def test_coming_up_for_a_person_are_their_meetings_and_their_roles_activities(made):
    found = coming_up_for(made["ane"], date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED)

    assert summary(found) == [
        (date(2026, 6, 9), time(9, 0), "decision_process", "Budget", f"/aarshjul/aktiviteter/{made['budget'].pk}/"),
        (date(2026, 6, 9), time(16, 0), "meeting", "Bestyrelsen 9. juni 2026", f"/moeder/{made['meeting'].pk}/"),
    ]


def test_coming_up_for_a_person_has_the_activities_of_their_bodies(made):
    secretariat = Body.objects.get(name="Sekretariatet")
    party = make_activity(title="Julefrokost", kind="event", body=secretariat, starts=date(2026, 6, 19))

    found = coming_up_for(made["ane"], date(2026, 6, 10), date(2026, 7, 31), viewer=UNFILTERED)

    assert summary(found) == [(date(2026, 6, 19), None, "event", "Julefrokost", f"/aarshjul/aktiviteter/{party.pk}/")]


def test_coming_up_for_a_person_without_assignments_or_meetings_is_nothing(made):
    bo = save_person(name="Bo Lund")

    assert coming_up_for(bo, date(2026, 6, 1), date(2026, 7, 31), viewer=UNFILTERED) == []


def test_coming_up_for_a_person_leaves_out_what_the_viewer_may_not_read(made):
    Meeting.objects.filter(pk=made["meeting"].pk).update(visibility="internal")

    found = coming_up_for(made["ane"], date(2026, 6, 1), date(2026, 7, 31), viewer=ANONYMOUS)

    assert [(o.date, o.activity.title) for o in found] == [(date(2026, 6, 9), "Budget")]


def test_coming_up_for_a_person_costs_two_queries_however_many_activities(made, django_assert_num_queries):
    for number in range(30):
        make_activity(title=f"Aktivitet {number}", role=made["chief"], rule="FREQ=MONTHLY;BYMONTHDAY=1")

    with django_assert_num_queries(2):
        found = coming_up_for(made["ane"], date(2026, 1, 1), date(2026, 12, 31), viewer=UNFILTERED)

    assert len(found) == 30 * 12 + 2


def test_occurrences_for_the_public_are_only_public_activities(made):
    make_activity(title="Medlemsmøde", starts=date(2026, 6, 10), visibility="members")

    found = occurrences_between(date(2026, 6, 1), date(2026, 7, 31), viewer=ANONYMOUS)

    assert [(o.date, o.activity.title) for o in found] == [
        (date(2026, 6, 9), "Nyhedsbrev"),
        (date(2026, 6, 9), "Budget"),
        (date(2026, 7, 9), "Nyhedsbrev"),
    ]


def test_occurrences_for_a_member_have_the_reviews_but_nothing_internal(made):
    make_activity(title="Medlemsmøde", starts=date(2026, 6, 10), visibility="members")
    make_activity(title="Intern frist", starts=date(2026, 6, 11), visibility="internal")
    member = viewer_for(make_user("kontakt", MEMBER_CONTACT))

    found = occurrences_between(date(2026, 6, 1), date(2026, 6, 30), viewer=member)

    assert [(o.date, o.activity.title) for o in found] == [
        (date(2026, 6, 9), "Nyhedsbrev"),
        (date(2026, 6, 9), "Budget"),
        (date(2026, 6, 10), "Medlemsmøde"),
        (date(2026, 6, 12), "Årlig revision: Sekretariatschef"),
    ]


def test_current_holders_are_the_people_holding_the_role_today_once_each(made):
    bo = save_person(name="Bo Lund")
    cecilie = save_person(name="Cecilie Berg")
    board = made["board"]
    assign_role(bo, body=board, role=made["chief"], starts=date(2025, 1, 1), hours_per_week=2)
    assign_role(made["ane"], body=board, role=made["chief"], starts=date(2025, 1, 1), hours_per_week=2)
    former = assign_role(cecilie, body=board, role=made["chief"], starts=date(2025, 1, 1), hours_per_week=2)
    end_assignment(former, ends=date(2026, 1, 1))

    holders = current_holders([made["chief"], made["editor"], None])

    assert ([p.name for p in holders[made["chief"].pk]], holders[made["editor"].pk]) == (["Ane Holm", "Bo Lund"], [])
