"""The annual cycle's dates from the budgets (governance.cycle.sources), for those who read them:

- each quarter's follow-up, the day after the quarter ends, for every year that has budgets: the
  quarter's actuals are imported then and compared with the budgets;
- a budget's approval deadline, the day before its year begins, while no board decision approves it.
"""

from datetime import date, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from os2org.budgets.models import QUARTERS
from os2org.budgets.selectors import readable_budgets, reads_budgets
from os2org.governance.cycle.selectors import Occurrence
from os2org.governance.models import Activity


def dates(start: date, end: date, *, viewer, body=None) -> list[Occurrence]:
    """Two queries, whatever the number of budgets."""
    if not reads_budgets(viewer):
        return []
    budgets = readable_budgets(viewer).filter(year__gte=start.year - 1, year__lte=end.year + 1)
    if body is not None:
        budgets = budgets.filter(body=body)
    found = []
    years = budgets.order_by().values("year").annotate(count=Count("pk"))
    for year in sorted(row["year"] for row in years):
        for quarter in QUARTERS:
            day = _quarter_end(year, quarter) + timedelta(days=1)
            if start <= day <= end:
                title = _("Budget follow-up, quarter %(quarter)d of %(year)d") % {"quarter": quarter, "year": year}
                url = f"{reverse('budgets:budgets')}?aar={year}"
                found.append(Occurrence(Activity(title=title, kind=Activity.Kind.DEADLINE), day, url=url))
    for budget in budgets.filter(decision__isnull=True).select_related("body"):
        day = date(budget.year, 1, 1) - timedelta(days=1)
        if start <= day <= end:
            title = _("Budget to be approved: %(budget)s") % {"budget": budget}
            activity = Activity(title=title, kind=Activity.Kind.DECISION_PROCESS, body=budget.body)
            found.append(Occurrence(activity, day, url=budget.get_absolute_url()))
    return found


def _quarter_end(year, quarter):
    return date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(days=1)
