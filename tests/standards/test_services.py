from datetime import date

import pytest
from django.core.exceptions import ValidationError

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.standards.models import Answer, Checklist, ChecklistPoint, Deviation
from os2org.standards.services import (
    PointRow,
    change_deviation,
    close_deviation,
    complete_review,
    save_checklist,
)
from tests.standards.builders import answer

pytestmark = pytest.mark.django_db


def deviation_rows():
    return list(
        Deviation.objects.order_by("pk").values_list("title", "owner_person__name", "owner_role__name", "due", "status")
    )


def test_checklist_keeps_its_points_in_order_with_guidance_rendered(world):
    points = list(world.checklist.points.values_list("position", "title", "guidance_html"))
    assert points == [
        (1, "Licens", "<p>Koden har en <strong>åben</strong> licens.</p>\n"),
        (2, "Adfærdskodeks", "<p>Fællesskabet har et adfærdskodeks.</p>\n"),
        (3, "Tilgængelighedserklæring", ""),
    ]


def test_checklist_guidance_cannot_carry_a_script(world):
    save_checklist(world.checklist, name="Standarder", points=[PointRow("Sikkerhed", "<script>alert(1)</script>ok")])
    assert ChecklistPoint.objects.get(title="Sikkerhed").guidance_html == "ok"


def test_checklist_with_a_point_without_title_names_the_point_and_changes_nothing(world):
    with pytest.raises(ValidationError) as error:
        save_checklist(world.checklist, name="Nyt navn", points=[PointRow("Licens"), PointRow("  ", "Hvad?")])
    assert error.value.message_dict == {"points": ["Point 2 has no title: give it one."]}
    assert (Checklist.objects.get().name, world.checklist.points.count()) == ("Styringsmodellens standarder", 3)


def test_checklist_without_points_is_refused(db):
    with pytest.raises(ValidationError) as error:
        save_checklist(name="Tom", points=[])
    assert (error.value.message_dict, Checklist.objects.count()) == (
        {"points": ["A checklist needs at least one point."]},
        0,
    )


def test_checklist_refuses_a_stale_revision(world):
    seen = revision(world.checklist)
    save_checklist(world.checklist, name="Først", points=[PointRow("Licens")])
    with pytest.raises(ValidationError):
        save_checklist(world.checklist, name="Sidst", points=[PointRow("Licens")], revision=seen)
    assert Checklist.objects.get().name == "Først"


def test_review_starts_with_every_point_unanswered(world):
    answers = list(world.review.answers.values_list("position", "title", "result"))
    assert answers == [(1, "Licens", ""), (2, "Adfærdskodeks", ""), (3, "Tilgængelighedserklæring", "")]


def test_review_keeps_the_point_titles_it_answered_when_the_checklist_changes(world):
    save_checklist(world.checklist, name="Standarder", points=[PointRow("Ny licensregel")])
    assert list(world.review.answers.values_list("title", flat=True)) == [
        "Licens",
        "Adfærdskodeks",
        "Tilgængelighedserklæring",
    ]


def test_answering_renders_the_comment_safely(world):
    answer(world.review, "not_met", comments=["Mangler <img src=x onerror=alert(1)> **LICENSE**"])
    assert Answer.objects.get(position=1).comment_html == '<p>Mangler <img src="x"> <strong>LICENSE</strong></p>\n'


def test_completing_makes_each_point_not_met_a_deviation_owned_by_the_role(world):
    answer(world.review, "not_met", "met", "not_met")
    complete_review(world.review, owner_role=world.role)
    assert deviation_rows() == [
        ("Licens", None, "Produktkoordinator", date(2027, 3, 3), "open"),
        ("Tilgængelighedserklæring", None, "Produktkoordinator", date(2027, 3, 3), "open"),
    ]


def test_completing_with_a_due_day_and_a_person_uses_them(world):
    answer(world.review, "met", "not_met", "not_applicable")
    complete_review(world.review, owner_person=world.coordinator, due=date(2027, 1, 15))
    assert deviation_rows() == [("Adfærdskodeks", "Karl Koordinator", None, date(2027, 1, 15), "open")]


def test_completing_counts_the_due_day_from_the_setting(world, settings):
    settings.REVIEW_DEVIATION_DAYS = 14
    answer(world.review, "not_met", "met", "met")
    complete_review(world.review, owner_role=world.role)
    assert Deviation.objects.get().due == date(2026, 12, 17)


