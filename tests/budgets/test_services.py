"""Changing budgets, lines and invoice approvers: validated, audited, refused when stale."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.budgets.models import Account, Budget, BudgetLine, InvoiceApprover
from os2org.budgets.services import approve_budget, comment_line, create_budget, save_approver, save_line
from os2org.organisation.services import save_person
from os2org.roles.models import RoleDescription
from tests.budgets.builders import association, budget, chart_of_accounts, line

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def books():
    organisation = association()
    chart_of_accounts()
    return organisation


def _messages(error):
    return error.value.message_dict


def _conflict(error):
    return error.value.message_dict["__all__"][0].startswith("Someone else saved this while you were editing it.")


def test_budget_is_created_with_an_audit_entry(books):
    made = create_budget(body=books.north, year=2026, decision=books.decision)

    assert (str(made), list(Entry.objects.filter(action="budgets.budget").values_list("summary", flat=True))) == (
        "Fællesskab Nord 2026",
        ["Fællesskab Nord 2026"],
    )


def test_budget_for_a_steering_group_is_refused(books):
    with pytest.raises(ValidationError) as error:
        create_budget(body=books.north_steering, year=2026)

    assert _messages(error) == {"body": ["Only the secretariat, a programme or a product community has a budget."]}


def test_budget_for_a_year_the_body_has_one_for_is_refused(books):
    create_budget(body=books.north, year=2026)

    with pytest.raises(ValidationError) as error:
        create_budget(body=books.north, year=2026)

    assert list(_messages(error)) == ["__all__"]


def test_budget_year_outside_the_range_is_refused(books):
    with pytest.raises(ValidationError) as error:
        create_budget(body=books.north, year=3000)

    assert list(_messages(error)) == ["year"]


def test_budget_approved_by_a_decision_not_the_boards_is_refused(books):
    with pytest.raises(ValidationError) as error:
        create_budget(body=books.north, year=2026, decision=books.steering_decision)

    assert _messages(error) == {"decision": ["Choose a decision the board has made."]}


def test_budget_approval_from_a_stale_form_is_refused_and_writes_nothing(books):
    made = create_budget(body=books.north, year=2026)
    seen = revision(made)
    approve_budget(made, decision=books.decision)
    written = Entry.objects.count()

    with pytest.raises(ValidationError) as error:
        approve_budget(made, decision=None, revision=seen)

    assert (_conflict(error), Budget.objects.get().decision, Entry.objects.count()) == (True, books.decision, written)


def test_budget_unique_per_body_and_year_in_the_database(books):
    Budget.objects.create(body=books.north, year=2026)

    with pytest.raises(IntegrityError):
        Budget.objects.create(body=books.north, year=2026)


def test_account_number_unique_in_the_database(books):
    with pytest.raises(IntegrityError):
        Account.objects.create(number="2100", name="Igen")


def test_line_is_saved_with_its_amount(books):
    made = budget(books.north, {"2200": "12500.50"})

    assert list(made.lines.values_list("account__number", "amount")) == [("2200", Decimal("12500.50"))]


def test_line_for_an_account_the_budget_has_is_refused(books):
    made = budget(books.north, {"2200": "100"})

    with pytest.raises(ValidationError) as error:
        save_line(budget=made, account=Account.objects.get(number="2200"), amount=Decimal(5))

    assert (list(_messages(error)), made.lines.count()) == (["__all__"], 1)


def test_line_unique_per_budget_and_account_in_the_database(books):
    made = budget(books.north, {"2200": "100"})

    with pytest.raises(IntegrityError):
        BudgetLine.objects.create(budget=made, account=Account.objects.get(number="2200"), amount=1)


def test_line_change_from_a_stale_form_is_refused(books):
    made = budget(books.north, {"2200": "100"})
    found = line(made, "2200")
    seen = revision(found)
    save_line(found, budget=made, account=found.account, amount=Decimal(200))

    with pytest.raises(ValidationError) as error:
        save_line(found, budget=made, account=found.account, amount=Decimal(300), revision=seen)

    assert (_conflict(error), line(made, "2200").amount) == (True, Decimal("200.00"))


def test_line_comment_is_stored_stripped_with_an_audit_entry(books):
    found = line(budget(books.north, {"2200": "100"}), "2200")

    comment_line(found, comment="  Ny server købt i marts.  ")

    assert (line(found.budget, "2200").comment, Entry.objects.filter(action="budgets.line.comment").count()) == (
        "Ny server købt i marts.",
        1,
    )


def test_approver_of_a_product_by_role_is_saved(books):
    role = RoleDescription.objects.create(name="Produktkoordinator")

    approver = save_approver(body=books.north, account=None, role=role, person=None, decision=books.decision)

    assert (str(approver), Entry.objects.filter(action="budgets.approver").count()) == ("Fællesskab Nord: Produktkoordinator", 1)


def test_approver_with_both_a_product_and_an_account_is_refused(books):
    person = save_person(name="Ida Holm")

    with pytest.raises(ValidationError) as error:
        save_approver(
            body=books.north, account=Account.objects.get(number="2200"), role=None, person=person, decision=books.decision
        )

    assert (_messages(error), InvoiceApprover.objects.count()) == ({"body": ["Choose a product or an account: one of them."]}, 0)


def test_approver_without_a_role_or_person_is_refused(books):
    with pytest.raises(ValidationError) as error:
        save_approver(body=books.north, account=None, role=None, person=None, decision=books.decision)

    assert _messages(error) == {"role": ["Choose a role or a person: one of them."]}


def test_approver_with_both_a_role_and_a_person_is_refused_by_the_database(books):
    role, person = RoleDescription.objects.create(name="Økonomi"), save_person(name="Ida Holm")

    with pytest.raises(IntegrityError):
        InvoiceApprover.objects.create(body=books.north, role=role, person=person, decision=books.decision)
