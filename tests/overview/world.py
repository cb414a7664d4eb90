"""A small organisation around one person, Ane Holm, on 7 May 2026, for the overview's tests.

Ane is the secretariat's chief (37 hours) and sits on the board (2 hours),
against a contract of 37 hours. Bo Lund, the editor, reports to her. At the
board's meeting of 5 March 2026 both took part; its minutes wait for their
answers, and its decision left Ane an action overdue since 1 April and her
role one due on 20 May. The board meets again on 19 May, and the
secretariat has a coordinators' meeting on 12 May. The chief's description
was last reviewed on 20 May 2025; the editor's never.
"""

from datetime import date

from os2org.common.visibility import Visibility
from os2org.governance.meetings import services
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.accounts import make_user
from tests.governance.builders import decision, meeting
from tests.governance.cycle_data import freeze, make_activity, make_role

TODAY = date(2026, 5, 7)


def build(monkeypatch):
    freeze(monkeypatch, TODAY)
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    chief = make_role("Sekretariatschef", reviewed_on=date(2025, 5, 20))
    editor = make_role("Kommunikationsmedarbejder")
    ane, bo = save_person(name="Ane Holm"), save_person(name="Bo Lund")
    assign_role(ane, body=secretariat, role=chief, starts=date(2025, 1, 1), hours_per_week=37)
    assign_role(ane, body=board, starts=date(2025, 5, 1), hours_per_week=2)
    assign_role(bo, body=secretariat, role=editor, starts=date(2025, 1, 1), hours_per_week=30, reports_to=ane)
    march = meeting(board, "2026-03-05 16:00", participants=[ane, bo])
    budget = decision(march, "Budget 2027", "Budgettet godkendes.")
    late = services.add_follow_up(budget, title="Budgettet sendes ud", due=date(2026, 4, 1), owner_person=ane)
    signed = services.add_follow_up(budget, title="Aftalen underskrives", due=date(2026, 5, 20), owner_role=chief)
    minutes = services.send_minutes(services.write_minutes(march, text="Referatet."), notify=False)
    may = meeting(board, "2026-05-19 16:00", participants=[ane, bo])
    coordinators = make_activity(
        "Koordinatormøde", body=secretariat, starts=date(2026, 5, 12), visibility=Visibility.MEMBERS
    )
    return {
        "board": board,
        "secretariat": secretariat,
        "chief": chief,
        "editor": editor,
        "ane": ane,
        "bo": bo,
        "march": march,
        "may": may,
        "minutes": minutes,
        "late": late,
        "signed": signed,
        "coordinators": coordinators,
    }


def sign_in(client, username, *groups, person=None):
    user = make_user(username, *groups, person=person)
    client.force_login(user)
    return user
