"""The org charts: the organisation drawn from its data, with a text alternative."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.organisation.charts import chart_data, focus, org_chart_graph, org_chart_mindmap


@require_safe
@cached_page("organ")
def chart(request):
    """The whole organisation as far as one chart can show it, or with ?organ= the part under one body."""
    data = chart_data(viewer=request.viewer)
    top = None
    if request.GET.get("organ"):
        top = next((node for node in data.nodes if node.body.slug == request.GET["organ"]), None)
        if top is None:
            raise Http404
    data = focus(data, top)
    context = {"roots": data.roots, "top": top and top.body, "cut": any(node.hidden for node in data.nodes)}
    if data.roots:
        mindmap = org_chart_mindmap(data=data, root=top and top.body)
        context.update(graph=org_chart_graph(data=data), mindmap=mindmap)
    return render(request, "organisation/chart.html", context)
