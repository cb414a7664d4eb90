"""Reads of agreements and contributions that need care: each only what the viewer may read, filtered in SQL."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from os2org.common.search import matching
from os2org.members.models import Agreement, ContactRelation, Contribution, of_readable_money

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))
OUTSTANDING = [Contribution.Status.TO_INVOICE, Contribution.Status.INVOICED]
CONTRIBUTION_ORDER = ("year", "agreement__organisation__name", "agreement__product__name", "kind", "pk")


def agreements(*, viewer, organisation=None, product=None, status=None, words="") -> QuerySet:
    found = Agreement.objects.readable_by(viewer).select_related("organisation", "product")
    if organisation is not None:
        found = found.filter(organisation=organisation)
    if product is not None:
        found = found.filter(Q(product=product) | Q(product__programme=product))
    if status:
        found = found.filter(status=status)
    if words:
        found = found.filter(matching(words, "organisation__name_key", "product__name_key"))
    return found.order_by("organisation__name", "product__name", "-starts", "pk")


def contributions(*, viewer, year=None, organisation=None, product=None, status=None) -> QuerySet:
    """`product` may be a programme: its own and its products' contributions. `status` "outstanding"
    is every status still to be settled."""
    found = Contribution.objects.readable_by(viewer).select_related("agreement__organisation", "agreement__product")
    if year is not None:
        found = found.filter(year=year)
    if organisation is not None:
        found = found.filter(agreement__organisation=organisation)
    if product is not None:
        found = found.filter(Q(agreement__product=product) | Q(agreement__product__programme=product))
    if status == "outstanding":
        found = found.filter(status__in=OUTSTANDING)
    elif status:
        found = found.filter(status=status)
    return found.order_by(*CONTRIBUTION_ORDER)


@dataclass(frozen=True)
class Total:
    """The contributions of one product, programme or organisation for a year, summed by status."""

    name: str
    slug: str
    due: Decimal
    invoiced: Decimal
    paid: Decimal
    outstanding: Decimal
    lines: int

    @property
    def paid_share(self):
        """The share of what is due that is paid, 0–100, for the bar."""
        return int(self.paid * 100 / self.due) if self.due else 0


def totals(contributions: QuerySet, by: str) -> list[Total]:
    """Sums per `by`: "product", "programme" (a product's programme, or the programme joined itself)
    or "organisation"; one query."""
    name, slug = {
        "product": ("agreement__product__name", "agreement__product__slug"),
        "organisation": ("agreement__organisation__name", "agreement__organisation__slug"),
        "programme": ("agreement__product__programme__name", "agreement__product__programme__slug"),
    }[by]
    rows = (
        contributions.order_by()
        .values(name, slug)
        .annotate(
            due=Coalesce(Sum("amount", filter=~Q(status=Contribution.Status.WRITTEN_OFF)), ZERO),
            invoiced=Coalesce(Sum("amount", filter=Q(status=Contribution.Status.INVOICED)), ZERO),
            paid=Coalesce(Sum("amount", filter=Q(status=Contribution.Status.PAID)), ZERO),
            outstanding=Coalesce(Sum("amount", filter=Q(status__in=OUTSTANDING)), ZERO),
            lines=Count("pk"),
        )
        .order_by(F(name).asc(nulls_last=True))
    )
    return [
        Total(
            row[name] or "", row[slug] or "", row["due"], row["invoiced"], row["paid"], row["outstanding"], row["lines"]
        )
        for row in rows
    ]


def grand_total(contributions: QuerySet) -> dict:
    return contributions.order_by().aggregate(
        due=Coalesce(Sum("amount", filter=~Q(status=Contribution.Status.WRITTEN_OFF)), ZERO),
        paid=Coalesce(Sum("amount", filter=Q(status=Contribution.Status.PAID)), ZERO),
        outstanding=Coalesce(Sum("amount", filter=Q(status__in=OUTSTANDING)), ZERO),
    )


def years(viewer) -> list[int]:
    return list(Contribution.objects.readable_by(viewer).order_by("-year").values_list("year", flat=True).distinct())


def contacts_of(organisation, *, viewer) -> QuerySet:
    """How the people employed by an organisation relate to the products: those people the viewer may read."""
    return (
        ContactRelation.objects.filter(viewer.visible(prefix="person__"), person__employer=organisation)
        .select_related("person", "product")
        .order_by("person__name", "product__name", "kind")
    )


def contacts_for(viewer) -> QuerySet:
    """The contact relations a viewer may read: all for the board and the secretariat, a member contact
    their own organisation's people, anyone else none."""
    return of_readable_money(ContactRelation.objects.all(), viewer, "person__employer_id")
