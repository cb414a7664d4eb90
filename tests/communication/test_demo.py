import pytest

from os2org.communication import demo
from os2org.communication.models import Consent, NewsletterIssue, PlannedActivity
from os2org.organisation.services import assign_role
from tests.communication.builders import register
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db


def test_demo_plans_the_year_and_one_issue(today):
    world = register()
    assign_role(world.bo, body=world.booking, role=make_role("Kommunikation"), starts=today, hours_per_week=5)
    demo.build(today)
    assert (PlannedActivity.objects.count(), NewsletterIssue.objects.count(), Consent.objects.count() >= 4) == (
        8,
        1,
        True,
    )
