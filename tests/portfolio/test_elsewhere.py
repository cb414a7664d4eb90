"""What the portfolio tells the coverage report and the reminders: missing status reports."""

import pytest
from django.utils import translation

from os2org.access.groups import COORDINATOR, SECRETARIAT
from os2org.access.viewer import viewer_for
from os2org.organisation.coverage import findings_elsewhere
from os2org.reminders.models import Sent
from os2org.reminders.selectors import Recipient, reminders_due
from tests.accounts import make_user
from tests.dom import attribute, element, elements, parse, text
from tests.portfolio.builders import community, coordinator_of, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _coordinator(profile):
    person = coordinator_of(profile)
    user = make_user("koordinator", COORDINATOR, person=person)
    return Recipient(person, viewer_for(user))


def test_coverage_lists_a_missing_status_report():
    community("Booking")
    report(community("Kalender"))
    (finding,) = [f for f in findings_elsewhere() if f["id"] == "missing_status_reports"]
    assert (finding["title"], finding["rows"]) == ("Missing status reports", [["Booking", "2026-01-01 – 2026-03-31"]])


def test_coverage_page_counts_a_missing_status_report_at_the_top(client):
    community("Booking")
    client.force_login(make_user("sekretaer", SECRETARIAT))

    summary = element(parse(client.get("/en/organisation/daekning/")), "ul", class_="coverage-summary")

    assert [(text(item), attribute(element(item, "a"), "href")) for item in elements(summary, "li")][-2] == (
        "Missing status reports 1",
        "#missing_status_reports",
    )


def test_reminders_tell_the_coordinator_of_a_missing_report(today):
    booking = community("Booking")
    recipient = _coordinator(booking)
    found = [(due.kind, due.key, due.period, due.obj.title) for due in reminders_due(recipient, on=today)]
    assert found == [
        (
            Sent.Kind.FOLLOW_UP_OVERDUE,
            f"status-report:{booking.pk}",
            "2026-01-01",
            "Status report for Booking, 2026-01-01–2026-03-31",
        )
    ]


def test_reminders_say_nothing_once_the_report_is_filed(today):
    booking = community("Booking")
    recipient = _coordinator(booking)
    report(booking)
    assert [due for due in reminders_due(recipient, on=today) if due.key.startswith("status-report:")] == []
