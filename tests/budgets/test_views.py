"""The budget pages: who sees what, the forms that change budgets, the upload of actuals."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from os2org.access.groups import BOARD, COORDINATOR, MEMBER_CONTACT, SECRETARIAT
from os2org.audit.selectors import revision
from os2org.budgets.models import Account, Actual, Budget, InvoiceApprover
from os2org.budgets.services import approve_budget
from os2org.common.visibility import Visibility
from os2org.organisation.models import Assignment
from os2org.organisation.services import assign_role, save_organisation, save_person
from tests import dom
from tests.accounts import make_user
from tests.budgets.builders import association, budget, chart_of_accounts, line
from tests.governance.builders import decision, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    organisation = association()
    chart_of_accounts()
    organisation.north_budget = budget(organisation.north, {"2100": "40000", "2200": "10000"}, decision=organisation.decision)
    organisation.south_budget = budget(organisation.south, {"2200": "800"})
    Actual.objects.create(
        body=organisation.north, account=Account.objects.get(number="2200"), year=2026, quarter=1, amount=Decimal("3000")
    )
    return organisation


def _sign_in(client, books, group):
    if group == COORDINATOR:
        person = save_person(name="Kasper Koordinator")
        assign_role(person, body=books.north, function=Assignment.Function.COORDINATOR, starts=date(2025, 1, 1), hours_per_week=5)
        client.force_login(make_user("koordinator", COORDINATOR, person=person))
    elif group == MEMBER_CONTACT:
        authority = save_organisation(name="Egeby Kommune", is_member=True)
        books.north.member_authorities.add(authority)
        client.force_login(make_user("kontakt", MEMBER_CONTACT, authority=authority))
    else:
        client.force_login(make_user(group, group))


def _within(page, name, class_):
    return dom.elements(dom.parse(page), name, class_=class_)


def _links(page, name, class_):
    return [dom.attribute(link, "href") for found in _within(page, name, class_) for link in dom.elements(found, "a")]


def _heads(page):
    """The row headings of the page's first table's body."""
    (body, *_rest) = dom.elements(dom.parse(page), "tbody")
    return [dom.text(row_head) for row_head in dom.elements(body, "th")]


def _cells(page, class_, row):
    """The data cells of one row (from 0) of a table's body."""
    (table,) = _within(page, "table", class_)
    (body,) = dom.elements(table, "tbody")
    return [dom.text(cell) for cell in dom.elements(dom.children(body)[row], "td")]


def test_overview_lists_every_budget_for_the_board(client, books):
    _sign_in(client, books, BOARD)

    page = client.get("/budgetter/")

    assert _heads(page) == ["Fællesskab Nord", "Fællesskab Syd"]


def test_overview_shows_totals_in_danish(client, books):
    _sign_in(client, books, BOARD)

    page = client.get("/budgetter/")

    assert _cells(page, "budget-table", 0)[1:3] == ["50.000,00", "3.000,00"]


def test_overview_lists_only_the_coordinators_own_community(client, books):
    _sign_in(client, books, COORDINATOR)

    page = client.get("/budgetter/")

    assert _heads(page) == ["Fællesskab Nord"]


