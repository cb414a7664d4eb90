"""A small organisation crafted so that every section of the coverage report has something in it."""

from datetime import date

from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, end_assignment, save_body, save_person
from os2org.roles.models import RoleDescription, Task
from os2org.roles.services import set_task_hours

DAY = date(2026, 11, 23)

ROLE = """---
title: {name}
{front_matter}---

# Funktionsbeskrivelse – {name} i Foreningen

## Arbejdsopgaver og prioritering

### MUST

{must}

### SHOULD

- {name} bør svare på henvendelser.

### COULD

- {name} kan skrive nyhedsbreve.

## Øvrige forhold

- 10 timer pr. uge.
"""


def write_role(folder, name, *, must, reviewed=None):
    front_matter = f"reviewed: {reviewed}\n" if reviewed else ""
    tasks = "\n".join(f"- {task}" for task in must)
    (folder / f"{name.lower()}.md").write_text(
        ROLE.format(name=name, front_matter=front_matter, must=tasks), encoding="utf-8"
    )


def build(folder):
    """Import three roles and build the organisation around them; returns a dict of what was made.

    - Kasserer: vacant (its only holder left on 2026-06-01), two MUST tasks, never reviewed.
    - Programleder: held by Ane (30 h), reviewed 2024-01-01, so due 2025-01-01;
      its MUST task is estimated at 32 h, beyond Ane's 30.
    - Koordinator: held by Bo (12.33 h, a third of a full year), reviewed
      2026-06-01; estimates 4, none, 8 and 0.5 h, so its COULD task falls out.
    - Ane works 30 + 14.4 = 44.4 hours on a 37-hour contract: 120 %.
    - OS2mo (product community) has a member but no coordinator; OS2kitos
      (project community) has one. Styregruppen for OS2mo has no members.
    """
    folder.mkdir(parents=True, exist_ok=True)
    write_role(folder, "Kasserer", must=["Føre regnskabet.", "Betale regningerne."])
    write_role(folder, "Programleder", must=["Lede programmet."], reviewed="2024-01-01")
    write_role(folder, "Koordinator", must=["Lede møderne.", "Skrive referater."], reviewed="2026-06-01")
    import_handbook([folder])
    roles = {role.name: role for role in RoleDescription.objects.all()}

    secretariat = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    mo = save_body(name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY)
    kitos = save_body(name="OS2kitos", kind=Body.Kind.PROJECT_COMMUNITY)
    steering = save_body(name="Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP, parent=mo)
    kitos_steering = save_body(name="Styregruppen for OS2kitos", kind=Body.Kind.STEERING_GROUP, parent=kitos)

    ane = save_person(name="Ane Holm")
    bo = save_person(name="Bo Lund", contract_hours=20)
    dorte = save_person(name="Dorte Krog")
    start = date(2026, 1, 1)
    lead = assign_role(ane, body=secretariat, role=roles["Programleder"], starts=start, hours_per_week=30)
    assign_role(ane, body=mo, starts=start, hours_per_week="14.4")
    coordinator = assign_role(
        bo, body=kitos, role=roles["Koordinator"], function="coordinator", starts=start, share="1/3"
    )
    assign_role(dorte, body=kitos_steering, starts=start, hours_per_week=2)
    treasurer = assign_role(dorte, body=secretariat, role=roles["Kasserer"], starts=start, hours_per_week=5)
    end_assignment(treasurer, ends=date(2026, 6, 1))
    estimate(roles["Koordinator"], [4, None, 8, "0.5"])
    estimate(roles["Programleder"], [32, None, None])
    return {"lead": lead, "coordinator": coordinator, "steering": steering, "roles": roles, "ane": ane}


def estimate(role, hours):
    """Set the estimates of a role's tasks, in priority order; None leaves one without."""
    tasks = Task.objects.filter(role=role).order_by("priority", "position")
    for task, value in zip(tasks, hours, strict=True):
        set_task_hours(task, hours_per_week=value)


def expected_report(made):
    """The exact coverage report of the organisation `build` made, on DAY."""
    return {
        "date": "2026-11-23",
        "uncovered_must_tasks": [
            {"role": "Kasserer", "slug": "kasserer", "task": "Føre regnskabet.", "position": 1},
            {"role": "Kasserer", "slug": "kasserer", "task": "Betale regningerne.", "position": 2},
        ],
        "vacant_roles": [{"role": "Kasserer", "slug": "kasserer", "must_tasks": 2}],
        "must_tasks_beyond_hours": [
            {
                "role": "Programleder",
                "assignment": made["lead"].pk,
                "task": "Lede programmet.",
                "position": 1,
                "person": "Ane Holm",
            }
        ],
        "communities_without_coordinator": [{"body": "OS2mo", "slug": "os2mo", "kind": "product_community"}],
        "steering_groups_without_members": [
            {"body": "Styregruppen for OS2mo", "slug": "styregruppen-for-os2mo", "part_of": "OS2mo"}
        ],
        "over_allocated_people": [
            {"person": "Ane Holm", "slug": "ane-holm", "hours": 44.4, "contract_hours": 37, "percent": 120}
        ],
        "reviews_due": [
            {"role": "Programleder", "slug": "programleder", "reviewed_on": "2024-01-01", "due": "2025-01-01"}
        ],
        "never_reviewed": [{"role": "Kasserer", "slug": "kasserer"}],
    }


# The exact CSV of the same report (without the byte order mark the download adds).
EXPECTED_CSV = (
    "section,name,detail,value\r\n"
    "uncovered_must_tasks,Kasserer,Føre regnskabet.,1\r\n"
    "uncovered_must_tasks,Kasserer,Betale regningerne.,2\r\n"
    "vacant_roles,Kasserer,,2\r\n"
    "must_tasks_beyond_hours,Programleder,Lede programmet.,Ane Holm\r\n"
    "communities_without_coordinator,OS2mo,product_community,\r\n"
    "steering_groups_without_members,Styregruppen for OS2mo,OS2mo,\r\n"
    "over_allocated_people,Ane Holm,44.4/37,120\r\n"
    "reviews_due,Programleder,2024-01-01,2025-01-01\r\n"
    "never_reviewed,Kasserer,,\r\n"
)
