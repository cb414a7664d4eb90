"""A small secretariat for the inquiries tests: two roles, their holders, and a topic each."""

from datetime import date

from os2org.inquiries.services import save_topic
from os2org.organisation.services import assign_role, save_body, save_person
from tests.governance.cycle_data import make_role


def hold(person, role, *, body, starts=date(2025, 1, 1), ends=None):
    return assign_role(person, body=body, role=role, starts=starts, ends=ends, hours_per_week=37)


def secretariat_world(*, communications_held=True):
    """The chief (the fallback role) held by Mette, communications held by Sofie unless told otherwise."""
    body = save_body(name="Sekretariatet", kind="secretariat")
    chief = make_role("Sekretariatschef", slug="sekretariatschef")
    communications = make_role("Kommunikationsmedarbejder", slug="kommunikationsmedarbejder")
    mette, sofie = save_person(name="Mette Holm"), save_person(name="Sofie Lund")
    hold(mette, chief, body=body)
    if communications_held:
        hold(sofie, communications, body=body)
    press = save_topic(name="Presse og nyhedsbrev", role=communications, response_days=2)
    general = save_topic(name="Generelt", role=chief, response_days=5)
    return {
        "body": body,
        "chief": chief,
        "communications": communications,
        "mette": mette,
        "sofie": sofie,
        "press": press,
        "general": general,
    }
