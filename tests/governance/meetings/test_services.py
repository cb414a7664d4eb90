"""Meetings, agendas, case briefs, outcomes, follow-ups and minutes, through the services."""

import socket
from datetime import date

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from os2org.access.groups import BOARD, MEMBER_CONTACT
from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.governance.meetings.selectors import carried_follow_ups
from os2org.governance.models import AgendaItem, Approval, CaseBrief, FollowUp, Meeting, Minutes
from os2org.governance.readers import UNFILTERED
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body
from os2org.organisation.services import save_person
from os2org.roles.models import RoleDescription
from tests.accounts import make_user
from tests.governance.builders import at, board, decision, meeting, people

pytestmark = pytest.mark.django_db

CONFLICT = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)


@pytest.fixture(autouse=True)
def english():
    """Messages are compared as written (English); the Danish catalogue is the lead's."""
    with translation.override("en"):
        yield


@pytest.fixture
def bestyrelsen():
    return board()


@pytest.fixture
def ane_and_bo():
    return people("Ane Holm", "Bo Lund")


@pytest.fixture
def march(bestyrelsen, ane_and_bo):
    return meeting(bestyrelsen, "2026-03-05 16:00", participants=ane_and_bo)


def actions(since):
    return list(Entry.objects.filter(id__gt=since).order_by("id").values_list("action", flat=True))


def last_entry_id():
    return Entry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def positions(meeting):
    return list(meeting.items.order_by("position").values_list("title", "position"))


# Meetings


def test_save_meeting_keeps_its_participants(bestyrelsen, ane_and_bo):
    made = meeting(bestyrelsen, "2026-03-05 16:00", participants=ane_and_bo)

    assert sorted(made.participants.values_list("name", flat=True)) == ["Ane Holm", "Bo Lund"]


def test_save_meeting_writes_participants_into_the_audit_entry(bestyrelsen, ane_and_bo):
    made = meeting(bestyrelsen, "2026-03-05 16:00", participants=ane_and_bo)

    entry = Entry.objects.get(action="governance.meeting")
    assert (entry.data["before"], entry.data["after"]["participants"]) == (None, sorted(p.pk for p in ane_and_bo))
    assert entry.object_id == str(made.pk)


def test_save_meeting_refuses_a_second_meeting_of_the_body_at_the_same_time(bestyrelsen, march):
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.save_meeting(body=bestyrelsen, starts=at("2026-03-05 16:00"), title="Ekstra")

    assert raised.value.message_dict == {"starts": ["Bestyrelsen already meets at that time."]}
    assert (Meeting.objects.count(), actions(before)) == (1, [])


def test_meeting_is_named_by_body_and_day_without_a_title(march):
    assert str(march) == "Bestyrelsen March 5, 2026"


def test_save_meeting_without_a_visibility_makes_it_internal(bestyrelsen):
    made = services.save_meeting(body=bestyrelsen, starts=at("2026-03-05 16:00"))

    assert made.visibility == "internal"


def test_save_meeting_without_a_visibility_keeps_the_one_it_has(march):
    changed = services.save_meeting(Meeting.objects.get(pk=march.pk), body=march.body, starts=march.starts, place="Online")

    assert (changed.place, Meeting.objects.get(pk=march.pk).visibility) == ("Online", "public")


def test_save_meeting_refuses_an_out_of_date_revision_and_changes_nothing(march):
    seen = revision(march)
    services.save_meeting(Meeting.objects.get(pk=march.pk), body=march.body, starts=march.starts, place="Online")
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.save_meeting(
            Meeting.objects.get(pk=march.pk), body=march.body, starts=march.starts, place="Aarhus", revision=seen
        )

    assert raised.value.message_dict == {NON_FIELD_ERRORS: [CONFLICT]}
    assert (Meeting.objects.get(pk=march.pk).place, actions(before)) == ("Online", [])


# Agenda items


def test_add_agenda_item_puts_items_last(march):
    for title in ["Godkendelse af dagsorden", "Budget", "Eventuelt"]:
        services.add_agenda_item(march, title=title)

    assert positions(march) == [("Godkendelse af dagsorden", 1), ("Budget", 2), ("Eventuelt", 3)]


def test_add_agenda_item_is_as_visible_as_its_meeting(bestyrelsen):
    members = services.save_meeting(body=bestyrelsen, starts=at("2026-03-05 16:00"), visibility="members")

    assert services.add_agenda_item(members, title="Budget").visibility == "members"


