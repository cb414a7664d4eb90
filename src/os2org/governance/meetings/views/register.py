"""The decision register and the follow-up dashboard (for those who log in).

Each lists only the decisions the viewer may read: the public register
holds exactly the decisions whose agenda item is public. Cached whole for
the public like every read page (see os2org.caching); the cache key
carries the day, so what is overdue moves on at midnight.
"""

from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.common.pagination import PAGE, paginate
from os2org.governance.meetings import selectors
from os2org.governance.models import AgendaItem, Meeting
from os2org.organisation.models import Body
from os2org.organisation.selectors import current_holders

# Fewer than other lists: each decision shows its text and its follow-ups.
DECISIONS_PER_PAGE = 25
# The most follow-ups kept elsewhere (a review's deviations…) the list shows of each source, overdue
# and due this week; the source's own list, which the part links to, has them all a page at a time.
ELSEWHERE_SHOWN = 20


@dataclass(frozen=True)
class Elsewhere:
    """One source of follow-ups kept elsewhere (meetings.sources), as the follow-up list shows it."""

    source: object
    overdue: list
    overdue_count: int
    this_week: list
    this_week_count: int

    @property
    def rows(self):
        return [*self.overdue, *self.this_week]

    @property
    def more(self):
        return self.overdue_count + self.this_week_count - len(self.rows)


class DecisionFilter(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All bodies"),
        error_messages={"invalid_choice": _("No body with decisions has that address; choose one from the list.")},
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a year from the list: one in which decisions were made.")},
    )
    q = forms.CharField(label=_("Words"), max_length=200, required=False)

    def __init__(self, *args, viewer, **kwargs):
        # Its own ids: the site's search field in the header is "search-q".
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        # Only the bodies and years of decisions the viewer may read.
        readable = AgendaItem.objects.decisions().filter(viewer.visible(**selectors.OF_ITEM))
        # Their meetings, a tenth as many: SQLite truncates each date to its year in Python.
        meetings = Meeting.objects.filter(pk__in=readable.values("meeting_id"))
        bodies = Body.objects.filter(meetings__in=meetings).distinct()
        self.fields["body"].queryset = bodies.only("name", "slug").order_by("name", "pk")
        years = meetings.datetimes("starts", "year", order="DESC")
        self.fields["year"].choices = [("", _("All years")), *((moment.year, moment.year) for moment in years)]

    @property
    def filtering(self):
        return any(value not in (None, "") for value in self.cleaned_data.values())


@require_safe
@cached_page("body", "year", "q", PAGE)
def decisions(request):
    viewer = request.viewer
    form = DecisionFilter(request.GET, viewer=viewer)
    page = None
    if form.is_valid():
        data = form.cleaned_data
        found = selectors.decisions(viewer=viewer, body=data["body"], year=data["year"], text=data["q"])
        page = paginate(request, found, per_page=DECISIONS_PER_PAGE)
    return render(request, "governance/decisions.html", {"form": form, "page": page})


@require_safe
@cached_page(PAGE)
def follow_ups(request):
    today = timezone.localdate()
    overdue, this_week = selectors.follow_ups_due(today, viewer=request.viewer)
    # The overdue ones pile up over the years: a page of them at a time, the longest overdue first.
    overdue = paginate(request, overdue.order_by("due", "pk"))
    this_week = list(this_week.order_by("due", "pk"))
    elsewhere = [
        Elsewhere(source, list(late[:ELSEWHERE_SHOWN]), late.count(), list(week[:ELSEWHERE_SHOWN]), week.count())
        for source, late, week in selectors.follow_ups_due_elsewhere(today, viewer=request.viewer)
    ]
    shown = [*overdue, *this_week, *(row for part in elsewhere for row in part.rows)]
    holders = current_holders([follow_up.owner_role for follow_up in shown])
    for follow_up in shown:
        follow_up.holders = holders.get(follow_up.owner_role_id, [])
    for follow_up in overdue:
        follow_up.days_overdue = (today - follow_up.due).days
    context = {
        "overdue": overdue,
        "this_week": this_week,
        "sunday": selectors.week_end(today),
        "elsewhere": elsewhere,
    }
    return render(request, "governance/follow_ups.html", context)