def test_overview_filters_by_body(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = client.get(f"/budgetter/?organ={books.south.slug}")

    assert _heads(page) == ["Fællesskab Syd"]


def test_budget_page_of_another_community_is_not_found_for_a_coordinator(client, books):
    _sign_in(client, books, COORDINATOR)

    assert (client.get(books.north_budget.get_absolute_url()).status_code, client.get(books.south_budget.get_absolute_url()).status_code) == (200, 404)


def test_budget_page_is_forbidden_for_a_member_contact(client, books):
    _sign_in(client, books, MEMBER_CONTACT)

    assert client.get(books.north_budget.get_absolute_url()).status_code == 403


def test_budget_page_sends_the_public_to_log_in(client, books):
    page = client.get(books.north_budget.get_absolute_url())

    assert (page.status_code, page["Location"]) == (302, f"/konto/login/?next=/budgetter/{books.north_budget.pk}/")


def test_budget_page_shows_the_follow_up_table(client, books):
    _sign_in(client, books, BOARD)

    page = client.get(books.north_budget.get_absolute_url())

    assert _cells(page, "budget-follow-up", 1) == [
        "10.000,00", "3.000,00", "—", "—", "—", "2.500,00", "3.000,00", "500,00", "20,0 %", "12.000,00", ""
    ]


def test_budget_page_links_the_decision_that_approved_it(client, books):
    _sign_in(client, books, BOARD)

    page = client.get(books.north_budget.get_absolute_url())

    assert _links(page, "dl", "facts") == [books.north.get_absolute_url(), books.decision.get_absolute_url()]


def test_budget_page_draws_the_chart_as_an_image_with_a_title(client, books):
    _sign_in(client, books, BOARD)

    page = client.get(books.north_budget.get_absolute_url())

    (chart,) = _within(page, "svg", "budget-chart-svg")
    assert (dom.attribute(chart, "role"), dom.text(dom.element(chart, "title"))) == (
        "img",
        "Budget mod forbrug til dato for Fællesskab Nord, 2026",
    )


def test_decision_page_names_the_budget_it_approved_for_the_board(client, books):
    _sign_in(client, books, BOARD)

    page = client.get(books.decision.meeting.get_absolute_url())

    assert _links(page, "ul", "decision-links") == [books.north_budget.get_absolute_url()]


def test_decision_page_names_no_budget_for_the_public(client, books):
    page = client.get(books.decision.meeting.get_absolute_url())

    assert _links(page, "ul", "decision-links") == []


def test_secretariat_creates_a_budget(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = client.post("/budgetter/nyt/", {"body": books.programme.pk, "year": "2027", "decision": ""})

    made = Budget.objects.get(body=books.programme)
    assert (page.status_code, page["Location"], made.year) == (302, made.get_absolute_url(), 2027)


def test_secretariat_adds_a_line_with_a_decimal_comma(client, books):
    _sign_in(client, books, SECRETARIAT)

    client.post(f"/budgetter/{books.south_budget.pk}/linjer/ny/", {"account": Account.objects.get(number="2300").pk, "amount": "1250,5"})

    assert line(books.south_budget, "2300").amount == Decimal("1250.50")


def test_secretariat_comments_on_a_line(client, books):
    _sign_in(client, books, SECRETARIAT)
    found = line(books.north_budget, "2200")

    page = client.post(f"/budgetter/linjer/{found.pk}/kommentar/", {"comment": "Licenser betalt forud.", "revision": revision(found)})

    assert (page["Location"], line(books.north_budget, "2200").comment) == (found.get_absolute_url(), "Licenser betalt forud.")


def test_coordinator_may_not_edit_their_own_budget(client, books):
    _sign_in(client, books, COORDINATOR)
    found = line(books.north_budget, "2200")

    page = client.post(f"/budgetter/linjer/{found.pk}/", {"account": found.account_id, "amount": "1", "revision": revision(found)})

    assert (page.status_code, line(books.north_budget, "2200").amount) == (403, Decimal("10000.00"))


def _upload(client, text, name="q2.csv"):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post("/budgetter/regnskab/", {"file": upload, "year": "2026", "quarter": "2"})


def test_secretariat_uploads_a_quarters_actuals(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = _upload(client, f"account;body;amount\n2100;{books.north.slug};8000,25\n")

    assert (page.status_code, list(Actual.objects.filter(quarter=2).values_list("amount", flat=True))) == (302, [Decimal("8000.25")])


def test_upload_with_an_unknown_account_names_its_line_and_changes_nothing(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = _upload(client, f"account;body;amount\n2100;{books.north.slug};1\n4242;{books.north.slug};1\n", name="fejl.csv")

    assert ([dom.text(link) for found in _within(page, "ul", "error-summary-fields") for link in dom.elements(found, "a")], Actual.objects.count()) == (
        ["Fil fra regnskabet: fejl.csv:3: account: ingen konto “4242” i kontoplanen."],
        1,
    )


def test_menu_links_the_budgets_for_a_coordinator_but_not_a_member_contact(client, books):
    _sign_in(client, books, COORDINATOR)
    coordinator = _links(client.get("/"), "nav", "site-links")
    client.logout()
    _sign_in(client, books, MEMBER_CONTACT)
    contact = _links(client.get("/"), "nav", "site-links")

    assert ("/budgetter/" in coordinator, "/budgetter/" in contact) == (True, False)


def test_secretariat_records_the_approval(client, books):
    _sign_in(client, books, SECRETARIAT)

    client.post(
        f"/budgetter/{books.south_budget.pk}/godkendelse/",
        {"decision": books.decision.pk, "revision": revision(books.south_budget)},
    )

    assert Budget.objects.get(pk=books.south_budget.pk).decision == books.decision


def test_approval_offers_only_the_boards_decisions(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = client.get(f"/budgetter/{books.south_budget.pk}/godkendelse/")

    (select,) = dom.elements(dom.parse(page), "select")
    assert [dom.text(option) for option in dom.elements(select, "option")] == [
        "(ikke godkendt endnu)",
        "10. december 2025: Budget 2026",
    ]


def test_budget_form_does_not_offer_a_steering_group(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = client.post("/budgetter/nyt/", {"body": books.north_steering.pk, "year": "2026", "decision": ""})

    assert (page.status_code, Budget.objects.filter(body=books.north_steering).exists()) == (200, False)


def test_actuals_page_lists_the_quarters_imported(client, books):
    _sign_in(client, books, SECRETARIAT)

    page = client.get("/budgetter/regnskab/")

    assert (_heads(page), _cells(page, "budget-table", 0)) == (["2026"], ["1", "1", "3.000,00"])


def test_secretariat_names_an_invoice_approver_and_the_list_shows_the_mandate(client, books):
    _sign_in(client, books, SECRETARIAT)
    person = save_person(name="Ida Holm")

    client.post(
        "/budgetter/fakturagodkendere/ny/",
        {"body": books.north.pk, "account": "", "role": "", "person": person.pk, "decision": books.decision.pk},
    )
    page = client.get("/budgetter/fakturagodkendere/")

    assert (_heads(page), _cells(page, "budget-table", 0)[:2]) == (
        ["Fællesskab Nord"],
        ["Ida Holm", "10. december 2025: Budget 2026"],
    )


def test_approver_without_a_decision_is_refused(client, books):
    _sign_in(client, books, SECRETARIAT)
    person = save_person(name="Ida Holm")

    page = client.post(
        "/budgetter/fakturagodkendere/ny/", {"body": books.north.pk, "account": "", "role": "", "person": person.pk, "decision": ""}
    )

    assert (page.status_code, InvoiceApprover.objects.count()) == (200, 0)


def test_invoice_approvers_are_the_board_and_secretariats_only(client, books):
    _sign_in(client, books, COORDINATOR)

    assert client.get("/budgetter/fakturagodkendere/").status_code == 403


def test_budget_page_names_a_decision_the_coordinator_may_not_read_without_a_link(client, books):
    internal = decision(meeting(books.board, "2025-12-12 16:00", visibility=Visibility.INTERNAL), "Ramme", "Vedtaget.")
    approve_budget(books.north_budget, decision=internal)
    _sign_in(client, books, COORDINATOR)

    page = client.get(books.north_budget.get_absolute_url())

    assert (_links(page, "dl", "facts"), dom.text(dom.elements(dom.parse(page), "dd")[2])) == (
        [books.north.get_absolute_url()],
        "(ikke vist)",
    )
