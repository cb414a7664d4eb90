"""The activity form's live preview: the schedule in words and its next dates, saving nothing."""

import pytest
from django.utils import timezone

from os2org.audit.models import Entry
from os2org.governance.models import Activity

pytestmark = pytest.mark.django_db

ADDRESS = "/en/aarshjul/aktiviteter/forhaandsvisning/"


def preview(client, **fields):
    response = client.get(ADDRESS, fields)
    assert response.status_code == 200
    return response.json()


def test_preview_of_a_yearly_activity(client, staff):
    year = timezone.localdate().year + 1

    answer = preview(client, schedule="yearly", starts=f"{year}-03-15")

    assert answer == {
        "schedule": "every year on March 15",
        "dates": [f"March 15, {year + n}" for n in range(5)],
    }


def test_preview_of_a_custom_rule_in_words(client, staff):
    answer = preview(client, schedule="custom", starts="2099-01-05", rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=3")

    assert answer == {
        "schedule": "every other week: Monday, 3 times",
        "dates": ["Jan. 5, 2099", "Jan. 19, 2099", "Feb. 2, 2099"],
    }


def test_preview_of_listed_dates(client, staff):
    answer = preview(client, schedule="dates", dates="2099-05-01\n2099-02-01")

    assert answer == {"schedule": "on 2 dates", "dates": ["Feb. 1, 2099", "May 1, 2099"]}


def test_preview_says_what_is_missing(client, staff):
    assert preview(client, schedule="yearly") == {"errors": ["Enter the first date."]}


def test_preview_says_a_rule_it_cannot_read(client, staff):
    answer = preview(client, schedule="custom", starts="2099-01-05", rule="FREQ=SOMETIMES")

    assert list(answer) == ["errors"] and len(answer["errors"]) == 1


def test_preview_saves_nothing(client, staff):
    preview(client, schedule="yearly", starts="2099-03-15", title="Budget")

    assert (Activity.objects.count(), Entry.objects.count()) == (0, 0)


def test_preview_is_for_those_who_plan_activities(client, db):
    assert client.get(ADDRESS, {"schedule": "yearly", "starts": "2099-03-15"}).status_code in (302, 403)
