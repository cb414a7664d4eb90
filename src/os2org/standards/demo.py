"""The demo's reviews against the standards: the association's checklist, and a review of Fælleskode
Booking that found two points not met, which are now deviations owned by the product coordinator's
role. For `os2org demo --scale N`, a completed review of every community the units add. All through
the services, each with its audit entry."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from os2org.organisation.models import Body, Person
from os2org.roles.models import RoleDescription
from os2org.standards.models import PRODUCT_KIND, Checklist
from os2org.standards.services import Judgement, PointRow, answer_review, complete_review, save_checklist, start_review

CHECKLIST = "Fælles standarder for produkter"
POINTS = [
    PointRow(
        "Licens",
        "Kildekoden er udgivet under en licens, som foreningen har godkendt, og licensfilen ligger i roden "
        "af hvert repository.",
    ),
    PointRow(
        "Adfærdskodeks", "Fællesskabet har vedtaget et adfærdskodeks og fortæller nye deltagere, hvor det findes."
    ),
    PointRow(
        "Styringsdokumenter",
        "Styregruppens kommissorium og mødeplan er offentliggjort og ajourført inden for det seneste år.",
    ),
    PointRow(
        "Sikkerhed", "Der er en beskrevet vej til at melde sårbarheder, og afhængigheder opdateres efter en fast plan."
    ),
    PointRow(
        "Tilgængelighedserklæring",
        "Brugerfladerne har en gældende tilgængelighedserklæring, der er tjekket inden for det seneste år.",
    ),
    PointRow(
        "Dokumentation",
        "Installation, drift og brug er beskrevet, så en ny kommune kan komme i gang uden leverandørens hjælp.",
    ),
    PointRow(
        "Udgivelsespraksis",
        "Nye versioner udgives med versionsnummer og ændringslog, så anvenderne kan planlægge opdateringer.",
    ),
]
PRODUCT = "Fælleskode Booking"
REVIEWER = "Thomas Møller"
OWNER_ROLE = "Produktkoordinator"
# What the demo's review found, point by point, with the reviewer's comments.
RESULTS = [
    ("met", "Licensfilen findes i alle tre repositories."),
    ("not_met", "Fællesskabet har drøftet et kodeks, men det er ikke vedtaget endnu."),
    ("met", ""),
    ("met", "Sårbarheder meldes via foreningens fælles postkasse."),
    ("not_met", "Erklæringen er fra før den nye kalender blev bygget."),
    ("met", ""),
    ("not_applicable", "Produktet udgives løbende fra én hovedgren; faste versioner er ikke aftalt endnu."),
]


def _checklist():
    return Checklist.objects.filter(name=CHECKLIST).first() or save_checklist(name=CHECKLIST, points=POINTS)


def _review(product, reviewer, held_on, results, *, owner_role, due):
    # Without the handbook's coordinator role (a demo built without it), the reviewer owns what was found.
    owner = {"owner_role": owner_role} if owner_role is not None else {"owner_person": reviewer}
    review = start_review(product=product, checklist=_checklist(), held_on=held_on, reviewer=reviewer)
    answers = review.answers.order_by("position")
    answer_review(
        review,
        judgements=[Judgement(a.pk, result, comment) for a, (result, comment) in zip(answers, results, strict=True)],
    )
    return complete_review(review, due=due, **owner)


@transaction.atomic
def build(today: date | None = None) -> bool:
    """The checklist and the review of the demo's product, once. Returns whether anything was added."""
    if Checklist.objects.filter(name=CHECKLIST).exists():
        return False
    today = today or timezone.localdate()
    product = Body.objects.filter(name=PRODUCT, kind=PRODUCT_KIND).first()
    reviewer = Person.objects.filter(name=REVIEWER).first()
    _checklist()
    if product is None or reviewer is None:
        return True
    role = RoleDescription.objects.filter(name=OWNER_ROLE).first()
    _review(product, reviewer, today - timedelta(days=14), RESULTS, owner_role=role, due=today + timedelta(days=45))
    return True


@transaction.atomic
def add_units(communities, today: date | None = None) -> None:
    """A completed review of each product community in `communities`, all points met but the second."""
    today = today or timezone.localdate()
    reviewer = Person.objects.filter(name=REVIEWER).first() or Person.objects.order_by("name").first()
    role = RoleDescription.objects.filter(name=OWNER_ROLE).first()
    results = [("met", "")] + [("not_met", "")] + [("met", "")] * (len(POINTS) - 2)
    for community in communities:
        if community.kind == PRODUCT_KIND and reviewer is not None:
            _review(
                community,
                reviewer,
                today - timedelta(days=30),
                results,
                owner_role=role,
                due=today + timedelta(days=30),
            )
