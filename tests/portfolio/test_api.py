from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.access.groups import COORDINATOR
from tests.accounts import make_user
from tests.portfolio.builders import community, coordinator_of, milestone, report

pytestmark = pytest.mark.django_db


def test_portfolio_lists_stage_and_roadmap_to_the_public(client):
    booking = community("Booking")
    milestone(booking, "Release 2.0", due=date(2026, 6, 1))
    body = client.get("/api/portfolio/").json()
    assert [(p["community"], p["stage"], [m["title"] for m in p["milestones"]]) for p in body["results"]] == [
        ("booking", "product", ["Release 2.0"])
    ]


def test_status_reports_are_refused_to_the_public(client):
    report(community("Booking"))
    assert client.get("/api/status-reports/").status_code == 401


def test_status_reports_list_the_coordinators_own(client):
    booking = community("Booking")
    report(booking)
    report(community("Kalender"))
    client.force_login(make_user("koordinator", COORDINATOR, person=coordinator_of(booking)))
    body = client.get("/api/status-reports/").json()
    assert [(r["community"], r["period_starts"], r["hours_used"]) for r in body["results"]] == [
        ("booking", "2026-01-01", "120.00")
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_portfolio_costs_the_same_queries_for_more_communities(client, count):
    for number in range(count):
        milestone(community(f"Fællesskab {number}"))
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/portfolio/")
    assert len(queries) == 3