def test_completing_marks_the_review_completed_today(world):
    answer(world.review, "met", "met", "met")
    complete_review(world.review, owner_role=world.role)
    world.review.refresh_from_db()
    assert (world.review.status, world.review.completed_on, Deviation.objects.count()) == (
        "completed",
        date(2026, 12, 3),
        0,
    )


def test_completing_with_an_unanswered_point_names_it_and_changes_nothing(world):
    answer(world.review, "not_met", "", "met")
    with pytest.raises(ValidationError) as error:
        complete_review(world.review, owner_role=world.role)
    assert error.value.message_dict == {
        "__all__": ["Answer every point before completing the review. Not answered: Adfærdskodeks."]
    }
    world.review.refresh_from_db()
    assert (world.review.status, Deviation.objects.count()) == ("draft", 0)


def test_completing_without_an_owner_names_the_owner_field(world):
    answer(world.review, "not_met", "met", "met")
    with pytest.raises(ValidationError) as error:
        complete_review(world.review)
    assert (error.value.message_dict, Deviation.objects.count()) == (
        {"owner_person": ["Choose who owns the deviations: a person or a role."]},
        0,
    )


def test_completing_refuses_a_stale_revision(world):
    seen = revision(world.review)
    answer(world.review, "not_met", "met", "met")
    with pytest.raises(ValidationError):
        complete_review(world.review, owner_role=world.role, revision=seen)
    assert Deviation.objects.count() == 0


def test_completing_audits_the_review_and_each_deviation(world):
    answer(world.review, "not_met", "not_met", "met")
    complete_review(world.review, owner_role=world.role)
    actions = list(
        Entry.objects.filter(action__startswith="standards.").order_by("pk").values_list("action", "summary")
    )
    assert actions[-3:] == [
        ("standards.review", "Bookingsystem 2026-11-20"),
        ("standards.deviation", "Licens"),
        ("standards.deviation", "Adfærdskodeks"),
    ]


def test_a_completed_review_refuses_new_answers(world):
    answer(world.review, "met", "met", "met")
    complete_review(world.review, owner_role=world.role)
    with pytest.raises(ValidationError) as error:
        answer(world.review, "not_met", "met", "met")
    assert error.value.message_dict == {"__all__": ["The review is completed: its answers can no longer change."]}


def test_closing_a_deviation_records_the_day_and_note(world):
    answer(world.review, "not_met", "met", "met")
    (deviation,) = complete_review(world.review, owner_role=world.role)
    close_deviation(deviation, closed_on=date(2026, 12, 10), note="Licensfil *tilføjet*")
    deviation.refresh_from_db()
    assert (deviation.status, deviation.closed_on, deviation.note_html) == (
        "done",
        date(2026, 12, 10),
        "<p>Licensfil <em>tilføjet</em></p>\n",
    )
    assert Entry.objects.filter(action="standards.deviation.close").count() == 1


def test_closing_a_closed_deviation_is_refused(world):
    answer(world.review, "not_met", "met", "met")
    (deviation,) = complete_review(world.review, owner_role=world.role)
    close_deviation(deviation, closed_on=date(2026, 12, 10))
    with pytest.raises(ValidationError) as error:
        close_deviation(deviation, closed_on=date(2026, 12, 11))
    assert error.value.message_dict == {"__all__": ["The deviation is closed already."]}


def test_changing_a_deviation_to_two_owners_names_the_field_and_changes_nothing(world):
    answer(world.review, "not_met", "met", "met")
    (deviation,) = complete_review(world.review, owner_role=world.role)
    with pytest.raises(ValidationError) as error:
        change_deviation(deviation, owner_person=world.coordinator, owner_role=world.role, due=date(2027, 1, 1))
    deviation.refresh_from_db()
    assert (error.value.message_dict, deviation.owner_role, deviation.due) == (
        {"owner_role": ["Choose a person or a role as the owner: one of them."]},
        world.role,
        date(2027, 3, 3),
    )


def test_changing_a_deviation_gives_it_a_new_owner_and_day(world):
    answer(world.review, "not_met", "met", "met")
    (deviation,) = complete_review(world.review, owner_role=world.role)
    change_deviation(deviation, owner_person=world.coordinator, due=date(2027, 2, 1), revision=revision(deviation))
    assert deviation_rows() == [("Licens", "Karl Koordinator", None, date(2027, 2, 1), "open")]
