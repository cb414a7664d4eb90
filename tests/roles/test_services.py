from datetime import date
from decimal import Decimal

import pytest

from os2org.handbook.services import import_handbook
from os2org.roles.models import Priority, RoleDescription, Task
from tests.handbooks import role_page, write_handbook, write_pages

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


@pytest.mark.parametrize(
    ("reviewed", "stored"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2999-12-31", date(2999, 12, 31)),
        ("0001-01-01", None),
        ("1899-12-31", None),
        ("9999-12-31", None),
        ("2026-02-30", None),
        ("i foråret", None),
    ],
)
def test_import_stores_a_review_date_only_in_the_supported_range(tmp_path, reviewed, stored):
    source = role_page("Chef").replace("title: Chef\n", f"title: Chef\nreviewed: {reviewed}\n")
    import_handbook([write_pages(tmp_path, {"chef.md": source})])

    assert RoleDescription.objects.get().reviewed_on == stored
