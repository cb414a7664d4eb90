from datetime import date

import pytest

from os2org.access.groups import SECRETARIAT
from os2org.audit.selectors import revision
from os2org.standards.models import Answer, Checklist, ChecklistPoint, Deviation, ProductReview
from os2org.standards.services import complete_review, start_review
from tests.accounts import make_user
from tests.dom import attribute, element, elements, parse, text, texts
from tests.standards.builders import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def answers_post(review, results, comments=None, seen=None):
    fields = {"revision": str(revision(review) if seen is None else seen)}
    for index, found in enumerate(review.answers.order_by("position")):
        fields[f"result_{found.pk}"] = results[index]
        fields[f"comment_{found.pk}"] = (comments or {}).get(index, "")
    return fields


def test_new_review_leads_to_its_answer_form(client, world, secretariat):
    response = client.post(
        "/en/standarder/produkter/bookingsystem/ny/",
        {"checklist": world.checklist.pk, "held_on": "2026-12-01", "reviewer": world.reviewer.pk},
    )
    made = ProductReview.objects.latest("pk")
    assert (response.status_code, response["Location"], made.answers.count()) == (
        302,
        f"/en/standarder/{made.pk}/svar/",
        3,
    )


def test_answer_form_saves_each_point(client, world, secretariat):
    fields = answers_post(world.review, ["met", "not_met", "not_applicable"], {1: "Ingen CODE_OF_CONDUCT.md"})
    response = client.post(f"/en/standarder/{world.review.pk}/svar/", fields)
    assert response.status_code == 302
    assert list(Answer.objects.order_by("position").values_list("result", "comment")) == [
        ("met", ""),
        ("not_met", "Ingen CODE_OF_CONDUCT.md"),
        ("not_applicable", ""),
    ]


def test_answer_form_refuses_a_stale_revision_and_changes_nothing(client, world, secretariat):
    seen = revision(world.review)
    answer(world.review, "met", "met", "met")
    fields = answers_post(world.review, ["not_met", "not_met", "not_met"], seen=seen)
    response = client.post(f"/en/standarder/{world.review.pk}/svar/", fields)
    assert (response.status_code, list(Answer.objects.values_list("result", flat=True))) == (200, ["met", "met", "met"])
    assert "Someone else saved this while you were editing it." in text(element(parse(response), "div", role="alert"))


def test_complete_form_makes_the_deviations(client, world, secretariat):
    answer(world.review, "not_met", "met", "not_met")
    fields = {"owner_role": world.role.pk, "due": "2027-02-01", "revision": revision(world.review)}
    response = client.post(f"/en/standarder/{world.review.pk}/afslut/", fields)
    assert response.status_code == 302
    assert list(Deviation.objects.values_list("title", "owner_role__name", "due")) == [
        ("Licens", "Produktkoordinator", date(2027, 2, 1)),
        ("Tilgængelighedserklæring", "Produktkoordinator", date(2027, 2, 1)),
    ]


def test_complete_form_offers_the_default_due_day(client, world, secretariat):
    response = client.get(f"/en/standarder/{world.review.pk}/afslut/")
    assert attribute(element(parse(response), "input", id="id_due"), "value") == "2027-03-03"


def test_complete_form_with_an_owner_that_does_not_exist_names_the_field_and_changes_nothing(
    client, world, secretariat
):
    answer(world.review, "not_met", "met", "met")
    fields = {"owner_person": "999999", "due": "2027-02-01", "revision": revision(world.review)}
    response = client.post(f"/en/standarder/{world.review.pk}/afslut/", fields)
    error = text(element(parse(response), "div", id="field-owner_person"))
    assert "Choose one of the people listed." in error
    world.review.refresh_from_db()
    assert (world.review.status, Deviation.objects.count()) == ("draft", 0)


def test_checklist_form_with_a_point_without_title_names_it_and_changes_nothing(client, world, secretariat):
    fields = {
        "name": "Nyt navn",
        "revision": revision(world.checklist),
        "points-TOTAL_FORMS": "2",
        "points-INITIAL_FORMS": "0",
        "points-0-title": "Licens",
        "points-0-guidance": "",
        "points-1-title": "",
        "points-1-guidance": "Uden titel",
    }
    response = client.post(f"/en/standarder/tjeklister/{world.checklist.pk}/rediger/", fields)
    page = parse(response)
    assert "A point needs a title." in text(element(page, "div", id="field-points-1-title"))
    assert "Point 2: Title: A point needs a title." in text(element(page, "div", role="alert"))
    assert (Checklist.objects.get().name, ChecklistPoint.objects.count()) == ("Styringsmodellens standarder", 3)


