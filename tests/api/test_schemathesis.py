"""Schemathesis against the API's own schema: no server error for any generated request,
and every answer as the schema says (status code, content type, body).

Run in-process against the WSGI application, inside the test's
transaction, over a small world of data: once as the secretariat (so the
write endpoints save), once as the public (reading only what is public).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from os2org.governance.models import Activity, AgendaItem, FollowUp, Meeting
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Enough to find what is wrong, little enough that both passes together take
# about a minute of one core (pytest -n 2 shares them out).
LIMITS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)


# The items an integer in a generated request is turned into, so that
# updates find their item and new items their body, meeting or decision
# (random numbers would almost only meet "no such item").
ITEMS = {
    "bodies": Body,
    "organisations": Organisation,
    "people": Person,
    "assignments": Assignment,
    "activities": Activity,
    "meetings": Meeting,
    "agenda-items": AgendaItem,
    "follow-ups": FollowUp,
}
PARENTS = {"body": Body, "meeting": Meeting, "item": AgendaItem, "person": Person}

# Loaded when the tests are collected: making the schema reads no data.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def in_the_test_transaction():
    """Django closes "old" database connections when a request starts and
    ends; inside the test's transaction that would end it. Its own test
    client stops doing so in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def existing(model, number):
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return ids[number % len(ids)] if ids else number


def is_number(value):
    return isinstance(value, int) and not isinstance(value, bool)


def aim_at_the_world(case):
    """Point the generated integers of a write at items that exist (other values stay as generated)."""
    model = ITEMS.get(case.operation.path.split("/")[2])
    if model is not None and is_number((case.path_parameters or {}).get("id")):
        case.path_parameters["id"] = existing(model, case.path_parameters["id"])
    if isinstance(case.body, dict):
        for name, parent in PARENTS.items():
            if is_number(case.body.get(name)):
                case.body[name] = existing(parent, case.body[name])


@schema.parametrize()
@LIMITS
def test_api_as_the_secretariat(case, world, secretariat):
    aim_at_the_world(case)
    case.call_and_validate(headers=secretariat, checks=CHECKS)


@schema.include(method="GET").parametrize()
@LIMITS
def test_api_as_the_public(case, world):
    case.call_and_validate(checks=CHECKS)
