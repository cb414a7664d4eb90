"""The pages of reviews against the standards: the products and their review history, a review and its
answers, the deviations, and the checklists.

Who may open which is in rules.py; a review or a deviation of a product
the reader may not read is not found. Read pages are cached whole
(os2org.caching) and cost the same however many reviews there are: the
lists go a page at a time.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from os2org.caching import cached_page
from os2org.common.forms import add_service_errors
from os2org.common.pagination import paginate
from os2org.standards import selectors
from os2org.standards.forms import (
    AnswersForm,
    ChecklistForm,
    CloseForm,
    CompleteForm,
    DeviationFilter,
    DeviationForm,
    ReviewForm,
    point_formset,
    summarise_points,
)
from os2org.standards.models import Checklist, ChecklistPoint
from os2org.standards.services import (
    answer_review,
    change_deviation,
    close_deviation,
    complete_review,
    save_checklist,
    start_review,
)
from os2org.standards.trend import draw_trend

FORM_METHODS = ["GET", "HEAD", "POST"]


def _posted(request):
    return request.POST if request.method == "POST" else None


def _form(request, form, *, title, back, template="standards/form.html", **context):
    return render(request, template, {"form": form, "title": title, "back": back, **context})


@require_safe
@cached_page("side")
def products(request):
    page = paginate(request, selectors.product_rows(request.viewer))
    return render(request, "standards/products.html", {"page": page})


def _product(request, slug):
    return get_object_or_404(selectors.products(request.viewer), slug=slug)


@require_safe
@cached_page("side", "afvigelser")
def product(request, slug):
    body = _product(request, slug)
    viewer = request.viewer
    context = {
        "product": body,
        "reviews": paginate(request, selectors.reviews_of(body, viewer=viewer), anchor="reviews"),
        "deviations": paginate(
            request,
            selectors.deviations(viewer=viewer, product=body, status="open"),
            parameter="afvigelser",
            anchor="deviations",
        ),
        "trend": draw_trend(selectors.trend(body, viewer=viewer)),
    }
    return render(request, "standards/product.html", context)


@require_http_methods(FORM_METHODS)
def review_create(request, slug):
    body = _product(request, slug)
    form = ReviewForm(_posted(request), initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            review = start_review(product=body, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review is started. Answer its points."))
            return redirect("standards:review-answer", review.pk)
    title = _("New review of %(product)s") % {"product": body.name}
    return _form(request, form, title=title, back=_product_url(body))


def _product_url(body):
    return reverse("standards:product", args=[body.slug])


def _review(request, pk):
    found = selectors.readable_reviews(request.viewer).select_related("product", "checklist", "reviewer")
    return get_object_or_404(found, pk=pk)


@require_safe
@cached_page
def review(request, pk):
    found = _review(request, pk)
    answers = found.answers.select_related("deviation__owner_person", "deviation__owner_role__page").order_by(
        "position"
    )
    context = {"review": found, "answers": answers, "product_url": _product_url(found.product)}
    return render(request, "standards/review.html", context)


@require_http_methods(FORM_METHODS)
def review_answer(request, pk):
    found = _review(request, pk)
    answers = list(found.answers.order_by("position"))
    form = AnswersForm(_posted(request), review=found, answers=answers)
    if request.method == "POST" and form.is_valid():
        try:
            answer_review(
                found, judgements=form.judgements(), actor=request.user, revision=form.cleaned_data["revision"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answers are saved."))
            return redirect(found)
    title = _("Answers of the review of %(product)s") % {"product": found.product.name}
    return _form(request, form, title=title, back=found.get_absolute_url(), template="standards/answers_form.html")


@require_http_methods(FORM_METHODS)
def review_complete(request, pk):
    found = _review(request, pk)
    form = CompleteForm(_posted(request), review=found, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            made = complete_review(found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = ngettext(
                "The review is completed with %(count)d deviation.",
                "The review is completed with %(count)d deviations.",
                len(made),
            )
            messages.success(request, message % {"count": len(made)})
            return redirect(found)
    title = _("Complete the review of %(product)s") % {"product": found.product.name}
    explain = _("Each point not met becomes a deviation with this owner and due date; you can change each later.")
    return _form(request, form, title=title, back=found.get_absolute_url(), explain=explain)


@require_safe
@cached_page("produkt", "status", "forsinket", "side")
def deviations(request):
    viewer = request.viewer
    form = DeviationFilter(request.GET, products=selectors.products(viewer))
    form.is_valid()
    data = form.cleaned_data
    found = selectors.deviations(
        viewer=viewer,
        product=data.get("produkt"),
        status=data.get("status", ""),
        overdue_on=timezone.localdate() if data.get("forsinket") else None,
    )
    return render(request, "standards/deviations.html", {"form": form, "page": paginate(request, found)})


def _deviation(request, pk):
    return get_object_or_404(selectors.readable_deviations(request.viewer), pk=pk)


@require_http_methods(FORM_METHODS)
def deviation(request, pk):
    found = _deviation(request, pk)
    form = DeviationForm(_posted(request), deviation=found)
    if request.method == "POST" and form.is_valid():
        try:
            change_deviation(found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The deviation is saved."))
            return redirect(found)
    return render(request, "standards/deviation.html", {"deviation": found, "form": form})


@require_http_methods(FORM_METHODS)
def deviation_close(request, pk):
    found = _deviation(request, pk)
    form = CloseForm(_posted(request), deviation=found, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            close_deviation(found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The deviation is closed."))
            return redirect(found)
    title = _("Close the deviation “%(title)s”") % {"title": found.title}
    return _form(request, form, title=title, back=found.get_absolute_url())


@require_safe
@cached_page("side")
def checklists(request):
    return render(request, "standards/checklists.html", {"page": paginate(request, selectors.checklists())})


def _checklist(pk):
    points = Prefetch("points", queryset=ChecklistPoint.objects.order_by("position"))
    return get_object_or_404(Checklist.objects.prefetch_related(points), pk=pk)


@require_safe
@cached_page
def checklist(request, pk):
    return render(request, "standards/checklist.html", {"checklist": _checklist(pk)})


@require_http_methods(FORM_METHODS)
def checklist_create(request):
    return _checklist_form(request, None)


@require_http_methods(FORM_METHODS)
def checklist_edit(request, pk):
    return _checklist_form(request, _checklist(pk))


def _checklist_form(request, found):
    form = ChecklistForm(_posted(request), checklist=found)
    points = point_formset(_posted(request), checklist=found)
    # Both are validated, so that every mistake is shown at once; the points' are summed up at the form's top.
    if request.method == "POST" and all([form.is_valid(), points.is_valid(), not summarise_points(form, points)]):
        try:
            saved = save_checklist(found, points=points.rows(), actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The checklist is saved."))
            return redirect(saved)
    title = _("Checklist “%(name)s”") % {"name": found.name} if found else _("New checklist")
    back = found.get_absolute_url() if found else None
    return _form(request, form, title=title, back=back, template="standards/checklist_form.html", points=points)
