"""The annual cycle's dates from agreements and contributions (governance.cycle.sources): when
contributions fall due and when an agreement under notice ends, for those who read the money."""

from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.governance.cycle.selectors import Occurrence
from os2org.governance.models import Activity
from os2org.members.models import Agreement, Contribution


def dates(start: date, end: date, *, viewer, body=None) -> list[Occurrence]:
    """Two queries, for the viewer's own money only (members.rules): nothing for anyone else."""
    if not viewer.reads_money:
        return []
    lines = Contribution.objects.readable_by(viewer).filter(starts__gte=start, starts__lte=end)
    ending = Agreement.objects.readable_by(viewer).filter(
        status=Agreement.Status.UNDER_NOTICE, ends__gte=start, ends__lte=end
    )
    if body is not None:
        lines = lines.filter(Q(agreement__product=body) | Q(agreement__product__programme=body))
        ending = ending.filter(Q(product=body) | Q(product__programme=body))
    return [*_falling_due(lines), *_endings(ending.select_related("organisation", "product"))]


def _falling_due(lines):
    found = []
    for row in lines.order_by().values("starts").annotate(count=Count("pk"), total=Sum("amount")):
        title = ngettext(
            "Contributions fall due: %(count)d invoice line",
            "Contributions fall due: %(count)d invoice lines",
            row["count"],
        ) % {"count": row["count"]}
        url = f"{reverse('members:contributions')}?aar={row['starts'].year}"
        found.append(Occurrence(Activity(title=title, kind=Activity.Kind.DEADLINE), row["starts"], url=url))
    return found


def _endings(agreements):
    return [
        Occurrence(
            Activity(title=_("Agreement ends: %(name)s") % {"name": agreement}, kind=Activity.Kind.DEADLINE),
            agreement.ends,
            url=agreement.get_absolute_url(),
        )
        for agreement in agreements
    ]
