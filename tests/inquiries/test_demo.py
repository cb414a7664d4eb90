from datetime import date

import pytest

from os2org.inquiries import demo
from os2org.inquiries.models import Inquiry
from os2org.organisation.services import save_body, save_person
from tests.governance.cycle_data import make_role
from tests.inquiries.world import hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    body = save_body(name="Sekretariatet", kind="secretariat")
    slugs = ("sekretariatschef", "kommunikationsmedarbejder", "forretningskoordinator", "programleder")
    made = {slug: make_role(slug.capitalize(), slug=slug) for slug in slugs}
    hold(save_person(name="Karen Lund"), made["sekretariatschef"], body=body, starts=date(2024, 8, 1))
    return made


def test_demo_routes_the_vacant_programme_topic_to_the_chief(roles):
    demo.build()
    inquiry = Inquiry.objects.get(subject="Roadmap for næste år")
    assert (inquiry.role.slug, inquiry.assignee.name, inquiry.by_fallback) == ("sekretariatschef", "Karen Lund", True)


def test_demo_has_an_inquiry_in_every_status(roles):
    demo.build()
    assert set(Inquiry.objects.values_list("status", flat=True)) == {"new", "in_progress", "waiting", "closed"}


def test_demo_is_built_once(roles):
    demo.build()
    assert (demo.build(), Inquiry.objects.count()) == (False, 6)
