"""My overview: the start page after log-in, about the person who logged in.

Kept per person (os2org.caching, personal=True): it shows each reader
their own minutes, follow-ups, meetings, hours and reviews. A log-in tied
to no person gets a page that says so; the secretariat also gets what the
coverage report finds.
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from os2org.caching import cached_page
from os2org.common.visibility import MEMBER_CONTACT
from os2org.organisation.models import Person
from os2org.overview.selectors import authority_of, coverage_findings, overview_of


@require_safe
@cached_page(personal=True)
def mine(request):
    viewer = request.viewer
    today = timezone.localdate()
    person = Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None
    context = {
        "overview": overview_of(person, viewer=viewer, on=today) if person else None,
        "findings": coverage_findings(today) if viewer.secretariat else None,
        # A member contact's log-in stands for their authority; no one else's does.
        "authority": authority_of(viewer.user_id, viewer=viewer) if MEMBER_CONTACT in viewer.groups else None,
    }
    return render(request, "overview/mine.html", context)
