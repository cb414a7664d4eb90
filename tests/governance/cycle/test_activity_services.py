from datetime import date, time

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.governance.cycle.services import feed_for, save_activity
from os2org.governance.models import Activity, Feed
from os2org.organisation.models import Body
from os2org.organisation.services import save_body, save_person
from tests.governance.cycle_data import make_activity, make_role

pytestmark = pytest.mark.django_db


def test_save_activity_creates_the_activity_with_an_audit_entry():
    activity = save_activity(
        title="Bestyrelsesmøde",
        kind="meeting",
        starts=date(2026, 10, 13),
        time=time(17, 0),
        duration=90,
        rule="FREQ=MONTHLY;BYDAY=2TU",
    )

    entry = Entry.objects.get()
    assert (entry.action, entry.summary, entry.object_type, entry.object_id) == (
        "governance.activity",
        "aktivitet i årshjulet: Bestyrelsesmøde",
        "governance.activity",
        str(activity.pk),
    )
    assert entry.data["before"] is None
    assert entry.data["after"]["rule"] == "FREQ=MONTHLY;BYDAY=2TU"


def test_save_activity_moves_the_first_date_onto_the_rule():
    activity = make_activity(starts=date(2026, 10, 1), rule="FREQ=MONTHLY;BYDAY=2TU")

    assert Activity.objects.get(pk=activity.pk).starts == date(2026, 10, 13)


def test_save_activity_stores_the_rule_without_prefix_in_capitals():
    activity = make_activity(starts=date(2026, 1, 30), rule="RRULE:freq=monthly;byday=-1fr")

    assert Activity.objects.get(pk=activity.pk).rule == "FREQ=MONTHLY;BYDAY=-1FR"


def test_save_activity_with_dates_starts_on_the_earliest_and_keeps_the_rest_sorted():
    activity = make_activity(starts=None, dates=["2026-11-30", "1.3.2026", "2026-06-01", "2026-06-01"])

    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.starts, stored.rule, stored.dates) == (date(2026, 3, 1), "", ["2026-06-01", "2026-11-30"])


def test_save_activity_with_an_earlier_listed_date_moves_the_first_date():
    activity = make_activity(starts=date(2026, 6, 1), dates=[date(2026, 2, 1)])

    assert (activity.starts, activity.dates) == (date(2026, 2, 1), ["2026-06-01"])


def test_save_activity_without_any_date_refuses():
    with pytest.raises(ValidationError) as error:
        make_activity(starts=None)

    assert error.value.message_dict == {"starts": ["Angiv den første dato."]}


