"""Every page asks the database the same number of questions, however large the organisation.

The demo with one unit of larger organisation (`os2org demo --scale 1`)
is built once for this module, and every page is read by the public and by
each group's demo log-in; then a second unit (`--scale 2`: 100 more
people, 10 more communities, 60 more meetings with 1,000 decisions…) is
added and the same pages are read again. (At the demo's own size some
lists are empty, and an empty list skips the queries for its rows' related
data: the sizes compared both have rows.) A page whose queries grow with the data (one query per
row: the N+1 that made a board meeting page ask 152 questions) fails here.
The two builds happen inside one transaction that is rolled back, so the
other tests find the database empty.
"""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from os2org.access.demo import LOGINS
from os2org.budgets.models import Budget
from os2org.governance.meetings.selectors import carried_follow_ups
from os2org.governance.models import Activity, AgendaItem, FollowUp, Meeting
from os2org.governance.readers import UNFILTERED
from os2org.handbook.models import Page
from os2org.members.models import Agreement, Contribution
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.roles.models import RoleDescription

pytestmark = [pytest.mark.django_db]

READERS = [None, *(username for username, _group, _person, _authority in LOGINS)]
PAGE_NAMES = [
    "home", "handbook page", "page history", "search", "roles", "role", "role history", "organisation", "people",
    "people found", "person", "bodies", "bodies found", "body", "organisations", "organisations found",
    "member organisation", "coverage", "assignment", "chart", "wheel", "upcoming",
    "activities", "activity", "calendars", "meetings", "board meeting", "agenda", "minutes", "decisions",
    "decisions found", "follow-ups", "follow-up", "change log", "git", "my overview",
    "budgets", "budget", "chart of accounts", "actuals", "invoice approvers",
    "members and money", "agreements", "agreements found", "agreement", "new agreement", "contributions",
    "outstanding", "contribution", "organisation's money", "payments",
    "standards", "product reviews", "deviations", "review checklists",
    "inquiries", "inquiry statistics", "inquiry topics", "inquiry form",
    "onboarding", "onboarding templates", "start a checklist", "communication plan", "newsletter issues",
    "newsletter recipients",
]


