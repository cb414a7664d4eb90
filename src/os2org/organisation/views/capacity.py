"""Coverage of the organisation and the capacity of one assignment (see organisation.coverage).

The pages are cached whole like the rest: the cache key carries the data's
version and today's date, and both reports depend on nothing else.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.organisation.coverage import capacity, coverage_report, findings_elsewhere, percent, section_titles
from os2org.organisation.coverage import coverage_csv as report_csv
from os2org.organisation.models import Assignment, Body

# The bar of a person's load ends at 200 %; the text beside it says the exact share.
BAR_END = 200


@require_safe
@cached_page
def coverage(request):
    report = coverage_report()
    for item in report["communities_without_coordinator"]:
        item["kind_label"] = Body.Kind(item["kind"]).label
    for item in report["over_allocated_people"]:
        item["bar"] = min(item["percent"], BAR_END)
    titles = section_titles()
    counts = {section: len(report[section]) for section in titles}
    elsewhere = findings_elsewhere()
    # The other apps' sections are counted at the top too, after the report's own.
    summary = [(section, title, counts[section]) for section, title in titles.items()]
    summary += [(finding["id"], finding["title"], len(finding["rows"])) for finding in elsewhere]
    context = {"report": report, "counts": counts, "titles": titles, "summary": summary, "bar_end": BAR_END}
    context["elsewhere"] = elsewhere
    return render(request, "organisation/coverage.html", context)


@require_safe
@cached_page
def coverage_csv(request):
    # The byte order mark tells Excel the file is UTF-8.
    response = HttpResponse("\ufeff" + report_csv(coverage_report()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="daekning.csv"'
    return response


@require_safe
@cached_page
def assignment(request, pk):
    assignments = Assignment.objects.select_related("person", "body", "role").prefetch_related("role__tasks")
    held = get_object_or_404(assignments, pk=pk)
    return render(
        request,
        "organisation/assignment.html",
        {
            "assignment": held,
            "capacity": capacity(held),
            "share_percent": percent(held.share_of_full_time, 1),
        },
    )
