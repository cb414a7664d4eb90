from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import BOARD, COORDINATOR, SECRETARIAT
from os2org.audit.selectors import revision
from os2org.portfolio.models import PortfolioItem, Profile, StatusReport
from os2org.portfolio.services import open_gate, refresh_board_pack, save_gate_template
from tests.accounts import make_user
from tests.dom import attribute, element, elements, parse, text, texts
from tests.portfolio.builders import board_decision, board_meeting, community, coordinator_of, milestone, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking():
    return community("Booking")


@pytest.fixture
def coordinator(client, booking):
    person = coordinator_of(booking)
    client.force_login(make_user("koordinator", COORDINATOR, person=person))
    return person


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def _report_fields(**fields):
    return {"period_starts": "2026-01-01", "summary": "", "risks": "", "hours_used": "100", "hours_bought": "130", **fields}


def test_coordinator_files_a_report_and_is_sent_to_it(client, booking, coordinator):
    release = milestone(booking, "Release 2.0")
    response = client.post(
        "/en/portefoelje/booking/rapport/",
        _report_fields(**{f"status_{release.pk}": "in_progress", f"comment_{release.pk}": "Test begun"}),
    )
    filed = StatusReport.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/en/portefoelje/rapporter/{filed.pk}/")
    assert (filed.author, list(filed.progress.values_list("status", "comment"))) == (
        coordinator,
        [("in_progress", "Test begun")],
    )


def test_report_form_offers_the_last_ended_quarter(client, booking, coordinator):
    page = parse(client.get("/en/portefoelje/booking/rapport/"))
    assert attribute(element(page, "input", id="id_period_starts"), "value") == "2026-01-01"


def test_report_form_names_the_field_of_bad_hours_and_files_nothing(client, booking, coordinator):
    response = client.post("/en/portefoelje/booking/rapport/", _report_fields(hours_used="many"))
    assert "Enter a number." in text(element(parse(response), "div", id="field-hours_used"))
    assert StatusReport.objects.count() == 0


def test_report_form_refuses_a_stale_revision(client, booking, coordinator):
    filed = report(booking)
    seen = revision(filed)
    report_again = dict(_report_fields(hours_used="90"), revision=str(seen))
    client.post(f"/en/portefoelje/rapporter/{filed.pk}/rediger/", report_again)
    response = client.post(f"/en/portefoelje/rapporter/{filed.pk}/rediger/", dict(report_again, hours_used="1"))
    assert "Someone else saved this while you were editing it." in response.content.decode()
    assert StatusReport.objects.get().hours_used == 90


def test_report_page_shows_risks_rendered(client, booking, coordinator):
    filed = report(booking, risks="Supplier **late**")
    page = parse(client.get(f"/en/portefoelje/rapporter/{filed.pk}/"))
    assert "Supplier late" in text(element(page, "main"))


def test_community_page_marks_a_late_milestone_in_words(client, booking):
    milestone(booking, "Late one", due=date(2026, 5, 1))
    page = parse(client.get("/en/portefoelje/booking/"))
    rows = elements(element(page, "table"), "tr")
    assert texts(elements(rows[1], "td"))[1] == "Planned – late"


def test_community_page_hides_reports_from_the_public(client, booking):
    report(booking)
    assert "Status reports" not in client.get("/en/portefoelje/booking/").content.decode()


def test_overview_filters_by_stage(client, booking):
    community("Idé", stage="idea")
    page = parse(client.get("/en/portefoelje/?fase=idea"))
    assert texts(elements(element(page, "tbody"), "th")) == ["Idé"]


