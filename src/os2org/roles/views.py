from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from os2org.access.viewer import viewer_of
from os2org.caching import cached_page
from os2org.handbook.views import version_history
from os2org.organisation.models import Assignment
from os2org.roles.models import RoleDescription

# A role page links to its handbook page but shows none of its content.
PAGE_CONTENT = ("page__source", "page__html", "page__text", "page__search_text")


@require_safe
@cached_page
def catalogue(request):
    # Django leaves Meta.ordering out of GROUP BY queries, so the order is explicit.
    roles = RoleDescription.objects.readable_by(viewer_of(request))
    roles = roles.with_task_counts().order_by("name", "slug").only(
        "name", "slug", "hours_min", "hours_max", "hours_text", "reports_to"
    )
    return render(request, "roles/catalogue.html", {"roles": roles})


@require_safe
@cached_page
def detail(request, slug):
    viewer = viewer_of(request)
    roles = RoleDescription.objects.readable_by(viewer).select_related("page")
    role = get_object_or_404(roles.defer(*PAGE_CONTENT), slug=slug)
    holders = Assignment.objects.current().filter(viewer.visible(prefix="person__"), role=role)
    holders = holders.select_related("person", "body")
    holders = holders.order_by("person__name", "id")
    return render(request, "roles/detail.html", {"role": role, "holders": holders})


@require_safe
def history(request, slug):
    roles = RoleDescription.objects.in_handbook().select_related("page")
    role = get_object_or_404(roles.defer(*PAGE_CONTENT), slug=slug)
    return version_history(request, role.page, role=role)
