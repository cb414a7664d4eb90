"""One supported range of dates (1900–2999) for forms, models, loaders and the API."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from os2org.common.dates import DateField, validate_date
from os2org.governance.cycle.services import save_activity
from os2org.governance.meetings import services
from os2org.governance.models import Activity, Meeting
from os2org.organisation.loading import LoadError, load_yaml
from os2org.organisation.models import Assignment
from tests.governance.builders import at, board

pytestmark = pytest.mark.django_db

FIELD_MESSAGE = ["Angiv en dato i årene 1900 til 2999."]


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2999, 12, 31)])
def test_validate_date_takes_the_ends_of_the_range(day):
    assert validate_date(day) is None


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(3000, 1, 1), date(9999, 12, 31)])
def test_validate_date_refuses_outside_the_range(day):
    with pytest.raises(ValidationError) as raised:
        validate_date(day)

    assert raised.value.messages == FIELD_MESSAGE


def test_date_field_refuses_year_9999():
    with pytest.raises(ValidationError) as raised:
        DateField().clean("9999-12-31")

    assert raised.value.messages == FIELD_MESSAGE


def test_date_field_offers_the_range_to_the_date_picker():
    html = DateField().widget.render("day", None)

    assert html == '<input type="date" name="day" min="1900-01-01" max="2999-12-31">'


@pytest.mark.parametrize("when", ["9999-12-31 10:00", "0001-01-01 10:00"])
def test_save_meeting_refuses_a_day_outside_the_range(when):
    with pytest.raises(ValidationError) as raised:
        services.save_meeting(body=board(), starts=at(when))

    assert (raised.value.message_dict, Meeting.objects.count()) == ({"starts": FIELD_MESSAGE}, 0)


def test_meeting_form_refuses_year_9999_next_to_its_date(staff, client):
    body = board()

    response = client.post(
        "/moeder/nyt/", {"body": body.pk, "starts": "9999-12-31", "time": "10:00", "duration": "60", "visibility": "internal"}
    )

    assert (response.status_code, response.context["form"].errors, Meeting.objects.count()) == (
        200,
        {"starts": FIELD_MESSAGE},
        0,
    )


def test_save_activity_refuses_a_first_date_in_year_1():
    with pytest.raises(ValidationError) as raised:
        save_activity(title="Frist", kind=Activity.Kind.DEADLINE, starts=date(1, 1, 1), rule="FREQ=DAILY")

    assert (raised.value.message_dict, Activity.objects.count()) == ({"starts": FIELD_MESSAGE}, 0)


def test_organisation_file_refuses_an_assignment_from_year_1(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "bodies:\n  - name: Bestyrelsen\n    kind: board\npeople:\n  - name: Ane Holm\n"
        "assignments:\n  - person: Ane Holm\n    body: Bestyrelsen\n    from: 0001-01-01\n    hours_per_week: 2\n",
        encoding="utf-8",
    )

    with pytest.raises(LoadError) as raised:
        load_yaml(path)

    assert (str(raised.value), Assignment.objects.count()) == (
        f"{path}:9: from: Angiv en dato i årene 1900 til 2999.",
        0,
    )
