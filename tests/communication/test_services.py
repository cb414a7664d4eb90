from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.communication.models import Consent, PlannedActivity
from os2org.communication.services import record_consent, record_unsubscribe, save_activity, save_issue
from os2org.organisation.services import save_person
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def anne():
    return save_person(name="Anne Andersen", email="anne@egeby.dk")


def test_record_unsubscribe_keeps_the_day_and_writes_its_audit_entry(anne):
    record_consent(anne, on=date(2026, 1, 5))
    record_unsubscribe(anne, on=date(2026, 3, 1))
    consent = Consent.objects.get(person=anne)
    assert (consent.consented_on, consent.unsubscribed_on, consent.receives) == (
        date(2026, 1, 5),
        date(2026, 3, 1),
        False,
    )
    assert Entry.objects.filter(action="communication.unsubscribe", object_id=str(consent.pk)).count() == 1


def test_record_consent_after_an_unsubscribe_subscribes_again(anne):
    record_unsubscribe(anne, on=date(2026, 3, 1))
    assert record_consent(anne, on=date(2026, 4, 1)).receives is True


def test_save_activity_refuses_both_a_role_and_a_person_as_owner(anne):
    with pytest.raises(ValidationError) as refused:
        save_activity(
            title="Webinar",
            day=date(2026, 9, 1),
            audience="members",
            channel="webinar",
            owner_role=make_role("Kommunikation"),
            owner_person=anne,
        )
    assert (refused.value.messages, PlannedActivity.objects.count()) == (
        ["Give the owner: a role or a person, one of them."],
        0,
    )


def test_save_issue_keeps_only_known_audiences_in_the_order_of_the_choices():
    issue = save_issue(title="Juni", planned=date(2026, 6, 1), audiences=["members", "<script>", "it_managers"])
    assert issue.audiences == ["it_managers", "members"]
