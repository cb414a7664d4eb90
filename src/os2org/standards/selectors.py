"""Reads of checklists, reviews and deviations that need care: each only what the viewer may read,
filtered and counted in SQL, in a fixed number of queries however much there is."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext

from os2org.common.visibility import readable_of
from os2org.governance.meetings.sources import Source
from os2org.organisation.models import Body
from os2org.standards.models import PRODUCT_KIND, Answer, Checklist, Deviation, ProductReview

DEVIATION_RELATED = ("product", "owner_person", "owner_role__page", "answer__review")


def checklists() -> QuerySet:
    return Checklist.objects.annotate(point_count=Count("points")).order_by("name", "pk")


def products(viewer) -> QuerySet:
    """The product communities the viewer reads: those that can be reviewed."""
    return (
        readable_of(viewer, Body.objects.filter(kind=PRODUCT_KIND)).only("name", "slug", "visibility").order_by("name")
    )


def readable_reviews(viewer) -> QuerySet:
    return readable_of(viewer, ProductReview.objects.all())


def with_counts(reviews: QuerySet) -> QuerySet:
    """Each review with how many of its points were met, not met, not applicable and left unanswered."""
    results = Answer.Result
    return reviews.annotate(
        met=Count("answers", filter=Q(answers__result=results.MET)),
        not_met=Count("answers", filter=Q(answers__result=results.NOT_MET)),
        not_applicable=Count("answers", filter=Q(answers__result=results.NOT_APPLICABLE)),
        unanswered=Count("answers", filter=Q(answers__result="")),
    )


def reviews_of(product: Body, *, viewer) -> QuerySet:
    """A product's reviews, newest first, with their counts."""
    found = readable_reviews(viewer).filter(product=product).select_related("checklist", "reviewer")
    return with_counts(found).order_by("-held_on", "-pk")


@dataclass(frozen=True)
class Point:
    """One completed review in a product's trend: the share of its applicable points that were met."""

    review: ProductReview
    met: int
    applicable: int

    @property
    def share(self) -> float:
        """Of the points that apply, the share met (0 to 1); a review where none apply counts as all met."""
        return self.met / self.applicable if self.applicable else 1.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)


# The most completed reviews a product's trend shows: about ten years of yearly reviews.
TREND_REVIEWS = 12


def trend(product: Body, *, viewer) -> list[Point]:
    """The latest completed reviews of a product, oldest first, with the share of points met; one query."""
    found = reviews_of(product, viewer=viewer).filter(status=ProductReview.Status.COMPLETED)[:TREND_REVIEWS]
    return [Point(review, review.met, review.met + review.not_met) for review in reversed(list(found))]


def readable_deviations(viewer) -> QuerySet:
    return readable_of(viewer, Deviation.objects.all()).select_related(*DEVIATION_RELATED)


def deviations(*, viewer, product: Body | None = None, status: str = "", overdue_on: date | None = None) -> QuerySet:
    """The deviations the viewer reads, soonest due first: of one product, open or done, overdue on a day."""
    found = readable_deviations(viewer)
    if product is not None:
        found = found.filter(product=product)
    if status:
        found = found.filter(status=status)
    if overdue_on is not None:
        found = found.overdue(overdue_on)
    return found.order_by("due", "pk")


def open_deviations(viewer) -> QuerySet:
    return readable_deviations(viewer).open()


# The follow-up list, "Mit overblik" and the reminders show the open deviations as follow-ups.
DEVIATIONS = Source(
    key="deviation",
    title=lambda: gettext("Deviations from reviews against the standards"),
    list_view="standards:deviations",
    open_for=open_deviations,
)


def product_rows(viewer) -> QuerySet:
    """The products the viewer reads, each with its number of reviews, its latest review's day and its open
    deviations."""
    return products(viewer).annotate(
        review_count=Count("standards_reviews", distinct=True),
        last_review=Max("standards_reviews__held_on"),
        open_deviations=Count(
            "standards_deviations", filter=Q(standards_deviations__closed_on__isnull=True), distinct=True
        ),
    )
