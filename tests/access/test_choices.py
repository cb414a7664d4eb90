"""The forms and the API accept and refuse the same changes: their choices come from one rule.

For each writable model, a related field of an item in community A is set
to every candidate in the database (every body, every person, every role),
once through the item's form as the page shows it and once through the API,
each in a savepoint rolled back afterwards, as every group. Both must
accept it, or both refuse it.
"""

import pytest
from django.db import transaction
from django.test import Client

from os2org.access.groups import COORDINATOR, SECRETARIAT
from os2org.common.visibility import Visibility
from os2org.organisation.models import Body, Person
from os2org.organisation.services import save_body, save_person
from os2org.roles.models import RoleDescription
from tests.access.world import VIEWERS, url
from tests.forms import form_posting_to


@pytest.fixture(scope="module")
def extras(world, django_db_blocker):
    """An internal person and an internal committee, beside the world (in its transaction)."""
    with django_db_blocker.unblock():
        save_person(name="Ivan Intern", visibility=Visibility.INTERNAL)
        save_body(name="Lukket Udvalg", kind=Body.Kind.COMMITTEE, visibility=Visibility.INTERNAL)


def _page_data(client, world, viewer, view, obj_name):
    address = url(view, world)
    response = client.get(address)
    if response.status_code != 200:
        return address, None
    return address, form_posting_to(response.content.decode(), address, address).data()


def _set(data, field, value, *, many):
    changed = dict(data)
    changed[field] = [*data.get(field, []), str(value)] if many else [str(value)]
    return changed


# (form view, API endpoint, the item in community A, the field, its candidates, many)
CASES = {
    "body parent": ("organisation:body-edit", "bodies", lambda w: w.a.body, "parent", Body, False),
    "meeting body": ("governance:meeting-edit", "meetings", lambda w: w.a.meeting, "body", Body, False),
    "meeting participants": (
        "governance:meeting-edit", "meetings", lambda w: w.a.meeting, "participants", Person, True,
    ),
    "activity body": ("governance:activity-edit", "activities", lambda w: w.a.activity, "body", Body, False),
    "activity role": ("governance:activity-edit", "activities", lambda w: w.a.activity, "role", RoleDescription, False),
}  # fmt: skip


def _form_accepts(client, world, viewer, view, field, value, many):
    world.sign_in(client, viewer)
    address, data = _page_data(client, world, viewer, view, field)
    if data is None:
        return False
    response = client.post(address, _set(data, field, value, many=many))
    return response.status_code == 302 and not response["Location"].startswith("/konto/login/")


def _api_accepts(client, world, viewer, endpoint, item, field, value, many):
    headers = {"HTTP_AUTHORIZATION": f"Token {world.tokens[viewer]}"} if viewer in world.tokens else {}
    address = f"/api/{endpoint}/{item.pk}/"
    read = client.get(address, **headers)
    if read.status_code != 200:
        return False
    current = read.json()[field]
    sent = [*current, value] if many else value
    response = client.patch(
        address, {field: sent}, content_type="application/json", HTTP_IF_MATCH=read["ETag"], **headers
    )
    return response.status_code == 200


def _rolled_back(action):
    with transaction.atomic():
        outcome = action()
        transaction.set_rollback(True)
    return outcome


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("case", list(CASES))
def test_form_and_api_accept_and_refuse_the_same_changes(world, extras, client, case, viewer):
    view, endpoint, item_of, field, model, many = CASES[case]
    item = item_of(world)
    found = {}
    for candidate in model.objects.order_by("pk"):
        form = _rolled_back(lambda: _form_accepts(client, world, viewer, view, field, candidate.pk, many))
        # The API by its token alone, with no session of the form's.
        api = _rolled_back(lambda: _api_accepts(Client(), world, viewer, endpoint, item, field, candidate.pk, many))
        found[str(candidate)] = (form, api)

    assert {name: pair for name, pair in found.items() if pair[0] != pair[1]} == {}


@pytest.mark.django_db
def test_coordinator_may_leave_their_community_where_it_is_but_not_move_it(world, extras, client):
    def moved(body):
        return _form_accepts(client, world, COORDINATOR, "organisation:body-edit", "parent", body.pk, False)

    accepted = {str(body): _rolled_back(lambda: moved(body)) for body in Body.objects.order_by("pk")}

    # Under Foreningen, as it is; not under another community's body, nor inside itself.
    assert sorted(name for name, yes in accepted.items() if yes) == ["Foreningen"]


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(CASES))
def test_secretariat_has_some_change_of_each_kind_accepted_by_both(world, extras, client, case):
    view, endpoint, item_of, field, model, many = CASES[case]
    item = item_of(world)
    both = [
        candidate
        for candidate in model.objects.order_by("pk")
        if _rolled_back(lambda: _form_accepts(client, world, SECRETARIAT, view, field, candidate.pk, many))
        and _rolled_back(lambda: _api_accepts(Client(), world, SECRETARIAT, endpoint, item, field, candidate.pk, many))
    ]

    assert both != []
