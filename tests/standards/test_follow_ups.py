"""Deviations as follow-ups: the follow-up list, "Mit overblik" and the reminders show them
(through governance.meetings.sources, which this app fills)."""

from datetime import date

import pytest

from os2org.access.groups import COORDINATOR, SECRETARIAT
from os2org.access.viewer import viewer_for
from os2org.common.visibility import ANONYMOUS, Viewer
from os2org.governance.meetings.selectors import follow_ups_due_elsewhere, follow_ups_elsewhere_of
from os2org.reminders.models import Sent
from os2org.reminders.selectors import Recipient, reminders_due
from os2org.standards.services import complete_review, start_review
from tests.accounts import make_user
from tests.dom import element, elements, parse, texts
from tests.standards.builders import TODAY, answer

pytestmark = pytest.mark.django_db

SIGNED_IN = Viewer(user_id=1)


@pytest.fixture
def found(world):
    """Two deviations owned by the product coordinator's role: one due in two days, one overdue."""
    answer(world.review, "not_met", "not_met", "met")
    soon, late = complete_review(world.review, owner_role=world.role, due=date(2026, 12, 5))
    late.due = date(2026, 11, 30)
    late.save()
    return soon, late


def titles(queryset):
    return [follow_up.title for follow_up in queryset]


def test_deviations_are_follow_ups_of_whoever_holds_the_owning_role(world, found):
    ((source, owned),) = follow_ups_elsewhere_of(world.coordinator, viewer=SIGNED_IN, on=TODAY)
    assert (source.key, titles(owned)) == ("deviation", ["Adfærdskodeks", "Licens"])


def test_deviations_are_no_follow_ups_of_someone_without_the_role(world, found):
    ((_source, owned),) = follow_ups_elsewhere_of(world.reviewer, viewer=SIGNED_IN, on=TODAY)
    assert titles(owned) == []


def test_deviations_due_split_into_overdue_and_this_week(world, found):
    ((_source, overdue, this_week),) = follow_ups_due_elsewhere(TODAY, viewer=SIGNED_IN)
    assert (titles(overdue), titles(this_week)) == (["Adfærdskodeks"], ["Licens"])


def test_deviations_of_a_product_the_viewer_may_not_read_are_left_out(world):
    review = start_review(
        product=world.hidden, checklist=world.checklist, held_on=date(2026, 11, 1), reviewer=world.reviewer
    )
    answer(review, "not_met", "met", "met")
    complete_review(review, owner_role=world.role, due=date(2026, 12, 4))
    ((_source, overdue, this_week),) = follow_ups_due_elsewhere(TODAY, viewer=ANONYMOUS)
    assert (titles(overdue), titles(this_week)) == ([], [])


def test_follow_up_list_shows_the_deviations_in_their_own_part(client, world, found):
    client.force_login(make_user("sekretaer", SECRETARIAT))
    page = parse(client.get("/en/opfoelgning/"))
    table = element(page, "table", **{"aria-labelledby": "elsewhere-deviation"})
    assert texts(elements(table, "th", scope="row")) == ["Adfærdskodeks", "Licens"]


def test_overview_lists_the_deviations_among_the_follow_ups(client, world, found):
    client.force_login(make_user("karl", COORDINATOR, person=world.coordinator))
    part = element(parse(client.get("/en/mit-overblik/")), "section", **{"aria-labelledby": "follow-ups"})
    assert [texts(elements(item, "a"))[0] for item in elements(part, "li")] == ["Adfærdskodeks", "Licens"]


def test_reminders_remind_the_role_holder_of_deviations_overdue_and_due_soon(world, found):
    soon, late = found
    user = make_user("karl", COORDINATOR, person=world.coordinator)
    due = reminders_due(Recipient(world.coordinator, viewer_for(user, on=TODAY)), on=TODAY)
    assert [(item.kind, item.key, item.period) for item in due if item.kind != Sent.Kind.REVIEW] == [
        (Sent.Kind.FOLLOW_UP_OVERDUE, f"deviation:{late.pk}", "2026-11-30"),
        (Sent.Kind.FOLLOW_UP_SOON, f"deviation:{soon.pk}", "2026-12-05"),
    ]