def test_save_activity_with_a_rule_that_never_occurs_saves_nothing():
    with pytest.raises(ValidationError) as error:
        make_activity(starts=date(2026, 1, 1), rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")

    assert list(error.value.message_dict) == ["rule"]
    assert (Activity.objects.count(), Entry.objects.count()) == (0, 0)


def test_save_activity_with_a_bad_date_line_names_it_and_saves_nothing():
    with pytest.raises(ValidationError) as error:
        make_activity(starts=None, dates=["2026-03-01", "2026-13-01"])

    assert error.value.message_dict == {
        "dates": ["Linje 2, “2026-13-01”, er ikke en dato. Skriv én dato pr. linje, som 2026-03-15 eller 15.3.2026."]
    }
    assert (Activity.objects.count(), Entry.objects.count()) == (0, 0)


def test_save_activity_changes_an_activity_and_records_before_and_after():
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    activity = make_activity(starts=date(2026, 3, 15), rule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15")

    save_activity(activity, title="Budget", kind="decision_process", body=board, starts=date(2026, 9, 1))

    stored = Activity.objects.get()
    assert (stored.title, stored.kind, stored.body, stored.rule, stored.starts) == (
        "Budget",
        "decision_process",
        board,
        "",
        date(2026, 9, 1),
    )
    entry = Entry.objects.filter(action="governance.activity").first()
    assert (entry.data["before"]["title"], entry.data["after"]["title"]) == ("Bestyrelsesmøde", "Budget")


def test_save_activity_refused_change_leaves_the_activity_as_it_was():
    activity = make_activity(starts=date(2026, 3, 15), rule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15")
    entries = Entry.objects.count()

    with pytest.raises(ValidationError):
        save_activity(activity, title="Ændret", kind="meeting", starts=date(2026, 3, 15), rule="FREQ=SOMETIMES")

    stored = Activity.objects.get()
    assert (stored.title, stored.rule, Entry.objects.count()) == (
        "Bestyrelsesmøde",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15",
        entries,
    )


def test_save_activity_stores_its_description_rendered_and_sanitised():
    activity = make_activity(description="Husk **budgettet**.<script>alert(1)</script>")

    assert Activity.objects.get(pk=activity.pk).description_html == "<p>Husk <strong>budgettet</strong>.</p>\n"


def test_save_activity_renders_the_changed_description():
    activity = make_activity(description="Husk **budgettet**.")

    save_activity(activity, title="Frist", kind="deadline", starts=date(2026, 1, 1), description="Husk *regnskabet*.")

    assert Activity.objects.get(pk=activity.pk).description_html == "<p>Husk <em>regnskabet</em>.</p>\n"


def test_save_activity_without_a_visibility_is_for_members():
    activity = save_activity(title="Frist", kind="deadline", starts=date(2026, 3, 15))

    assert activity.visibility == "members"


def test_save_activity_without_a_visibility_keeps_the_one_it_has():
    activity = make_activity(visibility="internal")

    save_activity(activity, title="Ny titel", kind="meeting", starts=date(2026, 1, 1))

    assert Activity.objects.get().visibility == "internal"


def test_save_activity_refuses_an_out_of_date_revision_and_changes_nothing():
    activity = make_activity()
    seen = revision(activity)
    save_activity(activity, title="Først", kind="meeting", starts=date(2026, 1, 1))
    entries = Entry.objects.count()

    with translation.override("en"), pytest.raises(ValidationError) as error:
        save_activity(Activity.objects.get(), title="Anden", kind="meeting", starts=date(2026, 1, 1), revision=seen)

    assert error.value.message_dict == {
        NON_FIELD_ERRORS: [
            "Someone else saved this while you were editing it. Nothing of yours was saved: "
            "open the page again to see their change, then make yours."
        ]
    }
    assert (Activity.objects.get().title, Entry.objects.count()) == ("Først", entries)


def test_save_activity_refuses_an_empty_title_on_its_field():
    with pytest.raises(ValidationError) as error:
        make_activity(title="")

    assert list(error.value.message_dict) == ["title"]


def test_feed_for_the_organisation_is_made_once():
    first = feed_for()
    again = feed_for()

    assert (again.pk, again.token, again.scope) == (first.pk, first.token, "organisation")
    assert Entry.objects.filter(action="governance.feed").count() == 1


def test_feed_for_each_kind_of_subject_has_its_scope():
    body = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    role = make_role("Programleder")
    person = save_person(name="Ane Holm")

    feeds = [feed_for(body), feed_for(role), feed_for(person)]

    assert [(feed.scope, feed.subject) for feed in feeds] == [("body", body), ("role", role), ("person", person)]


def test_feed_for_keeps_its_token_out_of_the_audit_log():
    feed = feed_for()

    entry = Entry.objects.get(action="governance.feed")
    assert (entry.summary, feed.token in str(entry.data)) == ("kalenderabonnement: hele organisationen", False)


def test_feed_tokens_are_long_and_different():
    body = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)

    tokens = [feed_for().token, feed_for(body).token]

    assert (len(set(tokens)), min(len(token) for token in tokens) >= 40) == (2, True)


def test_feed_for_something_else_is_a_programming_error():
    with pytest.raises(TypeError):
        feed_for("Bestyrelsen")

    assert Feed.objects.count() == 0