def test_add_agenda_item_takes_the_visibility_given(march):
    assert services.add_agenda_item(march, title="Personalesag", visibility="internal").visibility == "internal"


def test_add_agenda_item_stores_its_description_rendered_and_sanitised(march):
    item = services.add_agenda_item(march, title="Budget", description="Et *nyt* punkt.<script>alert(1)</script>")

    assert AgendaItem.objects.get(pk=item.pk).description_html == "<p>Et <em>nyt</em> punkt.</p>\n"


@pytest.fixture
def agenda(march):
    return [services.add_agenda_item(march, title=title) for title in ["Dagsorden", "Budget", "Eventuelt"]]


def test_move_agenda_item_up_swaps_with_the_item_above(march, agenda):
    assert services.move_agenda_item(agenda[2], by=-1) is True

    assert positions(march) == [("Dagsorden", 1), ("Eventuelt", 2), ("Budget", 3)]


def test_move_agenda_item_down_twice_takes_it_last(march, agenda):
    services.move_agenda_item(agenda[0], by=1)
    services.move_agenda_item(AgendaItem.objects.get(pk=agenda[0].pk), by=1)

    assert positions(march) == [("Budget", 1), ("Eventuelt", 2), ("Dagsorden", 3)]


def test_move_agenda_item_first_up_changes_nothing(march, agenda):
    before = last_entry_id()

    assert services.move_agenda_item(agenda[0], by=-1) is False
    assert (positions(march), actions(before)) == ([("Dagsorden", 1), ("Budget", 2), ("Eventuelt", 3)], [])


def test_move_agenda_item_writes_an_audit_entry_with_both_positions(agenda):
    services.move_agenda_item(agenda[1], by=1)

    entry = Entry.objects.get(action="governance.agenda_item.move")
    assert (entry.data["before"]["position"], entry.data["after"]["position"]) == (2, 3)


def test_save_agenda_item_refuses_an_empty_title_and_keeps_the_old_one(agenda):
    with pytest.raises(ValidationError) as raised:
        services.save_agenda_item(agenda[1], title="")

    assert list(raised.value.message_dict) == ["title"]
    assert AgendaItem.objects.get(pk=agenda[1].pk).title == "Budget"


def test_save_agenda_item_changes_its_visibility(agenda):
    services.save_agenda_item(agenda[1], title="Budget", visibility="members")

    assert AgendaItem.objects.get(pk=agenda[1].pk).visibility == "members"


def test_save_agenda_item_renders_the_changed_description(agenda):
    services.save_agenda_item(agenda[1], title="Budget", description="Et *nyt* punkt.")

    services.save_agenda_item(agenda[1], title="Budget", description="Et **andet** punkt.")

    assert AgendaItem.objects.get(pk=agenda[1].pk).description_html == "<p>Et <strong>andet</strong> punkt.</p>\n"


def test_save_agenda_item_leaves_the_rendered_html_out_of_the_audit_entry(agenda):
    services.save_agenda_item(agenda[1], title="Budget", description="Et *nyt* punkt.")

    entry = Entry.objects.filter(action="governance.agenda_item").latest("id")
    assert sorted(entry.data["after"]) == [
        "description",
        "id",
        "meeting",
        "outcome",
        "outcome_text",
        "position",
        "title",
        "visibility",
    ]


def test_save_agenda_item_refuses_an_out_of_date_revision_and_changes_nothing(agenda):
    seen = revision(agenda[1])
    services.record_outcome(agenda[1], outcome="noted")
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.save_agenda_item(AgendaItem.objects.get(pk=agenda[1].pk), title="Budget 2027", revision=seen)

    assert raised.value.message_dict == {NON_FIELD_ERRORS: [CONFLICT]}
    assert (AgendaItem.objects.get(pk=agenda[1].pk).title, actions(before)) == ("Budget", [])


# Case briefs


def test_save_case_brief_refuses_a_form_opened_before_the_brief_was_written(agenda):
    services.save_case_brief(agenda[1], purpose="decision", date=date(2026, 2, 20), aim="Først")
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.save_case_brief(agenda[1], purpose="information", date=date(2026, 2, 21), aim="Anden", revision=0)

    assert raised.value.message_dict == {NON_FIELD_ERRORS: [CONFLICT]}
    assert (CaseBrief.objects.get().aim, actions(before)) == ("Først", [])


