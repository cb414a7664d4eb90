"""The demo's money: last year's and this year's contributions, worked out from the demo's agreements
(src/os2org/demo/members.yaml), last year's paid and this year's partly invoiced, so that the
outstanding list has something on it."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from os2org.members.models import Contribution
from os2org.members.services import raise_contributions, set_contribution_status


@transaction.atomic
def build(today: date | None = None) -> bool:
    """Work out and settle the demo's contributions, once. Returns whether anything was added."""
    if Contribution.objects.exists():
        return False
    year = (today or timezone.localdate()).year
    raise_contributions(year - 1)
    raise_contributions(year)
    for number, line in enumerate(Contribution.objects.order_by("year", "pk"), start=1):
        invoiced_on = date(line.year, 2, 1)
        if line.year < year:
            set_contribution_status(
                line,
                status=Contribution.Status.PAID,
                invoice_number=f"F{line.year}-{number:04d}",
                invoiced_on=invoiced_on,
                paid_on=date(line.year, 3, 1),
            )
        elif number % 2:
            set_contribution_status(
                line,
                status=Contribution.Status.INVOICED,
                invoice_number=f"F{line.year}-{number:04d}",
                invoiced_on=invoiced_on,
            )
    return True
