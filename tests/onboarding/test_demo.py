import pytest

from os2org.onboarding import demo
from os2org.onboarding.models import Checklist, Task
from tests.onboarding.builders import office

pytestmark = pytest.mark.django_db


def test_demo_starts_one_checklist_with_two_steps_ticked(today):
    office()
    demo.build(today)
    assert (Checklist.objects.count(), Task.objects.filter(done_on__isnull=False).count()) == (1, 2)


def test_demo_builds_only_once(today):
    office()
    demo.build(today)
    assert demo.build(today) is False
