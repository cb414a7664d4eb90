from decimal import Decimal

import pytest

from os2org.handbook.services import import_handbook
from os2org.roles.models import Priority, Task
from tests.handbooks import write_handbook

pytestmark = pytest.mark.django_db


def test_reimport_keeps_the_estimate_of_a_task_still_on_the_page(tmp_path):
    import_handbook([write_handbook(tmp_path, roles=1)])
    Task.objects.filter(priority=Priority.MUST).update(hours_per_week=Decimal("4.5"))

    import_handbook([write_handbook(tmp_path, roles=1)])

    assert list(Task.objects.values_list("priority", "hours_per_week")) == [
        (Priority.MUST, Decimal("4.5")),
        (Priority.SHOULD, None),
        (Priority.COULD, None),
    ]
