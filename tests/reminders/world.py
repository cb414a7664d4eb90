"""The overview's small organisation (tests/overview/world.py), with addresses and log-ins, on Monday 11 May 2026.

Ane Holm (secretariat) and Bo Lund (a log-in with no group: he reads what
members read) have addresses and reminders on. The board's minutes were
sent on 7 May and wait for both. Ane's action is overdue since 1 April.
Bo owns an action due on 14 May, and one of an internal meeting that he
may not read. The product community Mosaik lost its coordinator, Cille
Dahl, on 8 May; Cille has no log-in.
"""

from datetime import date

from os2org.access.groups import SECRETARIAT
from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.governance.builders import decision, meeting
from tests.governance.cycle_data import freeze
from tests.overview import world

TODAY = date(2026, 5, 11)
SITE_URL = "https://org.example.org"


def build(monkeypatch):
    found = world.build(monkeypatch)
    ane = save_person(found["ane"], email="ane@example.org")
    bo = save_person(found["bo"], email="bo@example.org")
    budget = found["late"].item
    soon = services.add_follow_up(budget, title="Regnskabet afleveres", due=date(2026, 5, 14), owner_person=bo)
    closed = meeting(found["board"], "2026-04-20 16:00", participants=[ane, bo], visibility=Visibility.INTERNAL)
    secret = decision(closed, "Løn", "Lønnen reguleres.")
    hidden = services.add_follow_up(secret, title="Lønnen udbetales", due=date(2026, 5, 12), owner_person=bo)
    mosaik = save_body(name="Mosaik", kind=Body.Kind.PRODUCT_COMMUNITY)
    cille = save_person(name="Cille Dahl", email="cille@example.org")
    assign_role(
        cille, body=mosaik, function="coordinator", starts=date(2025, 1, 1), ends=date(2026, 5, 8), hours_per_week=7
    )
    freeze(monkeypatch, TODAY)
    return found | {
        "ane": ane,
        "bo": bo,
        "soon": soon,
        "hidden": hidden,
        "mosaik": mosaik,
        "ane_user": make_user("ane", SECRETARIAT, person=ane),
        "bo_user": make_user("bo", person=bo),
    }
