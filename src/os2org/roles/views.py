from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.roles.models import RoleDescription


@require_safe
@cached_page
def catalogue(request):
    # Django leaves Meta.ordering out of GROUP BY queries, so the order is explicit.
    roles = RoleDescription.objects.readable_by(request.viewer)
    roles = roles.with_task_counts().order_by("name", "slug").only(
        "name", "slug", "hours_min", "hours_max", "hours_text", "reports_to"
    )
    return render(request, "roles/catalogue.html", {"roles": roles})


@require_safe
@cached_page
def detail(request, slug):
    viewer = request.viewer
    role = get_object_or_404(RoleDescription.objects.readable_by(viewer).with_page(), slug=slug)
    # Who holds it, through the assignments that name it (the organisation's, above this app).
    holders = role.assignments.current().filter(viewer.visible(prefix="person__"))
    holders = holders.select_related("person", "body")
    holders = holders.order_by("person__name", "id")
    return render(request, "roles/detail.html", {"role": role, "holders": holders})