def test_checklist_form_saves_the_points_in_order_and_drops_empty_rows(client, world, secretariat):
    fields = {
        "name": "Standarder 2027",
        "revision": revision(world.checklist),
        "points-TOTAL_FORMS": "3",
        "points-INITIAL_FORMS": "0",
        "points-0-title": "Sikkerhed",
        "points-0-guidance": "Der er en *sikkerhedspolitik*.",
        "points-1-title": "",
        "points-1-guidance": "",
        "points-2-title": "Dokumentation",
        "points-2-guidance": "",
    }
    response = client.post(f"/en/standarder/tjeklister/{world.checklist.pk}/rediger/", fields)
    assert response.status_code == 302
    assert list(ChecklistPoint.objects.values_list("position", "title")) == [(1, "Sikkerhed"), (2, "Dokumentation")]


def test_review_page_lists_each_point_and_its_deviation(client, world, secretariat):
    answer(world.review, "not_met", "met", "not_applicable")
    complete_review(world.review, owner_role=world.role)
    rows = elements(element(parse(client.get(f"/en/standarder/{world.review.pk}/")), "tbody"), "tr")
    assert [texts(elements(row, "td"))[0] for row in rows] == ["Not met", "Met", "Not applicable"]
    assert texts(elements(rows[0], "td"))[2].startswith("Due March 3, 2027")


def test_review_of_a_product_the_reader_may_not_read_is_not_found(client, world):
    hidden = start_review(
        product=world.hidden, checklist=world.checklist, held_on=date(2026, 11, 1), reviewer=world.reviewer
    )
    assert client.get(f"/en/standarder/{hidden.pk}/").status_code == 404


def test_product_page_shows_the_open_deviations_and_the_trend(client, world, secretariat):
    answer(world.review, "not_met", "met", "met")
    complete_review(world.review, owner_role=world.role)
    page = parse(client.get("/en/standarder/produkter/bookingsystem/"))
    tables = elements(page, "table")
    assert texts(elements(tables[0], "th", scope="row")) == ["Licens"]
    history = tables[1]
    assert texts(elements(element(history, "tbody"), "td")) == ["2", "3", "67 %"]
    assert element(page, "svg", role="img") is not None


def test_deviation_list_filters_the_overdue(client, world, secretariat, monkeypatch):
    answer(world.review, "not_met", "not_met", "met")
    first, second = complete_review(world.review, owner_role=world.role)
    second.due = date(2026, 12, 1)
    second.save()
    page = parse(client.get("/en/standarder/afvigelser/?forsinket=on"))
    assert texts(elements(element(page, "tbody"), "th", scope="row")) == ["Adfærdskodeks"]


def test_closing_a_deviation_from_its_page(client, world, secretariat):
    answer(world.review, "not_met", "met", "met")
    (deviation,) = complete_review(world.review, owner_role=world.role)
    fields = {"closed_on": "2026-12-02", "note": "Tilføjet", "revision": revision(deviation)}
    response = client.post(f"/en/standarder/afvigelser/{deviation.pk}/luk/", fields)
    deviation.refresh_from_db()
    assert (response.status_code, deviation.status, deviation.closed_on) == (302, "done", date(2026, 12, 2))


def test_api_lists_the_deviations_the_reader_may_read(client, world):
    answer(world.review, "not_met", "met", "met")
    (deviation,) = complete_review(world.review, owner_role=world.role)
    hidden = start_review(
        product=world.hidden, checklist=world.checklist, held_on=date(2026, 11, 1), reviewer=world.reviewer
    )
    answer(hidden, "not_met", "met", "met")
    complete_review(hidden, owner_role=world.role)
    found = client.get("/api/deviations/").json()["results"]
    assert found == [
        {
            "id": deviation.pk,
            "product": "bookingsystem",
            "review": world.review.pk,
            "title": "Licens",
            "owner_person": None,
            "owner_role": world.role.pk,
            "due": "2027-03-03",
            "status": "open",
            "closed_on": None,
            "note": "",
        }
    ]


def test_api_gives_a_review_with_its_answers(client, world):
    answer(world.review, "met", "not_applicable", "met", comments=["Fin"])
    found = client.get(f"/api/product-reviews/{world.review.pk}/").json()
    assert (found["product"], found["status"], found["answers"][0]) == (
        "bookingsystem",
        "draft",
        {"position": 1, "title": "Licens", "result": "met", "comment": "Fin", "comment_html": "<p>Fin</p>\n"},
    )