def test_overview_lists_missing_reports_for_the_board(client, booking):
    client.force_login(make_user("bestyrelse", BOARD))
    page = parse(client.get("/en/portefoelje/"))
    assert texts(elements(element(page, "ul", **{"aria-labelledby": "missing"}), "li")) == [
        "Booking : 01/01/2026 – 03/31/2026"
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_overview_costs_the_same_queries_for_more_communities(client, count, secretariat):
    for number in range(count):
        milestone(community(f"Fællesskab {number}"), due=date(2026, 6, 1))
    client.get("/en/portefoelje/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/portefoelje/")
    assert len(queries) == OVERVIEW_QUERIES


OVERVIEW_QUERIES = 8


def test_board_pack_shows_the_filed_report(client, booking, secretariat):
    board_meeting()
    report(booking, risks="Supplier late")
    refresh_board_pack()
    page = parse(client.get("/en/portefoelje/bestyrelsespakke/"))
    section = element(page, "section", **{"aria-labelledby": "pack-portfolio"})
    assert texts(elements(section, "h3")) == ["Booking"]


def test_board_pack_update_puts_the_portfolio_status_on_the_agenda(client, booking, secretariat):
    board_meeting()
    client.post("/en/portefoelje/bestyrelsespakke/")
    page = parse(client.get("/en/portefoelje/bestyrelsespakke/"))
    agenda = element(page, "section", **{"aria-labelledby": "pack-agenda"})
    assert texts(elements(agenda, "li")) == [PortfolioItem.objects.get().item.title]


def test_board_pack_pdf_downloads_as_one_file(client, booking, secretariat):
    board_meeting(date(2026, 6, 10))
    response = client.get("/en/portefoelje/bestyrelsespakke.pdf")
    assert (response["Content-Type"], response["Content-Disposition"], response.content[:5]) == (
        "application/pdf", 'attachment; filename="bestyrelsespakke-2026-06-10.pdf"', b"%PDF-"
    )


def test_gate_pass_moves_the_community_and_the_decision_names_the_gate(client, secretariat):
    project = community("Booking", stage="project")
    save_gate_template(from_stage="project", items=["Licence chosen"])
    gate = open_gate(project)
    decision = board_decision(board_meeting())
    response = client.post(f"/en/portefoelje/port/{gate.pk}/beslutning/", {"decision": decision.pk, "revision": revision(gate)})
    assert (response.status_code, Profile.objects.get().stage) == (302, "product")
    meeting_page = client.get(f"/en/moeder/{decision.meeting.pk}/")
    assert f"/en/portefoelje/port/{gate.pk}/" in meeting_page.content.decode()


def test_gate_checklist_saves_each_point(client, secretariat):
    project = community("Booking", stage="project")
    save_gate_template(from_stage="project", items=["Licence chosen", "Steering group formed"])
    gate = open_gate(project)
    fields = {"checked_1": "on", "comment_1": "MPL-2.0", "comment_2": "", "revision": revision(gate)}
    client.post(f"/en/portefoelje/port/{gate.pk}/", fields)
    assert list(gate.checks.values_list("checked", "comment")) == [(True, "MPL-2.0"), (False, "")]


def _queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        client.get(address)
    return len(queries)


@pytest.mark.parametrize("count", [1, 3])
def test_community_page_costs_the_same_queries_for_more_milestones_and_reports(client, booking, count, secretariat):
    for number in range(count):
        milestone(booking, f"Milepæl {number}")
        report(booking, period_starts=date(2025 - number, 1, 1))
    assert _queries(client, "/en/portefoelje/booking/") == COMMUNITY_QUERIES


COMMUNITY_QUERIES = 9


@pytest.mark.parametrize("count", [1, 3])
def test_programme_page_costs_the_same_queries_for_more_communities(client, count):
    from os2org.organisation.services import save_body

    programme = save_body(name="Borgerservice", kind="programme")
    for number in range(count):
        profile = community(f"Fællesskab {number}", programme=programme)
        milestone(profile, due=date(2026, 3, 1))
        milestone(profile, due=date(2026, 9, 1))
    assert _queries(client, f"/en/portefoelje/programmer/{programme.slug}/") == PROGRAMME_QUERIES


PROGRAMME_QUERIES = 5


@pytest.mark.parametrize("count", [1, 3])
def test_board_pack_costs_the_same_queries_for_more_reports(client, count, secretariat):
    board_meeting()
    for number in range(count):
        profile = community(f"Fællesskab {number}")
        milestone(profile)
        report(profile, progress={profile.milestones.get().pk: ("in_progress", "")})
    refresh_board_pack()
    assert _queries(client, "/en/portefoelje/bestyrelsespakke/") == BOARD_PACK_QUERIES


BOARD_PACK_QUERIES = 9