def test_save_case_brief_writes_status_purpose_and_sections(agenda, ane_and_bo):
    ane, bo = ane_and_bo
    services.save_case_brief(
        agenda[1],
        purpose=CaseBrief.Purpose.DECISION,
        date=date(2026, 2, 20),
        status=CaseBrief.Status.READY,
        author=ane,
        owner=bo,
        aim="Budget 2027 godkendes.",
        recommendation="Sekretariatet anbefaler budgettet.",
    )

    brief = CaseBrief.objects.get()
    assert (brief.item, brief.status, brief.purpose, brief.author, brief.owner, brief.date) == (
        agenda[1],
        "ready",
        "decision",
        ane,
        bo,
        date(2026, 2, 20),
    )
    assert [(str(heading), text) for heading, text in brief.sections()] == [
        ("aim", "Budget 2027 godkendes."),
        ("background", ""),
        ("analysis", ""),
        ("recommendation", "Sekretariatet anbefaler budgettet."),
        ("consequences", ""),
    ]


def test_save_case_brief_twice_changes_the_one_brief(agenda):
    services.save_case_brief(agenda[1], purpose="discussion", date=date(2026, 2, 20))
    services.save_case_brief(agenda[1], purpose="decision", date=date(2026, 2, 25), status="for_discussion")

    assert list(CaseBrief.objects.values_list("purpose", "status", "date")) == [
        ("decision", "for_discussion", date(2026, 2, 25))
    ]


SECTIONS_HTML = ("aim_html", "background_html", "analysis_html", "recommendation_html", "consequences_html")


def test_save_case_brief_stores_each_section_rendered_and_sanitised(agenda):
    services.save_case_brief(
        agenda[1],
        purpose="decision",
        date=date(2026, 2, 20),
        aim="Budget 2027 **godkendes**.<script>alert(1)</script>",
        analysis="Se [planen](javascript:alert(1)).",
        consequences="<img src=x onerror=alert(1)>Ingen.",
    )

    assert CaseBrief.objects.values(*SECTIONS_HTML).get() == {
        "aim_html": "<p>Budget 2027 <strong>godkendes</strong>.</p>\n",
        "background_html": "",
        "analysis_html": "<p>Se [planen](javascript:alert(1)).</p>\n",
        "recommendation_html": "",
        "consequences_html": '<p><img src="x">Ingen.</p>\n',
    }


def test_save_case_brief_again_renders_the_changed_sections(agenda):
    services.save_case_brief(agenda[1], purpose="decision", date=date(2026, 2, 20), aim="Et *mål*.")

    services.save_case_brief(
        agenda[1], purpose="decision", date=date(2026, 2, 20), aim="", background="En **baggrund**."
    )

    assert CaseBrief.objects.values(*SECTIONS_HTML).get() == {
        "aim_html": "",
        "background_html": "<p>En <strong>baggrund</strong>.</p>\n",
        "analysis_html": "",
        "recommendation_html": "",
        "consequences_html": "",
    }


# Outcomes


def test_record_outcome_keeps_the_decision_text(agenda):
    services.record_outcome(agenda[1], outcome="decision", text="  Budgettet godkendes.  ")

    item = AgendaItem.objects.get(pk=agenda[1].pk)
    assert (item.outcome, item.outcome_text) == ("decision", "Budgettet godkendes.")


def test_record_outcome_stores_the_text_rendered_and_sanitised(agenda):
    services.record_outcome(agenda[1], outcome="decision", text="Budgettet **godkendes**.<script>alert(1)</script>")

    assert AgendaItem.objects.get(pk=agenda[1].pk).outcome_html == "<p>Budgettet <strong>godkendes</strong>.</p>\n"


def test_record_outcome_again_renders_the_new_text(agenda):
    services.record_outcome(agenda[1], outcome="decision", text="Budgettet **godkendes**.")

    services.record_outcome(agenda[1], outcome="discussed", text="Budgettet *drøftes* igen.")

    assert AgendaItem.objects.get(pk=agenda[1].pk).outcome_html == "<p>Budgettet <em>drøftes</em> igen.</p>\n"


