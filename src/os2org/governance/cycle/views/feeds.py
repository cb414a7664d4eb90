"""Calendar subscriptions to the annual cycle: the secretariat hands out the secret addresses; calendar programs fetch them.

Each feed shows items up to the visibility chosen when it was made. Its
address is its only secret: the app keeps a made feed under a hash of the
address, and tells every cache on the way to keep nothing.
"""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from os2org.audit.selectors import request_data_version
from os2org.caching import PAGE_SECONDS
from os2org.common.pagination import paginate
from os2org.common.visibility import Visibility
from os2org.governance.cycle.forms import FeedForm
from os2org.governance.cycle.ical import feed_calendar
from os2org.governance.cycle.services import feed_for
from os2org.governance.models import Feed
from os2org.organisation.models import Body, Person
from os2org.roles.models import RoleDescription

# Querysets, copied with .all() on every use so that no request sees another's results.
SUBJECTS = {
    Feed.Scope.BODY: Body.objects.only("name", "slug").order_by("name", "pk"),
    Feed.Scope.ROLE: RoleDescription.objects.only("name", "slug").order_by("name", "pk"),
    Feed.Scope.PERSON: Person.objects.only("name", "slug").order_by("name", "pk"),
}
# Each kind a page at a time, by a parameter of its own: a thousand people are a thousand forms.
FEEDS_PER_PAGE = 25
PAGE_OF = {Feed.Scope.BODY: "organer", Feed.Scope.ROLE: "roller", Feed.Scope.PERSON: "personer"}


def _addresses(request, feed):
    """(https address, webcal address) of a feed: calendar programs subscribe to webcal:// addresses."""
    if feed is None:
        return None
    address = request.build_absolute_uri(feed.get_absolute_url())
    return {
        "https": address,
        "webcal": "webcal://" + address.partition("://")[2],
        "shows": feed.get_visibility_display(),
    }


def _rows(request, scope, subjects, feeds):
    rows = []
    for subject in subjects:
        address = _addresses(request, feeds.get((scope, subject.pk)))
        rows.append({"scope": scope, "subject": subject, "id": subject.pk, "address": address})
    return rows


@require_http_methods(["GET", "HEAD", "POST"])
def feeds(request):
    if request.method == "POST":
        return _make(request)
    feeds = {(feed.scope, feed.body_id or feed.role_id or feed.person_id): feed for feed in Feed.objects.all()}
    organisation = feeds.get((Feed.Scope.ORGANISATION, None))
    context = {
        "visibilities": Visibility.choices,
        "default_visibility": Visibility.MEMBERS,
        "organisation": _addresses(request, organisation),
        "sections": [],
    }
    for number, (scope, subjects) in enumerate(SUBJECTS.items(), start=1):
        page = paginate(request, subjects.all(), FEEDS_PER_PAGE, parameter=PAGE_OF[scope], anchor=f"feeds-{number}")
        heading = capfirst(subjects.model._meta.verbose_name_plural)
        context["sections"].append((heading, _rows(request, scope, page, feeds), page))
    return render(request, "governance/feeds.html", context)


def _make(request):
    """Make the feed that a button on the page asks for, then show its address there."""
    form = FeedForm(request.POST)
    if not form.is_valid():
        raise Http404
    scope, pk = form.cleaned_data["scope"], form.cleaned_data["id"]
    if scope == Feed.Scope.ORGANISATION:
        subject = None
    elif pk is not None:
        subject = get_object_or_404(SUBJECTS[scope], pk=pk)
    else:
        raise Http404
    feed_for(subject, actor=request.user, visibility=form.cleaned_data["visibility"])
    messages.success(request, _("The calendar address is ready."))
    anchor = f"feed-{scope}" + (f"-{subject.pk}" if subject else "")
    return redirect(f"{reverse('governance:feeds')}{_page_of(scope, subject)}#{anchor}")


def _page_of(scope, subject):
    """The query that shows the page of its kind on which `subject` is listed ("" for the first page)."""
    if subject is None:
        return ""
    position = list(SUBJECTS[scope].values_list("pk", flat=True)).index(subject.pk)
    number = position // FEEDS_PER_PAGE + 1
    return f"?{PAGE_OF[scope]}={number}" if number > 1 else ""


@require_safe
def feed(request, token):
    feed = get_object_or_404(Feed.objects.select_related("body", "role", "person"), token=token)
    domain = request.get_host().partition(":")[0]
    # Calendar programs fetch every few hours, each the same bytes until the
    # data changes: made once per version of the data and day, and kept in
    # the page cache (bounded in bytes) under a hash of the secret address.
    key = "feed:{}:{}:{}".format(
        request_data_version(request),
        timezone.localdate().isoformat(),
        hashlib.sha256(f"{token}|{request.scheme}|{request.get_host()}|{get_language()}".encode()).hexdigest(),
    )
    content = cache.get(key)
    if content is None:
        content = feed_calendar(feed, domain=domain, absolute=request.build_absolute_uri)
        cache.set(key, content, PAGE_SECONDS)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    # Whoever holds the address may read it, nobody on the way should keep it.
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def own_feed(request):
    """A signed-in person's own calendar: their meetings, follow-ups and role reviews, as they may read them.

    Made on their own asking, reading as them (ical.feed_reader), so it
    never shows more than their own pages do.
    """
    person = Person.objects.filter(pk=request.viewer.person_id).first()
    if request.method == "POST" and person is not None:
        feed_for(person, actor=request.user, visibility=Visibility.INTERNAL)
        messages.success(request, _("Your calendar address is ready."))
        return redirect("governance:own-feed")
    feed = Feed.objects.filter(person=person).first() if person is not None else None
    return render(request, "governance/own_feed.html", {"person": person, "address": _addresses(request, feed)})
