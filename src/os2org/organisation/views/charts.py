"""The org charts: the organisation drawn from its data, with a text alternative."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.organisation.charts import chart_data, org_chart_graph, org_chart_mindmap


@require_safe
@cached_page
def chart(request):
    data = chart_data(viewer=request.viewer)
    context = {"roots": data.roots}
    if data.roots:
        context.update(graph=org_chart_graph(data=data), mindmap=org_chart_mindmap(data=data))
    return render(request, "organisation/chart.html", context)