def test_record_outcome_refuses_a_decision_without_text(agenda):
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.record_outcome(agenda[1], outcome="decision", text="  ")

    assert raised.value.message_dict == {"outcome_text": ["Write the decision as it was made."]}
    assert (AgendaItem.objects.get(pk=agenda[1].pk).outcome, actions(before)) == ("", [])


def test_record_outcome_keeps_a_decision_with_follow_ups(march):
    item = decision(march, "Budget", "Budgettet godkendes.")
    services.add_follow_up(item, title="Send budgettet", due=date(2026, 4, 1), owner_person=march.participants.first())

    with pytest.raises(ValidationError) as raised:
        services.record_outcome(item, outcome="noted")

    assert list(raised.value.message_dict) == ["outcome"]
    assert AgendaItem.objects.get(pk=item.pk).outcome == "decision"


# Follow-ups


@pytest.fixture
def budget(march):
    return decision(march, "Budget", "Budgettet godkendes.")


def test_add_follow_up_for_a_person(budget, ane_and_bo):
    made = services.add_follow_up(budget, title="Send budgettet", due=date(2026, 4, 1), owner_person=ane_and_bo[0])

    assert (made.item, made.title, made.owner, made.due, made.status, made.closed_on) == (
        budget,
        "Send budgettet",
        ane_and_bo[0],
        date(2026, 4, 1),
        "open",
        None,
    )


def test_add_follow_up_for_a_role(budget, demo_dir):
    import_handbook([demo_dir])
    chief = RoleDescription.objects.get(slug="sekretariatschef")

    made = services.add_follow_up(budget, title="Ansæt", due=date(2026, 6, 1), owner_role=chief)

    assert (made.owner_person, made.owner_role, made.owner) == (None, chief, chief)


def test_add_follow_up_on_the_meeting_day_is_allowed(budget, ane_and_bo):
    made = services.add_follow_up(budget, title="Referat", due=date(2026, 3, 5), owner_person=ane_and_bo[0])

    assert made.due == date(2026, 3, 5)


def test_add_follow_up_refuses_a_due_date_before_the_meeting(budget, ane_and_bo):
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.add_follow_up(budget, title="Send budgettet", due=date(2026, 3, 4), owner_person=ane_and_bo[0])

    assert raised.value.message_dict == {"due": ["The due date cannot be before the meeting (March 5, 2026)."]}
    assert (FollowUp.objects.count(), actions(before)) == (0, [])


def test_add_follow_up_refuses_two_owners(budget, ane_and_bo, demo_dir):
    import_handbook([demo_dir])
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.add_follow_up(
            budget,
            title="Send budgettet",
            due=date(2026, 4, 1),
            owner_person=ane_and_bo[0],
            owner_role=RoleDescription.objects.get(slug="sekretariatschef"),
        )

    assert raised.value.message_dict == {"owner_person": ["Name the owner: either a person or a role."]}
    assert (FollowUp.objects.count(), actions(before)) == (0, [])


def test_add_follow_up_refuses_no_owner(budget):
    with pytest.raises(ValidationError) as raised:
        services.add_follow_up(budget, title="Send budgettet", due=date(2026, 4, 1))

    assert raised.value.message_dict == {"owner_person": ["Name the owner: either a person or a role."]}
    assert FollowUp.objects.count() == 0


def test_add_follow_up_refuses_an_item_that_is_no_decision(agenda, ane_and_bo):
    with pytest.raises(ValidationError) as raised:
        services.add_follow_up(agenda[0], title="Noget", due=date(2026, 4, 1), owner_person=ane_and_bo[0])

    assert raised.value.message_dict == {"item": ["Only a decision can have follow-ups. Record the decision first."]}
    assert FollowUp.objects.count() == 0


@pytest.fixture
def send_budget(budget, ane_and_bo):
    return services.add_follow_up(budget, title="Send budgettet", due=date(2026, 4, 1), owner_person=ane_and_bo[0])


def test_change_follow_up_to_done_closes_it_on_the_day_given(send_budget):
    services.change_follow_up(send_budget, status="done", on=date(2026, 3, 20))

    assert FollowUp.objects.filter(pk=send_budget.pk).values_list("status", "closed_on").get() == (
        "done",
        date(2026, 3, 20),
    )


