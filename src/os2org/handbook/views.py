from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.caching import cached_page
from os2org.common.forms import add_service_errors
from os2org.handbook.diff import line_diff
from os2org.handbook.forms import CompareForm, PageForm, PreviewForm
from os2org.handbook.models import Asset, Page
from os2org.handbook.services import preview_page, save_page
from os2org.roles.models import RoleDescription


@require_safe
def home(request):
    pages = Page.objects.filter(request.viewer.visible())
    page = pages.filter(path__in=["index.md", "index.markdown", "README.md"]).first()
    if page is None:
        page = pages.filter(parent="", has_front_matter=True, nav_exclude=False).order_by("nav_order", "title").first()
    if page is None:
        return render(request, "handbook/empty.html")
    return redirect(page)


@require_safe
@cached_page
def page(request, slug):
    pages = Page.objects.filter(request.viewer.visible()).select_related("role")
    page = get_object_or_404(pages.defer("source", "text", "search_text"), slug=slug)
    return render(request, "handbook/page.html", {"page": page})


@require_safe
def accessibility(request):
    """The accessibility statement, which a Danish public body must publish and link from every page."""
    return render(request, "handbook/accessibility.html")


@require_http_methods(["GET", "HEAD", "POST"])
def page_edit(request, slug):
    page = get_object_or_404(Page, slug=slug)
    form = PageForm(request.POST if request.method == "POST" else None, page=page)
    if request.method == "POST" and form.is_valid():
        try:
            page = save_page(page, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The page is saved."))
            return redirect(page)
    return render(request, "handbook/page_form.html", {"page": page, "form": form})


@require_POST
def page_preview(request, slug):
    """What the page editor's text would show, as JSON for its live preview: {"html": …, "errors": […]}.

    A POST (with the form's CSRF token): a page's text is too long for an address. Nothing is saved.
    """
    page = get_object_or_404(Page.objects.only("path"), slug=slug)
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"html": "", "errors": list(form.errors["source"])})
    html, errors = preview_page(page, form.cleaned_data["source"])
    return JsonResponse({"html": html, "errors": errors})


@require_safe
def page_history(request, slug):
    page = get_object_or_404(Page.objects.defer("source", "html", "text", "search_text"), slug=slug)
    return version_history(request, page)


@require_safe
def role_history(request, slug):
    """A role description's versions: those of its page."""
    role = get_object_or_404(RoleDescription.objects.in_handbook().with_page(), slug=slug)
    return version_history(request, role.page, role=role)


def version_history(request, page, **context):
    """A page's versions and what changed between two of them (`?fra=1&til=3`).

    The versions are the page's, so they are for whoever may read the page.
    Who made a change is told only to those who read everything.
    """
    viewer = request.viewer
    if not viewer.reads(page.visibility):
        raise Http404
    versions = page.versions.defer("source")
    if viewer.reads_everything:
        versions = versions.select_related("actor")
    versions = list(versions)
    numbers = [version.number for version in versions]
    form = CompareForm(request.GET, numbers=numbers) if numbers else None
    diff = None
    if form is not None and form.is_valid():
        older, newer = form.cleaned_data["fra"], form.cleaned_data["til"]
        sources = dict(page.versions.filter(number__in=[older, newer]).order_by().values_list("number", "source"))
        diff = line_diff(sources[older], sources[newer])
    context.update(page=page, versions=versions, form=form, diff=diff, personal=viewer.reads_everything)
    return render(request, "handbook/history.html", context)


@require_safe
def handbook_file(request, path):
    """A file of the handbook (an image, a PDF…), for whoever may read a page that uses it.

    Served so that it can never act as a page of this site: no sniffing,
    and an SVG's scripts are shut in a sandbox.
    """
    asset = get_object_or_404(Asset.objects.filter(request.viewer.visible()), path=path)
    response = HttpResponse(bytes(asset.content), content_type=asset.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    if not asset.content_type.startswith("image/"):
        response["Content-Disposition"] = "attachment"
    return response
