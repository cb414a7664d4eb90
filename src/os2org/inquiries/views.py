"""The inbox's pages. Who may open which is in inquiries/rules.py: the public form is anyone's, the rest
the secretariat's alone. Lists come a page at a time, filtered in the database (inquiries.selectors).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.audit.services import history
from os2org.common.forms import add_service_errors
from os2org.common.pagination import paginate
from os2org.inquiries import selectors, services
from os2org.inquiries.chart import draw_bars
from os2org.inquiries.forms import (
    InboxFilter,
    NoteForm,
    PublicInquiryForm,
    ReplyForm,
    RerouteForm,
    StaffInquiryForm,
    StatusForm,
    TopicForm,
    UploadForm,
)
from os2org.inquiries.mail import MailError, describe, parse_mail, store_mail
from os2org.inquiries.models import Inquiry, Topic
from os2org.inquiries.spam import within_rate


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "HEAD", "POST"])
def public_form(request):
    """Anyone's form. Spam (the honeypot filled in) is answered as a success and never stored."""
    form = PublicInquiryForm(_posted(request))
    if request.method == "POST":
        if not within_rate(request):
            return render(request, "inquiries/rate_limited.html", status=429)
        if form.spam:
            return redirect("inquiries:thanks")
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("website")
            try:
                services.receive_inquiry(channel=Inquiry.Channel.FORM, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("inquiries:thanks")
    return render(request, "inquiries/public_form.html", {"form": form})


@require_safe
def thanks(request):
    return render(request, "inquiries/thanks.html")


@require_safe
def inbox(request):
    person_id = request.viewer.person_id
    form = InboxFilter(request.GET, person_id=person_id)
    page = None
    if form.is_valid():
        data = form.cleaned_data
        found = selectors.inbox(
            status=data["status"],
            topic=data["topic"],
            assignee=data["assignee"],
            overdue=data["overdue"],
            person_id=person_id,
        )
        page = paginate(request, found)
    return render(request, "inquiries/inbox.html", {"form": form, "page": page, "today": timezone.localdate()})


@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    form = StaffInquiryForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            inquiry = services.receive_inquiry(channel=Inquiry.Channel.STAFF, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The inquiry is registered."))
            return redirect(inquiry)
    return render(request, "inquiries/create.html", {"form": form})


def _inquiry(pk):
    try:
        return selectors.inquiry(pk)
    except Inquiry.DoesNotExist:
        raise Http404 from None


@require_safe
def inquiry(request, pk):
    return _inquiry_page(request, _inquiry(pk))


def _inquiry_page(request, inquiry, **forms):
    context = {
        "inquiry": inquiry,
        "log": selectors.log(inquiry),
        "overdue": inquiry.overdue_on(timezone.localdate()),
        "status_form": forms.get("status_form") or StatusForm(inquiry=inquiry),
        "note_form": forms.get("note_form") or NoteForm(inquiry=inquiry),
        "reply_form": forms.get("reply_form") or ReplyForm(inquiry=inquiry),
        "route_form": forms.get("route_form") or RerouteForm(inquiry=inquiry),
        "history": history(inquiry).select_related("actor")[:20],
    }
    return render(request, "inquiries/inquiry.html", context, status=400 if forms else 200)


# Each form on an inquiry's page: its form class, the service it calls, what is said after.
ACTIONS = {
    "status": (StatusForm, services.set_status, gettext_lazy("The status is changed.")),
    "note": (NoteForm, services.add_note, gettext_lazy("The note is added.")),
    "reply": (ReplyForm, services.add_reply, gettext_lazy("The reply is recorded.")),
    "route": (RerouteForm, services.reroute, gettext_lazy("The inquiry is routed anew.")),
}


def _act(request, pk, name):
    inquiry = _inquiry(pk)
    form_class, service, said = ACTIONS[name]
    form = form_class(request.POST, inquiry=inquiry)
    if form.is_valid():
        try:
            service(inquiry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, said)
            return redirect(inquiry)
    return _inquiry_page(request, _inquiry(pk), **{f"{name}_form": form})


@require_POST
def status(request, pk):
    return _act(request, pk, "status")


@require_POST
def note(request, pk):
    return _act(request, pk, "note")


@require_POST
def reply(request, pk):
    return _act(request, pk, "reply")


@require_POST
def route(request, pk):
    return _act(request, pk, "route")


@require_http_methods(["GET", "HEAD", "POST"])
def upload(request):
    """An e-mail saved as .eml, stored as an inquiry; a file that is no mail is refused, naming it."""
    form = UploadForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            mail = parse_mail(upload.read(), name=upload.name)
            stored = store_mail(mail, name=upload.name, actor=request.user)
        except MailError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, describe(stored))
            return redirect(stored.inquiry)
    return render(request, "inquiries/upload.html", {"form": form})


@require_safe
def statistics(request):
    sections = [
        ("topic", _("By topic"), selectors.counts_by_topic()),
        ("organisation", _("By organisation"), _named(selectors.counts_by_organisation())),
        ("month", _("By month"), selectors.counts_by_month()),
    ]
    figures = [
        {"id": key, "title": title, "rows": rows, "chart": draw_bars(rows if key != "month" else _months(rows))}
        for key, title, rows in sections
    ]
    return render(request, "inquiries/statistics.html", {"figures": figures})


def _named(rows):
    return [(name or _("(not given)"), count) for name, count in rows]


def _months(rows):
    return [(f"{day:%Y-%m}", count) for day, count in rows]


@require_safe
def topics(request):
    found = Topic.objects.select_related("role").order_by("position", "name")
    return render(request, "inquiries/topics.html", {"page": paginate(request, found)})


@require_http_methods(["GET", "HEAD", "POST"])
def topic_create(request):
    return _topic_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def topic_edit(request, slug):
    return _topic_form(request, get_object_or_404(Topic, slug=slug))


def _topic_form(request, topic):
    form = TopicForm(_posted(request), topic=topic)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            services.save_topic(topic, actor=request.user, revision=revision, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The topic is saved."))
            return redirect("inquiries:topics")
    return render(request, "inquiries/topic_form.html", {"form": form, "topic": topic})
