"""A product, a checklist of three points and a review of it, made through the services, for the standards tests."""

from dataclasses import dataclass
from datetime import date

from os2org.common.visibility import Visibility
from os2org.organisation.models import Body, Person
from os2org.organisation.services import assign_role, save_body, save_person
from os2org.roles.models import RoleDescription
from os2org.standards.models import Checklist, ProductReview
from os2org.standards.services import Judgement, PointRow, answer_review, complete_review, save_checklist, start_review
from tests.governance.cycle_data import make_role

TODAY = date(2026, 12, 3)
POINTS = [
    PointRow("Licens", "Koden har en **åben** licens."),
    PointRow("Adfærdskodeks", "Fællesskabet har et adfærdskodeks."),
    PointRow("Tilgængelighedserklæring", ""),
]


@dataclass
class World:
    product: Body
    hidden: Body
    checklist: Checklist
    review: ProductReview
    reviewer: Person
    coordinator: Person
    role: RoleDescription


def build() -> World:
    root = save_body(name="Foreningen", kind=Body.Kind.ASSOCIATION)
    product = save_body(name="Bookingsystem", kind=Body.Kind.PRODUCT_COMMUNITY, parent=root)
    hidden = save_body(
        name="Lukket produkt", kind=Body.Kind.PRODUCT_COMMUNITY, parent=root, visibility=Visibility.INTERNAL
    )
    reviewer = save_person(name="Rikke Revisor")
    coordinator = save_person(name="Karl Koordinator")
    role = make_role("Produktkoordinator")
    assign_role(coordinator, body=product, role=role, starts=date(2026, 1, 1), hours_per_week=5)
    checklist = save_checklist(name="Styringsmodellens standarder", points=POINTS)
    review = start_review(product=product, checklist=checklist, held_on=date(2026, 11, 20), reviewer=reviewer)
    return World(product, hidden, checklist, review, reviewer, coordinator, role)


def answer(review: ProductReview, *results: str, comments=()) -> ProductReview:
    """Answer a review's points in order: "met", "not_met", "not_applicable" or "" each."""
    answers = list(review.answers.order_by("position"))
    comments = list(comments) + [""] * (len(answers) - len(comments))
    judgements = [
        Judgement(a.pk, result, comment) for a, result, comment in zip(answers, results, comments, strict=False)
    ]
    return answer_review(review, judgements=judgements)


@dataclass
class Reviewed:
    """A product's standards as the access tests open them: a checklist, a review being answered, a deviation."""

    checklist: Checklist
    product_review: ProductReview
    deviation: object


def reviewed(product: Body, *, reviewer: Person, role: RoleDescription) -> Reviewed:
    """`product` reviewed once (completed, with one deviation owned by `role`) and a second review answered."""
    checklist = save_checklist(name="Standarder", points=POINTS[:2])
    done = start_review(product=product, checklist=checklist, held_on=date(2026, 2, 1), reviewer=reviewer)
    answer(done, "not_met", "met")
    (deviation,) = complete_review(done, owner_role=role, due=date(2026, 6, 1))
    # Answered but not completed: its forms can still change it, and it can be completed.
    draft = answer(
        start_review(product=product, checklist=checklist, held_on=date(2026, 3, 1), reviewer=reviewer), "met", "met"
    )
    return Reviewed(checklist, draft, deviation)
