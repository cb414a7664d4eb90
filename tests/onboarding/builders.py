"""A small secretariat for the onboarding tests: two roles, their holders, and a template for a new employee."""

from dataclasses import dataclass
from datetime import date

from os2org.onboarding.services import StepData, save_template
from os2org.organisation.services import assign_role, save_body, save_person
from tests.governance.cycle_data import make_role


@dataclass
class Office:
    chief_role: object
    comms_role: object
    chief: object
    comms: object
    newcomer: object
    template: object


def office():
    secretariat = save_body(name="Sekretariatet", kind="secretariat")
    chief_role = make_role("Sekretariatschef")
    comms_role = make_role("Kommunikationsmedarbejder")
    chief = save_person(name="Signe Chef", email="signe@example.org")
    comms = save_person(name="Karl Kommunikation", email="karl@example.org")
    newcomer = save_person(name="Nora Ny", email="nora@example.org")
    assign_role(chief, body=secretariat, role=chief_role, starts=date(2024, 1, 1), hours_per_week=37)
    assign_role(comms, body=secretariat, role=comms_role, starts=date(2024, 1, 1), hours_per_week=30)
    template = save_template(
        name="Ny medarbejder",
        kind="employee",
        steps=[
            StepData("Konto og adgang klar", chief_role, -2),
            StepData("Velkomstsamtale", chief_role, 0),
            StepData("Præsentation i nyhedsbrevet", comms_role, 3),
            StepData("Opfølgningssamtale", chief_role, 30),
        ],
    )
    return Office(chief_role, comms_role, chief, comms, newcomer, template)
