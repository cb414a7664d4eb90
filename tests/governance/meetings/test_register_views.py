"""The decision register (/beslutninger/) and the follow-up dashboard (/opfoelgning/)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone

from os2org.governance.meetings import services
from os2org.governance.models import AgendaItem, Meeting
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, end_assignment
from os2org.roles.models import RoleDescription
from tests.dom import attribute, children, element, elements, parse, text, texts
from tests.governance.builders import board, decision, meeting, people
from tests.handbooks import write_handbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(tmp_path):
    """Two role descriptions, "Rolle 01" and "Rolle 02", from a handbook."""
    import_handbook([write_handbook(tmp_path / "handbook", roles=2)])
    return {role.name: role for role in RoleDescription.objects.all()}


@pytest.fixture
def made(roles):
    """Four decisions of two bodies over two years; the November budget has a case brief and two follow-ups.

    The secretariat has no meetings, so it is no choice in the register's filter.
    """
    bestyrelsen = board()
    styregruppen = board("Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP)
    board("Sekretariatet", kind=Body.Kind.SECRETARIAT)
    (ane,) = people("Ane Holm")
    november = meeting(bestyrelsen, "2025-11-20 16:00")
    march = meeting(bestyrelsen, "2026-03-05 16:00")
    february = meeting(styregruppen, "2026-02-10 10:00")
    budget = decision(november, "Budget 2026", "Budgettet for 2026 **godkendes**.")
    services.save_case_brief(budget, purpose="decision", date=date(2025, 11, 1), recommendation="Godkend budgettet.")
    services.add_follow_up(budget, title="Send budgettet til medlemmerne", due=date(2025, 12, 1), owner_person=ane)
    wheel = services.add_follow_up(budget, title="Opdatér årshjulet", due=date(2026, 1, 15), owner_role=roles["Rolle 01"])
    services.change_follow_up(wheel, status="done", on=date(2026, 1, 10))
    return {
        "budget": budget,
        "economy": decision(march, "Økonomi", "Bestyrelsen beder om en plan for økonomien."),
        "strategy": decision(march, "Strategi", "Strategien vedtages."),
        "supplier": decision(february, "Leverandør", "Magenta vælges."),
        "ane": ane,
    }


def main(response):
    assert response.status_code == 200
    return element(parse(response), "main")


def decision_titles(response):
    return texts(elements(main(response), "h2", class_="register-title"))


def test_decisions_lists_every_decision_newest_first(client, made):
    response = client.get("/en/beslutninger/")

    assert decision_titles(response) == ["Økonomi", "Strategi", "Leverandør", "Budget 2026"]


def test_decisions_count_the_results(client, made):
    response = client.get("/en/beslutninger/")

    assert text(element(main(response), "p", class_="register-count")) == "4 decisions"


def test_decisions_show_date_body_and_links_to_meeting_item_and_brief(client, made):
    budget = made["budget"]

    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{budget.pk}")

    meta = element(entry, "p", class_="register-meta")
    assert text(meta) == "Nov. 20, 2025 · Bestyrelsen · Meeting · Case brief"
    assert attribute(element(meta, "time"), "datetime") == "2025-11-20"
    meeting_url = f"/en/moeder/{budget.meeting.pk}/"
    assert [attribute(a, "href") for a in elements(entry, "a")][:3] == [
        f"{meeting_url}#item-{budget.pk}",
        meeting_url,
        f"{meeting_url}#brief-{budget.pk}",
    ]


def test_decisions_without_a_case_brief_link_to_none(client, made):
    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{made['economy'].pk}")

    assert text(element(entry, "p", class_="register-meta")) == "March 5, 2026 · Bestyrelsen · Meeting"


def test_decisions_render_the_decision_text_as_markdown(client, made):
    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{made['budget'].pk}")

    assert element(entry, "div", class_="register-text") == parse_html(
        '<div class="register-text" lang="da"><p>Budgettet for 2026 <strong>godkendes</strong>.</p></div>'
    )


def test_decisions_show_the_decision_as_stored_when_it_was_written(client, made):
    AgendaItem.objects.filter(pk=made["budget"].pk).update(outcome_html="<p>Gemt udfald</p>")

    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{made['budget'].pk}")

    assert element(entry, "div", class_="register-text") == parse_html(
        '<div class="register-text" lang="da"><p>Gemt udfald</p></div>'
    )


def test_decisions_do_not_pass_on_hostile_markup(client, made):
    services.record_outcome(made["economy"], outcome="decision", text="<script>alert(1)</script>\n\n[x](javascript:alert(1))")

    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{made['economy'].pk}")

    assert element(entry, "div", class_="register-text") == parse_html(
        '<div class="register-text" lang="da"><p>[x](javascript:alert(1))</p></div>'
    )


def test_decisions_show_follow_ups_with_owner_due_and_status(client, made):
    budget = made["budget"]

    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{budget.pk}")

    table = element(entry, "table")
    assert text(element(table, "caption")) == "Follow-ups of “Budget 2026”"
    assert [texts(children(row)) for row in elements(table, "tr")] == [
        ["Action", "Owner", "Due", "Status"],
        ["Send budgettet til medlemmerne", "Ane Holm", "Dec. 1, 2025", "Open Overdue"],
        ["Opdatér årshjulet", "Rolle 01 (role)", "Jan. 15, 2026", "Done (closed Jan. 10, 2026)"],
    ]
    send, wheel = budget.follow_ups.order_by("due")
    assert [attribute(a, "href") for a in elements(table, "a")] == [
        f"/en/opfoelgning/{send.pk}/",
        "/en/organisation/personer/ane-holm/",
        f"/en/opfoelgning/{wheel.pk}/",
        "/en/roller/rolle-01/",
    ]


def options(response, name):
    select = element(main(response), "select", id=f"filter-{name}")
    return [(attribute(option, "value"), text(option), "selected" in dict(option.attributes)) for option in elements(select, "option")]


def test_decisions_offer_the_bodies_that_have_meetings(client, made):
    assert options(client.get("/en/beslutninger/"), "body") == [
        ("", "All bodies", True),
        ("bestyrelsen", "Bestyrelsen", False),
        ("styregruppen-for-os2mo", "Styregruppen for OS2mo", False),
    ]


def test_decisions_offer_the_years_with_decisions_newest_first(client, made):
    assert options(client.get("/en/beslutninger/"), "year") == [
        ("", "All years", True),
        ("2026", "2026", False),
        ("2025", "2025", False),
    ]


def test_decisions_by_body(client, made):
    response = client.get("/en/beslutninger/?body=styregruppen-for-os2mo")

    assert decision_titles(response) == ["Leverandør"]
    assert options(response, "body")[2] == ("styregruppen-for-os2mo", "Styregruppen for OS2mo", True)


def test_decisions_by_year(client, made):
    response = client.get("/en/beslutninger/?year=2025")

    assert decision_titles(response) == ["Budget 2026"]
    assert text(element(main(response), "p", class_="register-count")) == "1 decision"


def test_decisions_by_words_fold_danish_letters(client, made):
    response = client.get("/en/beslutninger/?q=%C3%98KONOMI")

    assert decision_titles(response) == ["Økonomi"]
    assert attribute(element(main(response), "input", id="filter-q"), "value") == "ØKONOMI"


def test_decisions_by_body_year_and_words(client, made):
    response = client.get("/en/beslutninger/?body=bestyrelsen&year=2026&q=strategien")

    assert decision_titles(response) == ["Strategi"]


def test_decisions_without_a_match_say_what_to_do(client, made):
    response = client.get("/en/beslutninger/?q=generalforsamling")

    assert text(element(main(response), "p", class_="register-count")) == "0 decisions"
    empty = element(main(response), "p", class_="register-empty")
    assert text(empty) == (
        "No decision matches these filters. Try fewer or other words, another year or all bodies, "
        "or show every decision ."
    )
    assert attribute(element(empty, "a"), "href") == "/en/beslutninger/"


def test_decisions_before_any_decision_say_how_one_is_recorded(client, db):
    empty = element(main(client.get("/en/beslutninger/")), "p", class_="register-empty")

    assert text(empty) == (
        "No decisions have been recorded yet. A decision is recorded on its agenda item once the meeting "
        "has made it: open the meeting from Meetings ."
    )
    assert attribute(element(empty, "a"), "href") == "/en/moeder/"


def errors(response):
    """{field name: its error messages} as shown beside the fields."""
    return {
        attribute(element(div, "select") if elements(div, "select") else element(div, "input"), "name"): texts(
            elements(div, "li")
        )
        for div in elements(main(response), "div", class_="org-field-invalid")
    }


def test_decisions_with_a_year_that_is_not_a_number_show_the_error_by_the_field(client, made):
    response = client.get("/en/beslutninger/?year=abc")

    assert errors(response) == {"year": ["Choose a year from the list: one in which decisions were made."]}
    assert attribute(element(main(response), "select", id="filter-year"), "aria-describedby") == "filter-year_error"
    assert elements(main(response), "ol", class_="register-decisions") == []


def test_decisions_with_an_unknown_body_show_the_error_by_the_field(client, made):
    response = client.get("/en/beslutninger/?body=sekretariatet")

    assert errors(response) == {"body": ["No body with decisions has that address; choose one from the list."]}
    assert text(element(main(response), "p", class_="org-form-errors")) == "Please correct the filters marked below."


def test_decisions_answer_only_get(client, db):
    assert client.post("/en/beslutninger/").status_code == 405


def _queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def _decisions(body, count, *, first, owner, role):
    for number in range(first, first + count):
        held = meeting(body, f"{date(2025, 1, 1) + timedelta(days=number)} 08:00")
        item = decision(held, f"Beslutning {number}", f"Vedtaget nr. {number}.")
        services.save_case_brief(item, purpose="decision", date=held.day, aim="Formål.")
        services.add_follow_up(item, title=f"Handling {number}", due=held.day, owner_person=owner)
        services.add_follow_up(item, title=f"Rollehandling {number}", due=held.day, owner_role=role)


@pytest.mark.parametrize("address", ["/en/beslutninger/", "/en/beslutninger/?body=bestyrelsen&year=2025&q=vedtaget"])
def test_decisions_queries_do_not_grow_with_the_decisions(client, roles, address):
    bestyrelsen = board()
    (ane,) = people("Ane Holm")
    _decisions(bestyrelsen, 1, first=0, owner=ane, role=roles["Rolle 01"])
    one = _queries(client, address)
    _decisions(bestyrelsen, 29, first=1, owner=ane, role=roles["Rolle 01"])

    assert _queries(client, address) == one
    assert len(decision_titles(client.get(address))) == 25


@pytest.fixture
def sixty(roles):
    """60 decisions of the board, one a day from 1 January 2025 ("Beslutning 0" … "Beslutning 59")."""
    bestyrelsen = board()
    for number in range(60):
        held = meeting(bestyrelsen, f"{date(2025, 1, 1) + timedelta(days=number)} 08:00")
        decision(held, f"Beslutning {number}", f"Vedtaget nr. {number}.")


def test_decisions_show_twenty_five_a_page(client, sixty):
    assert decision_titles(client.get("/en/beslutninger/")) == [f"Beslutning {n}" for n in range(59, 34, -1)]


def test_decisions_show_the_next_twenty_five_on_the_next_page(client, sixty):
    assert decision_titles(client.get("/en/beslutninger/?side=2")) == [f"Beslutning {n}" for n in range(34, 9, -1)]


def test_decisions_show_the_rest_on_the_last_page(client, sixty):
    assert decision_titles(client.get("/en/beslutninger/?side=3")) == [f"Beslutning {n}" for n in range(9, -1, -1)]


def test_decisions_count_every_decision_found_not_the_page(client, sixty):
    assert text(element(main(client.get("/en/beslutninger/?side=2")), "p", class_="register-count")) == "60 decisions"


def test_decisions_page_links_keep_the_filters(client, sixty):
    pages = element(main(client.get("/en/beslutninger/?q=vedtaget&year=2025")), "nav", class_="pagination")

    assert attribute(element(pages, "a"), "href") == "?q=vedtaget&year=2025&side=2"


# The dashboard: dates relative to today, since the page shows what is due now.


def day_text(day):
    return dateformat.format(day, "N j, Y")


@pytest.fixture
def due(roles):
    """Follow-ups of a decision made 30 days ago, due around today.

    - "Skriv referatet" (Ane Holm): 3 days overdue
    - "Ring til leverandøren" (Rolle 01, held by Bo and, in two bodies, by Carl; Dorte held it before): 1 day overdue
    - "Opdatér hjemmesiden" (Rolle 02, held by nobody): due today
    - "Planlæg seminaret" (Ane Holm): due the Monday after this week
    - "Luk sagen" (Ane Holm): 5 days overdue but done
    """
    today = timezone.localdate()
    start = today - timedelta(days=30)
    bestyrelsen = board()
    sekretariatet = board("Sekretariatet", kind=Body.Kind.SECRETARIAT)
    ane, bo, carl, dorte = people("Ane Holm", "Bo Lund", "Carl Berg", "Dorte Krog")
    for person, body in [(bo, bestyrelsen), (carl, bestyrelsen), (carl, sekretariatet)]:
        assign_role(person, body=body, role=roles["Rolle 01"], starts=start, hours_per_week=2)
    former = assign_role(dorte, body=bestyrelsen, role=roles["Rolle 01"], starts=start - timedelta(days=60), hours_per_week=2)
    end_assignment(former, ends=start)
    held = meeting(bestyrelsen, f"{start.isoformat()} 16:00")
    item = decision(held, "Leverandørskifte", "Vi skifter leverandør.")
    monday = today + timedelta(days=7 - today.weekday())
    add = services.add_follow_up
    follow_ups = {
        "write": add(item, title="Skriv referatet", due=today - timedelta(days=3), owner_person=ane),
        "call": add(item, title="Ring til leverandøren", due=today - timedelta(days=1), owner_role=roles["Rolle 01"]),
        "web": add(item, title="Opdatér hjemmesiden", due=today, owner_role=roles["Rolle 02"]),
        "seminar": add(item, title="Planlæg seminaret", due=monday, owner_person=ane),
    }
    closed = add(item, title="Luk sagen", due=today - timedelta(days=5), owner_person=ane)
    services.change_follow_up(closed, status="done", on=today)
    return {"today": today, "start": start, "item": item, "meeting": held, **follow_ups}


def rows(table):
    return [texts(children(row)) for row in elements(table, "tr")]


def test_follow_ups_sum_up_overdue_and_due_this_week(client, due, member):
    summary = element(main(client.get("/en/opfoelgning/")), "ul", class_="register-summary")

    assert texts(children(summary)) == ["2 follow-ups are overdue", "1 follow-up is due this week"]


def test_follow_ups_overdue_show_days_owner_decision_and_meeting(client, due, member):
    table = element(main(client.get("/en/opfoelgning/")), "table", aria_labelledby="overdue")

    meeting_text = f"Bestyrelsen, {day_text(due['start'])}"
    assert rows(table) == [
        ["Action", "Owner", "Due", "Overdue by", "Status", "Decision", "Meeting"],
        [
            "Skriv referatet",
            "Ane Holm",
            day_text(due["today"] - timedelta(days=3)),
            "3 days",
            "open",
            "Leverandørskifte",
            meeting_text,
        ],
        [
            "Ring til leverandøren",
            "Rolle 01 (held by Bo Lund, Carl Berg)",
            day_text(due["today"] - timedelta(days=1)),
            "1 day",
            "open",
            "Leverandørskifte",
            meeting_text,
        ],
    ]


def test_follow_ups_link_to_the_follow_up_owner_decision_and_meeting(client, due, member):
    table = element(main(client.get("/en/opfoelgning/")), "table", aria_labelledby="overdue")

    meeting_url = f"/en/moeder/{due['meeting'].pk}/"
    assert [attribute(a, "href") for a in elements(children(table)[1], "a")][:4] == [
        f"/en/opfoelgning/{due['write'].pk}/",
        "/en/organisation/personer/ane-holm/",
        f"{meeting_url}#item-{due['item'].pk}",
        meeting_url,
    ]


def test_follow_ups_due_this_week_say_when_a_role_has_no_holder(client, due, member):
    table = element(main(client.get("/en/opfoelgning/")), "table", aria_labelledby="this-week")

    assert rows(table) == [
        ["Action", "Owner", "Due", "Status", "Decision", "Meeting"],
        [
            "Opdatér hjemmesiden",
            "Rolle 02 (nobody holds the role now)",
            day_text(due["today"]),
            "open",
            "Leverandørskifte",
            f"Bestyrelsen, {day_text(due['start'])}",
        ],
    ]


def test_follow_ups_this_week_run_until_sunday(client, due, member):
    today = due["today"]
    sunday = today + timedelta(days=6 - today.weekday())

    heading = element(main(client.get("/en/opfoelgning/")), "h2", id="this-week")

    assert text(heading) == f"Due this week (until {day_text(sunday)})"


def test_follow_ups_without_any_due_say_so(client, member):
    content = main(client.get("/en/opfoelgning/"))

    assert texts(children(element(content, "ul", class_="register-summary"))) == [
        "0 follow-ups are overdue",
        "0 follow-ups are due this week",
    ]
    assert texts(elements(content, "p", class_="register-empty")) == ["Nothing is overdue.", "Nothing is due this week."]


def test_follow_ups_answer_only_get(client, member):
    assert client.post("/en/opfoelgning/").status_code == 405


def _due(item, count, *, first, owner, role):
    today = timezone.localdate()
    for number in range(first, first + count):
        services.add_follow_up(item, title=f"Forsinket {number}", due=today - timedelta(days=1), owner_role=role)
        services.add_follow_up(item, title=f"Denne uge {number}", due=today, owner_person=owner)


def test_follow_ups_queries_do_not_grow_with_the_follow_ups(client, roles, member):
    start = timezone.localdate() - timedelta(days=30)
    bestyrelsen = board()
    (ane,) = people("Ane Holm")
    assign_role(ane, body=bestyrelsen, role=roles["Rolle 01"], starts=start, hours_per_week=2)
    item = decision(meeting(bestyrelsen, f"{start.isoformat()} 16:00"), "Beslutning", "Vedtaget.")
    _due(item, 1, first=0, owner=ane, role=roles["Rolle 01"])
    one = _queries(client, "/en/opfoelgning/")
    _due(item, 49, first=1, owner=ane, role=roles["Rolle 01"])

    assert _queries(client, "/en/opfoelgning/") == one


def test_follow_ups_send_the_public_to_log_in(client, db):
    assert client.get("/en/opfoelgning/")["Location"] == "/en/konto/login/?next=/en/opfoelgning/"


def test_follow_ups_for_a_member_leave_out_those_of_internal_decisions(client, due, member):
    services.save_agenda_item(due["item"], title="Leverandørskifte", visibility="internal")

    summary = element(main(client.get("/en/opfoelgning/")), "ul", class_="register-summary")

    assert texts(children(summary)) == ["0 follow-ups are overdue", "0 follow-ups are due this week"]


def test_follow_ups_of_a_decision_at_a_meeting_the_member_may_not_read_link_no_meeting(client, due, member):
    Meeting.objects.filter(pk=due["meeting"].pk).update(visibility="internal")

    table = element(main(client.get("/en/opfoelgning/")), "table", aria_labelledby="overdue")

    first_row = elements(children(table)[1], "tr")[0]
    assert [attribute(a, "href") for a in elements(first_row, "a")] == [
        f"/en/opfoelgning/{due['write'].pk}/",
        "/en/organisation/personer/ane-holm/",
    ]


# The register for the public: exactly the decisions whose item is public


@pytest.fixture
def hidden(made):
    """Økonomi made internal and Leverandør for members; the other two stay public."""
    services.save_agenda_item(made["economy"], title="Økonomi", visibility="internal")
    services.save_agenda_item(made["supplier"], title="Leverandør", visibility="members")
    return made


def test_decisions_for_the_public_are_those_whose_item_is_public(client, hidden):
    assert decision_titles(client.get("/en/beslutninger/")) == ["Strategi", "Budget 2026"]


def test_decisions_for_a_member_leave_out_internal_ones(client, hidden, member):
    assert decision_titles(client.get("/en/beslutninger/")) == ["Strategi", "Leverandør", "Budget 2026"]


def test_decisions_for_the_board_are_all_of_them(client, hidden, board_member):
    assert decision_titles(client.get("/en/beslutninger/")) == ["Økonomi", "Strategi", "Leverandør", "Budget 2026"]


def test_decisions_for_the_public_offer_only_the_bodies_and_years_of_public_decisions(client, hidden):
    response = client.get("/en/beslutninger/")

    assert (options(response, "body"), options(response, "year")) == (
        [("", "All bodies", True), ("bestyrelsen", "Bestyrelsen", False)],
        [("", "All years", True), ("2026", "2026", False), ("2025", "2025", False)],
    )


def test_decisions_of_a_meeting_the_reader_may_not_read_link_neither_meeting_nor_brief(client, made):
    budget = made["budget"]
    Meeting.objects.filter(pk=budget.meeting_id).update(visibility="internal")

    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{budget.pk}")

    assert (text(element(entry, "h2")), text(element(entry, "p", class_="register-meta"))) == (
        "Budget 2026",
        "Nov. 20, 2025 · Bestyrelsen",
    )
    first_follow_up = budget.follow_ups.order_by("due").first()
    assert attribute(elements(entry, "a")[0], "href") == f"/en/opfoelgning/{first_follow_up.pk}/"


def test_decisions_show_a_signed_in_reader_their_visibility(client, hidden, member):
    entry = element(main(client.get("/en/beslutninger/")), "li", id=f"decision-{hidden['supplier'].pk}")

    assert text(element(entry, "p", class_="register-meta")) == (
        "Feb. 10, 2026 · Styregruppen for OS2mo · Meeting · Visibility: Members"
    )


@pytest.fixture
def sixty_overdue(roles):
    """60 open follow-ups of one decision, due 61 to 2 days ago ("Handling 0" is the longest overdue)."""
    today = timezone.localdate()
    held = meeting(board(), f"{(today - timedelta(days=90)).isoformat()} 16:00")
    item = decision(held, "Oprydning", "Vi rydder op.")
    (ane,) = people("Ane Holm")
    for number in range(60):
        services.add_follow_up(item, title=f"Handling {number}", due=today - timedelta(days=61 - number), owner_person=ane)


def overdue_titles(response):
    return [row[0] for row in rows(element(main(response), "table", aria_labelledby="overdue"))[1:]]


def test_follow_ups_show_fifty_overdue_a_page_longest_overdue_first(client, sixty_overdue, member):
    assert overdue_titles(client.get("/en/opfoelgning/"))[:2] == ["Handling 0", "Handling 1"]


def test_follow_ups_show_the_rest_of_the_overdue_on_the_next_page(client, sixty_overdue, member):
    assert overdue_titles(client.get("/en/opfoelgning/?side=2")) == [f"Handling {n}" for n in range(50, 60)]


def test_follow_ups_count_every_overdue_one_not_the_page(client, sixty_overdue, member):
    summary = element(main(client.get("/en/opfoelgning/?side=2")), "ul", class_="register-summary")

    assert texts(children(summary))[0] == "60 follow-ups are overdue"


def test_follow_ups_link_to_the_next_page_of_the_overdue(client, sixty_overdue, member):
    pages = element(main(client.get("/en/opfoelgning/")), "nav", class_="pagination")

    assert attribute(element(pages, "a"), "href") == "?side=2"
