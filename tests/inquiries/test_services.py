from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.inquiries.models import Inquiry, Note, Reply
from os2org.inquiries.services import (
    add_note,
    add_reply,
    purge_inquiries,
    receive_inquiry,
    reroute,
    set_status,
)
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db

# Friday 8 May 2026, 10:00 in Copenhagen.
FRIDAY = datetime(2026, 5, 8, 8, 0, tzinfo=UTC)


def receive(topic, **fields):
    fields = {
        "channel": "form",
        "sender_name": "Jens Olsen",
        "sender_email": "jens@egeby.dk",
        "subject": "Nyhedsbrev",
        "text": "Kan vi komme med i **næste** nummer?",
        "received": FRIDAY,
        **fields,
    }
    return receive_inquiry(topic=topic, **fields)


def test_receive_routes_to_the_holder_and_counts_the_due_date_over_the_weekend():
    world = secretariat_world()
    inquiry = receive(world["press"])
    assert (inquiry.role, inquiry.assignee, inquiry.by_fallback, inquiry.due, inquiry.status) == (
        world["communications"],
        world["sofie"],
        False,
        date(2026, 5, 12),
        "new",
    )


def test_receive_with_a_vacant_role_records_the_fallback():
    world = secretariat_world(communications_held=False)
    inquiry = receive(world["press"])
    assert (inquiry.role, inquiry.assignee, inquiry.by_fallback) == (world["chief"], world["mette"], True)


def test_receive_accepts_a_topic_by_its_address():
    world = secretariat_world()
    assert receive("presse-og-nyhedsbrev").topic == world["press"]


def test_receive_with_an_unknown_topic_names_it_and_stores_nothing():
    secretariat_world()
    with pytest.raises(ValidationError) as raised:
        receive("vejret")
    assert (raised.value.message_dict, Inquiry.objects.count()) == (
        {"topic": ["There is no topic “vejret”. Known topics: generelt, presse-og-nyhedsbrev."]},
        0,
    )


def test_receive_renders_the_text_sanitised():
    world = secretariat_world()
    inquiry = receive(world["press"], text="Hej <script>alert(1)</script> **du**")
    assert inquiry.text_html == "<p>Hej  <strong>du</strong></p>\n"


def test_receive_writes_an_audit_entry_without_personal_data():
    world = secretariat_world()
    inquiry = receive(world["press"])
    entry = Entry.objects.get(action="inquiries.received")
    assert (entry.summary, entry.object_name, "jens" in str(entry.data).lower()) == (
        f"inquiry no. {inquiry.pk} received",
        f"inquiry no. {inquiry.pk}",
        False,
    )


def test_receive_refuses_the_same_message_twice():
    world = secretariat_world()
    receive(world["press"], message_id="<a1@egeby.dk>")
    with pytest.raises(ValidationError) as raised:
        receive(world["press"], message_id="<a1@egeby.dk>")
    assert (list(raised.value.message_dict), Inquiry.objects.count()) == (["message_id"], 1)


def test_closed_on_without_the_closed_status_is_refused_by_the_database():
    world = secretariat_world()
    inquiry = receive(world["press"])
    with pytest.raises(IntegrityError):
        Inquiry.objects.filter(pk=inquiry.pk).update(closed_on=date(2026, 5, 7))


def test_closing_sets_the_day_and_reopening_clears_it():
    world = secretariat_world()
    inquiry = set_status(receive(world["press"]), status="closed")
    closed_on = inquiry.closed_on
    inquiry = set_status(inquiry, status="in_progress")
    assert (closed_on, inquiry.closed_on) == (date(2026, 5, 7), None)


def test_set_status_refuses_a_stale_revision_and_changes_nothing():
    world = secretariat_world()
    inquiry = receive(world["press"])
    seen = revision(inquiry)
    add_note(inquiry, text="Ringet op.")
    with pytest.raises(ValidationError):
        set_status(inquiry, status="closed", revision=seen)
    inquiry.refresh_from_db()
    assert inquiry.status == "new"


def test_reroute_to_another_topic_routes_afresh_and_moves_the_due_date():
    world = secretariat_world()
    inquiry = reroute(receive(world["press"]), topic=world["general"])
    assert (inquiry.role, inquiry.assignee, inquiry.due) == (world["chief"], world["mette"], date(2026, 5, 15))


def test_reroute_to_a_person_by_hand():
    world = secretariat_world()
    inquiry = reroute(receive(world["press"]), topic=world["press"], person=world["mette"])
    assert (inquiry.role, inquiry.assignee, inquiry.by_fallback) == (world["communications"], world["mette"], False)


def test_a_reply_is_logged_to_the_sender_and_puts_a_new_inquiry_in_progress():
    world = secretariat_world()
    inquiry = receive(world["press"])
    add_reply(inquiry, text="Ja, det kan I.")
    reply = Reply.objects.get()
    inquiry.refresh_from_db()
    assert (reply.sent_to, reply.html, inquiry.status) == ("jens@egeby.dk", "<p>Ja, det kan I.</p>\n", "in_progress")


def test_an_empty_note_is_refused():
    world = secretariat_world()
    with pytest.raises(ValidationError):
        add_note(receive(world["press"]), text="")
    assert Note.objects.count() == 0


def closed(world, on):
    return set_status(receive(world["press"]), status="closed", on=on)


def test_purge_deletes_closed_inquiries_past_the_retention(settings):
    settings.INQUIRY_RETENTION_DAYS = 30
    world = secretariat_world()
    old, recent, still_open = closed(world, date(2026, 4, 6)), closed(world, date(2026, 4, 7)), receive(world["press"])
    add_note(old, text="Afsluttet.")
    assert (purge_inquiries(), sorted(Inquiry.objects.values_list("pk", flat=True)), Note.objects.count()) == (
        [old.pk],
        [recent.pk, still_open.pk],
        0,
    )


def test_purge_writes_one_audit_entry_per_inquiry_naming_only_its_number(settings):
    settings.INQUIRY_RETENTION_DAYS = 30
    world = secretariat_world()
    old = closed(world, date(2026, 1, 2))
    purge_inquiries()
    entry = Entry.objects.get(action="inquiries.deleted")
    assert (entry.summary, entry.data) == (
        f"inquiry no. {old.pk} deleted after the retention period",
        {"number": old.pk},
    )


def test_purge_dry_run_names_them_and_deletes_nothing(settings):
    settings.INQUIRY_RETENTION_DAYS = 30
    world = secretariat_world()
    old = closed(world, date(2026, 1, 2))
    assert (
        purge_inquiries(dry_run=True),
        Inquiry.objects.count(),
        Entry.objects.filter(action="inquiries.deleted").count(),
    ) == (
        [old.pk],
        1,
        0,
    )