def test_change_follow_up_back_to_in_progress_opens_it_again(send_budget):
    services.change_follow_up(send_budget, status="dropped", on=date(2026, 3, 20))
    services.change_follow_up(send_budget, status="in_progress")

    assert FollowUp.objects.filter(pk=send_budget.pk).values_list("status", "closed_on").get() == ("in_progress", None)


def test_change_follow_up_refuses_a_due_date_before_the_meeting(send_budget):
    with pytest.raises(ValidationError) as raised:
        services.change_follow_up(send_budget, due=date(2026, 1, 1))

    assert list(raised.value.message_dict) == ["due"]
    assert FollowUp.objects.get(pk=send_budget.pk).due == date(2026, 4, 1)


# Follow-ups carried onto the next meetings of the same body


@pytest.fixture
def three_meetings(bestyrelsen, ane_and_bo):
    """Three board meetings, and a steering group with follow-ups of its own.

    - 05.03.2026, decision "Budget": "Send budgettet" (due 01.04, closed
      20.04), "Opdater hjemmesiden" (due 01.05, closed 07.05, the day of the
      third meeting), "Ansæt" (due 01.09, open)
    - 09.04.2026, decision "Strategi": "Skriv strategien" (due 01.06, open)
    - 07.05.2026
    - Styregruppen 10.03.2026: "Vælg leverandør" (due 01.04, open); 15.04.2026
    """
    ane = ane_and_bo[0]
    first = meeting(bestyrelsen, "2026-03-05 16:00", participants=ane_and_bo)
    second = meeting(bestyrelsen, "2026-04-09 16:00", participants=ane_and_bo)
    third = meeting(bestyrelsen, "2026-05-07 16:00", participants=ane_and_bo)
    budget = decision(first, "Budget", "Budgettet godkendes.")
    send = services.add_follow_up(budget, title="Send budgettet", due=date(2026, 4, 1), owner_person=ane)
    website = services.add_follow_up(budget, title="Opdater hjemmesiden", due=date(2026, 5, 1), owner_person=ane)
    services.add_follow_up(budget, title="Ansæt", due=date(2026, 9, 1), owner_person=ane)
    strategy = decision(second, "Strategi", "Strategien skrives.")
    services.add_follow_up(strategy, title="Skriv strategien", due=date(2026, 6, 1), owner_person=ane)
    services.change_follow_up(send, status="done", on=date(2026, 4, 20))
    services.change_follow_up(website, status="done", on=date(2026, 5, 7))
    steering = board("Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP)
    supplier = decision(meeting(steering, "2026-03-10 10:00"), "Leverandør", "Der vælges en leverandør.")
    services.add_follow_up(supplier, title="Vælg leverandør", due=date(2026, 4, 1), owner_person=ane)
    return {"first": first, "second": second, "third": third, "steering": meeting(steering, "2026-04-15 10:00")}


def carried(meeting):
    return [follow_up.title for follow_up in carried_follow_ups(meeting, viewer=UNFILTERED)]


def test_carried_follow_ups_none_at_the_first_meeting(three_meetings):
    assert carried(three_meetings["first"]) == []


def test_carried_follow_ups_at_the_second_meeting_are_those_open_on_its_day(three_meetings):
    assert carried(three_meetings["second"]) == ["Send budgettet", "Opdater hjemmesiden", "Ansæt"]


def test_carried_follow_ups_at_the_third_meeting_leave_out_one_closed_before_it(three_meetings):
    assert carried(three_meetings["third"]) == ["Opdater hjemmesiden", "Skriv strategien", "Ansæt"]


def test_carried_follow_ups_never_cross_to_another_body(three_meetings):
    assert carried(three_meetings["steering"]) == ["Vælg leverandør"]


# Minutes


def test_write_minutes_makes_version_one_a_draft(march):
    minutes = services.write_minutes(march, text="# Referat")

    assert (minutes.version, minutes.status, minutes.text, minutes.sent, minutes.approved) == (
        1,
        "draft",
        "# Referat",
        None,
        None,
    )


def test_write_minutes_refuses_an_empty_text(march):
    with pytest.raises(ValidationError) as raised:
        services.write_minutes(march, text=" \n")

    assert raised.value.message_dict == {"text": ["The minutes are empty."]}
    assert Minutes.objects.count() == 0


def test_write_minutes_again_changes_the_draft(march):
    services.write_minutes(march, text="Udkast")
    services.write_minutes(march, text="Rettet udkast")

    assert list(Minutes.objects.values_list("version", "status", "text")) == [(1, "draft", "Rettet udkast")]


def test_send_minutes_marks_them_sent(march):
    minutes = services.send_minutes(services.write_minutes(march, text="Referat"))

    assert (Minutes.objects.get().status, minutes.sent is not None) == ("sent", True)


def test_send_minutes_mails_each_participant_with_an_address(march, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://os2org.example.org"
    ane = march.participants.get(name="Ane Holm")
    save_person(ane, email="ane@example.org")
    make_user("ane", BOARD, person=ane)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_minutes(services.write_minutes(march, text="Referat"))

    assert [(m.to, m.subject) for m in mailoutbox] == [(["ane@example.org"], "Referat til godkendelse: Bestyrelsen 5. marts 2026")]
    assert mailoutbox[0].body == (
        "Referatet af Bestyrelsen 5. marts 2026 (version 1) er klar til din godkendelse.\n\n"
        "Læs det, og godkend det eller skriv, hvad der skal ændres, på\n"
        f"https://os2org.example.org/moeder/{march.pk}/\n"
    )


def test_send_minutes_with_the_mail_server_down_still_sends_them(
    march, settings, caplog, django_capture_on_commit_callbacks
):
    ane = save_person(march.participants.get(name="Ane Holm"), email="ane@example.org")
    make_user("ane", BOARD, person=ane)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = closed.getsockname()
        with django_capture_on_commit_callbacks(execute=True):
            services.send_minutes(services.write_minutes(march, text="Referat"))

    assert Minutes.objects.get().status == "sent"
    assert [r.getMessage() for r in caplog.records] == [f"Could not mail the minutes of {march} to its participants"]


def test_send_minutes_refused_mails_nobody(march, mailoutbox, django_capture_on_commit_callbacks):
    minutes = services.send_minutes(services.write_minutes(march, text="Referat"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.send_minutes(minutes)

    assert mailoutbox == []


def test_send_minutes_refuses_minutes_already_sent(march):
    minutes = services.send_minutes(services.write_minutes(march, text="Referat"))

    with pytest.raises(ValidationError) as raised:
        services.send_minutes(minutes)

    assert raised.value.message_dict == {"status": ["Only a draft can be sent for approval."]}


def test_send_minutes_refuses_a_meeting_without_participants(bestyrelsen):
    alone = meeting(bestyrelsen, "2026-06-04 16:00")
    minutes = services.write_minutes(alone, text="Referat")

    with pytest.raises(ValidationError) as raised:
        services.send_minutes(minutes)

    assert list(raised.value.message_dict) == ["status"]
    assert Minutes.objects.get().status == "draft"


@pytest.fixture
def sent(march):
    return services.send_minutes(services.write_minutes(march, text="Referat, version 1"))


def test_answer_minutes_by_one_of_two_keeps_them_sent(sent, ane_and_bo):
    services.answer_minutes(sent, person=ane_and_bo[0], answer="approved")

    assert (Minutes.objects.get().status, Minutes.objects.get().approved) == ("sent", None)


def test_answer_minutes_approved_by_every_participant_locks_them(sent, ane_and_bo):
    for person in ane_and_bo:
        services.answer_minutes(sent, person=person, answer="approved")

    minutes = Minutes.objects.get()
    assert (minutes.status, minutes.is_locked, minutes.approved is not None) == ("approved", True, True)


def test_answer_minutes_asking_for_an_amendment_keeps_them_sent(sent, ane_and_bo):
    ane, bo = ane_and_bo
    services.answer_minutes(sent, person=ane, answer="approved")
    services.answer_minutes(sent, person=bo, answer="amend", comment="Punkt 2 mangler.")

    assert Minutes.objects.get().status == "sent"
    assert list(Approval.objects.values_list("person__name", "answer", "comment")) == [
        ("Ane Holm", "approved", ""),
        ("Bo Lund", "amend", "Punkt 2 mangler."),
    ]


def test_answer_minutes_again_replaces_the_first_answer(sent, ane_and_bo):
    services.answer_minutes(sent, person=ane_and_bo[0], answer="amend", comment="Punkt 2 mangler.")
    services.answer_minutes(sent, person=ane_and_bo[0], answer="approved")

    assert list(Approval.objects.values_list("person__name", "answer", "comment")) == [("Ane Holm", "approved", "")]


def test_answer_minutes_refuses_an_amendment_without_comment(sent, ane_and_bo):
    with pytest.raises(ValidationError) as raised:
        services.answer_minutes(sent, person=ane_and_bo[0], answer="amend", comment=" ")

    assert raised.value.message_dict == {"comment": ["Say what should be amended."]}
    assert Approval.objects.count() == 0


def test_answer_minutes_refuses_a_non_participant_and_changes_nothing(sent, ane_and_bo):
    services.answer_minutes(sent, person=ane_and_bo[0], answer="approved")
    (cecilie,) = people("Cecilie Dahl")
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.answer_minutes(sent, person=cecilie, answer="approved")

    assert raised.value.message_dict == {
        "person": ["Cecilie Dahl did not take part in the meeting and cannot approve its minutes."]
    }
    assert list(Approval.objects.values_list("person__name", flat=True)) == ["Ane Holm"]
    assert (Minutes.objects.get().status, actions(before)) == ("sent", [])


def test_answer_minutes_refuses_a_draft(march, ane_and_bo):
    draft = services.write_minutes(march, text="Referat")

    with pytest.raises(ValidationError) as raised:
        services.answer_minutes(draft, person=ane_and_bo[0], answer="approved")

    assert raised.value.message_dict == {"answer": ["These minutes are not waiting for approval."]}


@pytest.fixture
def approved(sent, ane_and_bo):
    for person in ane_and_bo:
        services.answer_minutes(sent, person=person, answer="approved")
    return Minutes.objects.get()


def test_write_minutes_refuses_a_form_opened_before_the_minutes_were_approved(march, sent, ane_and_bo):
    seen = revision(sent)
    for person in ane_and_bo:
        services.answer_minutes(Minutes.objects.get(), person=person, answer="approved")
    before = last_entry_id()

    with pytest.raises(ValidationError) as raised:
        services.write_minutes(march, text="Rettet", revision=seen)

    assert raised.value.message_dict == {NON_FIELD_ERRORS: [CONFLICT]}
    assert (Minutes.objects.count(), actions(before)) == (1, [])


def test_write_minutes_after_approval_makes_version_two_a_draft(march, approved):
    services.write_minutes(march, text="Referat, version 2")

    assert list(Minutes.objects.order_by("version").values_list("version", "status", "text")) == [
        (1, "approved", "Referat, version 1"),
        (2, "draft", "Referat, version 2"),
    ]


def test_write_minutes_after_approval_keeps_version_one_and_its_answers(march, approved):
    services.write_minutes(march, text="Referat, version 2")

    kept = Minutes.objects.get(version=1)
    assert (kept.text, kept.approved, kept.approvals.count()) == ("Referat, version 1", approved.approved, 2)


def test_current_minutes_is_the_newest_version(march, approved):
    services.write_minutes(march, text="Referat, version 2")

    assert services.current_minutes(march).version == 2


def test_write_minutes_on_sent_minutes_clears_the_answers(march, sent, ane_and_bo):
    services.answer_minutes(sent, person=ane_and_bo[0], answer="amend", comment="Punkt 2 mangler.")

    services.write_minutes(march, text="Referat med punkt 2")

    minutes = Minutes.objects.get()
    assert (minutes.version, minutes.status, minutes.text, minutes.approvals.count()) == (
        1,
        "sent",
        "Referat med punkt 2",
        0,
    )


def test_write_minutes_on_sent_minutes_records_the_cleared_answers(march, sent, ane_and_bo):
    services.answer_minutes(sent, person=ane_and_bo[0], answer="amend", comment="Punkt 2 mangler.")

    services.write_minutes(march, text="Referat med punkt 2")

    entry = Entry.objects.get(action="governance.minutes.amended")
    assert entry.data == {"answers": [{"person": ane_and_bo[0].pk, "answer": "amend", "comment": "Punkt 2 mangler."}]}


def test_minutes_from_draft_to_approval_write_one_audit_entry_each(march, ane_and_bo):
    before = last_entry_id()

    minutes = services.send_minutes(services.write_minutes(march, text="Referat"))
    for person in ane_and_bo:
        services.answer_minutes(minutes, person=person, answer="approved")

    assert actions(before) == [
        "governance.minutes",
        "governance.minutes.sent",
        "governance.minutes.answer",
        "governance.minutes.answer",
        "governance.minutes.approved",
    ]


# Minutes in parts, and answers bound to the text that was read


def test_write_minutes_keeps_a_part_per_item_rendered_once(march):
    item = decision(march, "Budget 2027", "Budgettet godkendes.")

    minutes = services.write_minutes(march, text="Alle var til stede.", parts={item: "Vedtaget *enstemmigt*.<script>x</script>"})

    (part,) = minutes.parts.all()
    assert (minutes.html, part.item, part.html) == (
        "<p>Alle var til stede.</p>\n",
        item,
        "<p>Vedtaget <em>enstemmigt</em>.</p>\n",
    )


def test_write_minutes_leaves_out_an_empty_part(march):
    item = services.add_agenda_item(march, title="Eventuelt")

    minutes = services.write_minutes(march, text="Referat", parts={item.pk: "  "})

    assert minutes.parts.count() == 0


def test_write_minutes_refuses_a_part_about_another_meetings_item(march, bestyrelsen):
    other = decision(meeting(bestyrelsen, "2026-04-02 16:00"), "Andet", "Vedtaget.")

    with pytest.raises(ValidationError) as raised:
        services.write_minutes(march, text="Referat", parts={other: "Vedtaget."})

    assert (list(raised.value.message_dict), Minutes.objects.count()) == (["parts"], 0)


def test_write_minutes_amended_records_the_parts_before_and_after(march):
    item = decision(march, "Budget 2027", "Budgettet godkendes.")
    minutes = services.write_minutes(march, text="Referat", parts={item: "Første udgave."})

    services.write_minutes(march, text="Referat", parts={item: "Anden udgave."}, revision=revision(minutes))

    changed = Entry.objects.filter(action="governance.minutes").order_by("-id").first().data
    assert (changed["before"]["parts"], changed["after"]["parts"]) == (
        {str(item.pk): "Første udgave."},
        {str(item.pk): "Anden udgave."},
    )


def test_answer_to_minutes_amended_since_they_were_read_is_refused(march, ane_and_bo):
    minutes = services.send_minutes(services.write_minutes(march, text="Referat"), notify=False)
    read = revision(minutes)
    services.write_minutes(march, text="Referat, rettet", revision=read)
    before = Entry.objects.count()

    with pytest.raises(services.MinutesChanged):
        services.answer_minutes(minutes, person=ane_and_bo[0], answer="approved", revision=read)

    assert (Approval.objects.count(), Entry.objects.count()) == (0, before)


def test_answer_to_minutes_as_read_is_saved(march, ane_and_bo):
    minutes = services.send_minutes(services.write_minutes(march, text="Referat"), notify=False)

    services.answer_minutes(minutes, person=ane_and_bo[0], answer="approved", revision=revision(minutes))

    assert list(Approval.objects.values_list("person__name", "answer")) == [("Ane Holm", "approved")]


def test_send_minutes_mails_only_participants_who_answer_themselves(
    march, ane_and_bo, mailoutbox, django_capture_on_commit_callbacks
):
    """Ane has a log-in that reads the internal meeting; Bo has a log-in that does not; Cecilie has none."""
    ane, bo = ane_and_bo
    cecilie = save_person(name="Cecilie Dahl", email="cecilie@example.org")
    internal = services.save_meeting(
        march, body=march.body, starts=march.starts, participants=[ane, bo, cecilie], visibility=Visibility.INTERNAL
    )
    save_person(ane, email="ane@example.org")
    save_person(bo, email="bo@example.org")
    make_user("ane", BOARD, person=ane)
    make_user("bo", MEMBER_CONTACT, person=bo)

    with django_capture_on_commit_callbacks(execute=True):
        services.send_minutes(services.write_minutes(internal, text="Referat"))

    assert [m.to for m in mailoutbox] == [["ane@example.org"]]


def test_change_follow_up_refuses_closing_it_before_its_meeting(march, ane_and_bo):
    item = decision(march, "Budget 2027", "Budgettet godkendes.")
    follow_up = services.add_follow_up(item, title="Send budgettet", due=date(2026, 4, 1), owner_person=ane_and_bo[0])

    with pytest.raises(ValidationError) as raised:
        services.change_follow_up(follow_up, status="done", on=date(1900, 1, 1))

    assert (list(raised.value.message_dict), FollowUp.objects.get().status) == (["on"], "open")
