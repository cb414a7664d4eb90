from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from os2org.roles.models import Priority, RoleDescription


@require_GET
def catalogue(request):
    # Django leaves Meta.ordering out of GROUP BY queries, so the order is explicit.
    roles = RoleDescription.objects.with_task_counts().order_by("name", "slug").only(
        "name", "slug", "hours_min", "hours_max", "hours_text", "reports_to"
    )
    return render(request, "roles/catalogue.html", {"roles": roles})


@require_GET
def detail(request, slug):
    role = get_object_or_404(RoleDescription.objects.select_related("page"), slug=slug)
    tasks = list(role.tasks.all())
    groups = [(priority, [t for t in tasks if t.priority == priority]) for priority in Priority]
    return render(request, "roles/detail.html", {"role": role, "task_groups": groups})
