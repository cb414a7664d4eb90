"""The annual cycle: the wheel of a year, the next 90 days, the activities, and the pages that change them.

Read pages list only what the viewer may read (an activity they may not
read is not found), and are cached whole for the public (see
os2org.caching); the cache key carries today's date, so the wheel's mark
for today and the next dates move at midnight. Each page costs the same
however many activities there are: the wheel summarises each activity by
month and lists one month at a time, the other lists go a page at a time.
"""

from datetime import date, timedelta
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from os2org.caching import cached_page
from os2org.common.dates import EARLIEST, LATEST
from os2org.common.forms import add_service_errors
from os2org.common.pagination import paginate
from os2org.governance.cycle.forms import ActivityForm, WheelFilterForm
from os2org.governance.cycle.recurrence import describe, next_dates
from os2org.governance.cycle.selectors import (
    ACTIVITY_FIELDS,
    activities_by_title,
    occurrences_between,
    reviews_in,
)
from os2org.governance.cycle.services import save_activity, schedule_preview
from os2org.governance.cycle.wheel import draw_wheel
from os2org.governance.models import Activity
from os2org.governance.readers import OWN
from os2org.organisation.selectors import current_holders

UPCOMING_DAYS = 90
NEXT_DATES = 5


def _year(text):
    """The year asked for in ?aar=, this year without one; 404 for anything but a supported year."""
    if text is None:
        return timezone.localdate().year
    if not text.isdigit() or not EARLIEST.year <= int(text) <= LATEST.year:
        raise Http404
    return int(text)


def _month(text, year, today):
    """The month asked for in ?maaned= (1 to 12); without one, this month in this year and January in another."""
    if text is None:
        return today.month if year == today.year else 1
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise Http404
    return int(text)


@require_safe
@cached_page("aar", "maaned", "side", "organ", "type", "papir")
def wheel(request):
    today = timezone.localdate()
    year = _year(request.GET.get("aar"))
    month = _month(request.GET.get("maaned"), year, today)
    form = WheelFilterForm(request.GET, viewer=request.viewer)
    form.is_valid()
    body, kind = form.cleaned_data.get("organ"), form.cleaned_data.get("type")
    occurrences = occurrences_between(date(year, 1, 1), date(year, 12, 31), viewer=request.viewer, body=body)
    if kind:
        occurrences = [occurrence for occurrence in occurrences if occurrence.activity.kind == kind]
    wheel = draw_wheel(year, occurrences, today)
    # The other filters, kept by the links to other years and months.
    kept = urlencode({name: request.GET[name] for name in ("organ", "type", "papir") if request.GET.get(name) and name not in form.errors})
    context = {
        "form": form,
        "kept": f"&{kept}" if kept else "",
        "paper": form.cleaned_data.get("papir") or "a4",
        "year": year,
        "previous": year - 1,
        "next": year + 1,
        "wheel": wheel,
        "month": month,
        "month_name": MONTHS[month],
        "page": paginate(request, [entry for entry in wheel.entries if entry.month == month]),
    }
    return render(request, "governance/cycle.html", context)


@require_safe
@cached_page("side")
def upcoming(request):
    today = timezone.localdate()
    last = today + timedelta(days=UPCOMING_DAYS - 1)
    page = paginate(request, occurrences_between(today, last, viewer=request.viewer))
    holders = current_holders([occurrence.activity.role for occurrence in page])
    days = [
        {
            "date": day,
            "items": [
                {"occurrence": occurrence, "holders": holders.get(occurrence.activity.role_id, [])}
                for occurrence in items
            ],
        }
        for day, items in groupby(page, key=lambda occurrence: occurrence.date)
    ]
    return render(request, "governance/upcoming.html", {"page": page, "days": days, "today": today, "last": last})


@require_safe
@cached_page("side")
def activities(request):
    viewer = request.viewer
    today = timezone.localdate()
    page = paginate(request, activities_by_title(viewer=viewer))
    # The reviews (one per role description) come once, under the first page.
    reviews = reviews_in(viewer=viewer) if page.number == 1 else []
    context = {
        "page": page,
        "activities": [_row(activity, today) for activity in page],
        "reviews": [_row(review, today) for review in reviews],
    }
    return render(request, "governance/activities.html", context)


def _row(activity, today):
    upcoming = next_dates(activity, today, 1)
    return {"activity": activity, "schedule": describe(activity), "next": upcoming[0] if upcoming else None}


@require_safe
@cached_page
def activity(request, pk):
    readable = Activity.objects.filter(request.viewer.visible(**OWN)).select_related("body", "role__page")
    activity = get_object_or_404(readable.only(*ACTIVITY_FIELDS, "description_html"), pk=pk)
    context = {
        "activity": activity,
        "schedule": describe(activity),
        "next_dates": next_dates(activity, timezone.localdate(), NEXT_DATES),
        "holders": current_holders([activity.role]).get(activity.role_id, []),
    }
    return render(request, "governance/activity.html", context)


def _activity_form(request, activity):
    posted = request.POST if request.method == "POST" else None
    form = ActivityForm(posted, viewer=request.viewer, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            activity = save_activity(activity, actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    return render(request, "governance/activity_form.html", {"form": form, "activity": activity})


# The fields that decide an activity's dates; the preview answers for them alone.
SCHEDULE_FIELDS = ("schedule", "starts", "until", "months", "ordinal", "weekday", "dates", "rule")


@require_safe
def activity_preview(request):
    """The schedule the activity form holds, in words and its next dates, as JSON for the form's live preview.

    {"schedule": sentence, "dates": [day, …]} or {"errors": [message, …]}; nothing is saved.
    """
    form = ActivityForm(request.GET, viewer=request.viewer)
    form.is_valid()
    errors = [message for name in SCHEDULE_FIELDS for message in form.errors.get(name, [])]
    data = form.cleaned_data
    if not errors and "built_rule" not in data and not data.get("dates"):
        errors = [_("Enter the first date.")]
    if errors:
        return JsonResponse({"errors": errors})
    dated = data.get("schedule") == "dates"
    try:
        activity = schedule_preview(
            starts=None if dated else data.get("starts"),
            rule="" if dated else data.get("built_rule", ""),
            dates=data.get("dates") or (),
        )
    except ValidationError as error:
        return JsonResponse({"errors": error.messages})
    days = next_dates(activity, timezone.localdate(), NEXT_DATES)
    return JsonResponse({"schedule": describe(activity), "dates": [date_format(day, "DATE_FORMAT") for day in days]})


@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request):
    return _activity_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request, pk):
    return _activity_form(request, get_object_or_404(Activity, pk=pk))