def addresses():
    """The pages to read: every list, and one of each kind of detail page that exists at both sizes."""
    board = Meeting.objects.filter(body__name="Bestyrelsen", starts__date__lt=date.today()).order_by("-starts")[1]
    booking = Body.objects.get(name="Fælleskode Booking")
    karen = Person.objects.get(name="Karen Lund")
    region = Organisation.objects.get(name="Region Vestkyst")
    role = RoleDescription.objects.get(name="Produktkoordinator")
    activity = Activity.objects.get(title="Koordinatormøde")
    follow_up = FollowUp.objects.filter(item__meeting=board).order_by("pk").first() or FollowUp.objects.order_by("pk")[0]
    assignment = Assignment.objects.get(person__name="Mads Kjær", body=booking)
    page = Page.objects.get(path="organisation.md")
    # The coordinator's own community's budget: every reader but the member contact opens it.
    budget = Budget.objects.get(body=booking)
    # Region Vestkyst's: the member contact's own organisation.
    agreement = Agreement.objects.get(organisation=region, product=booking)
    contribution = agreement.contributions.order_by("pk").first()
    return {
        "home": "/",
        "handbook page": f"/side/{page.slug}/",
        "page history": f"/side/{page.slug}/historik/",
        "search": "/soeg/?q=budget",
        "roles": "/roller/",
        "role": f"/roller/{role.slug}/",
        "role history": f"/roller/{role.slug}/historik/",
        "organisation": "/organisation/",
        "people": "/organisation/personer/",
        "people found": "/organisation/personer/?q=lund",
        "person": f"/organisation/personer/{karen.slug}/",
        "bodies": "/organisation/organer/",
        "bodies found": "/organisation/organer/?q=gruppen",
        "body": f"/organisation/organer/{booking.slug}/",
        "organisations": "/organisation/organisationer/",
        "organisations found": "/organisation/organisationer/?q=kommune",
        "member organisation": f"/organisation/organisationer/{region.slug}/",
        "coverage": "/organisation/daekning/",
        "assignment": f"/organisation/tildelinger/{assignment.pk}/",
        "chart": "/organisation/diagram/",
        "wheel": "/aarshjul/",
        "upcoming": "/aarshjul/kommende/",
        "activities": "/aarshjul/aktiviteter/",
        "activity": f"/aarshjul/aktiviteter/{activity.pk}/",
        "calendars": "/aarshjul/kalendere/",
        "meetings": "/moeder/",
        "board meeting": f"/moeder/{board.pk}/",
        "agenda": f"/moeder/{board.pk}/dagsorden/",
        "minutes": f"/moeder/{board.pk}/referat/udskrift/",
        "decisions": "/beslutninger/",
        "decisions found": "/beslutninger/?q=budget",
        "follow-ups": "/opfoelgning/",
        "follow-up": f"/opfoelgning/{follow_up.pk}/",
        "change log": "/aendringer/",
        "git": "/git/",
        "my overview": "/mit-overblik/",
        "budgets": "/budgetter/",
        "budget": f"/budgetter/{budget.pk}/",
        "chart of accounts": "/budgetter/konti/",
        "actuals": "/budgetter/regnskab/",
        "invoice approvers": "/budgetter/fakturagodkendere/",
        "members and money": "/medlemmer/",
        "agreements": "/medlemmer/aftaler/",
        "agreements found": "/medlemmer/aftaler/?q=kommune&status=active",
        "agreement": f"/medlemmer/aftaler/{agreement.pk}/",
        "new agreement": "/medlemmer/aftaler/ny/",
        "contributions": "/medlemmer/bidrag/",
        "outstanding": "/medlemmer/bidrag/udestaaende/",
        "contribution": f"/medlemmer/bidrag/{contribution.pk}/",
        "organisation's money": f"/medlemmer/organisationer/{region.slug}/",
        "payments": "/medlemmer/betalinger/",
        "standards": "/standarder/",
        "product reviews": f"/standarder/produkter/{booking.slug}/",
        "deviations": "/standarder/afvigelser/",
        "review checklists": "/standarder/tjeklister/",
        "inquiries": "/henvendelser/?status=alle",
        "inquiry statistics": "/henvendelser/statistik/",
        "inquiry topics": "/henvendelser/emner/",
        "inquiry form": "/henvendelser/ny/",
        "onboarding": "/onboarding/",
        "onboarding templates": "/onboarding/skabeloner/",
        "start a checklist": "/onboarding/start/",
        "communication plan": "/kommunikation/",
        "newsletter issues": "/kommunikation/nyhedsbreve/",
        "newsletter recipients": "/kommunikation/modtagere/",
    }


def read_everything(readers, pages):
    """{(reader, page): (status, queries)} of every page for every reader."""
    found = {}
    for reader, client in readers.items():
        for name, address in pages.items():
            cache.clear()
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(address)
            found[reader, name] = (response.status_code, len(queries))
    return found


# What was measured, kept for the worker's whole run: should the module's tests be
# split (pytest -n without --dist loadfile), each worker measures once, not per part.
MEASURED = {}


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """{"people": (…, …), "pages": (…, …)}: at the demo's size, and with a unit more."""
    if not MEASURED:
        MEASURED.update(measure(django_db_blocker))
    return MEASURED


def measure(django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("demo", "--scale", "1", verbosity=0)
        readers = {reader: Client() for reader in READERS}
        for username, client in readers.items():
            if username:
                client.force_login(User.objects.get(username=username))
        pages = addresses()
        small = rows(pages), read_everything(readers, pages)
        call_command("demo", "--scale", "2", verbosity=0)
        large = rows(pages), read_everything(readers, pages)
        transaction.set_rollback(True)
    return {"rows": (small[0], large[0]), "pages": (small[1], large[1])}


def rows(pages):
    """How many rows the pages read have to show: what must grow for a page's N+1 to show."""
    board = Meeting.objects.get(pk=pages["board meeting"].split("/")[2])
    return {
        "people": Person.objects.count(),
        "decisions": AgendaItem.objects.decisions().count(),
        "carried by the board meeting": carried_follow_ups(board, viewer=UNFILTERED).count(),
        "budgets": Budget.objects.count(),
        "agreements": Agreement.objects.count(),
        "contributions": Contribution.objects.count(),
    }


@pytest.mark.parametrize(
    "what", ["people", "decisions", "carried by the board meeting", "budgets", "agreements", "contributions"]
)
def test_the_second_size_has_more_to_show(measured, what):
    small, large = measured["rows"]

    assert large[what] > small[what]


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader or "public")
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_queries_do_not_grow_with_the_organisation(measured, reader, page):
    small, large = measured["pages"]

    assert large[reader, page] == small[reader, page]
