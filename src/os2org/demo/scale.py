"""A larger organisation on demand: `os2org demo --scale N`.

One unit is an association of the size this project was made for: 100
people, 10 member organisations, 10 product communities (each with a
steering group, a coordination group and a working group) in 2 programmes,
5 role descriptions, 150 assignments, 60 meetings (50 held) with 1,000
decisions and 500 follow-ups, and 30 activities of the annual cycle. `--scale N` makes
it N such units on top of the demo, adding those that are missing, so 10 is
an association ten times that size.

Everything is built the way a secretariat would build it: the role
descriptions are handbook pages imported with the demo handbook, the
organisation is a file for `org load`, and meetings, decisions, follow-ups
and activities go through the governance services, each with its audit
entry. Names are made up from the word lists below; the same scale and day
give the same organisation.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import count, cycle, product

import yaml
from django.db import transaction
from django.utils import timezone

from os2org.common.identifiers import cvr_is_valid, gs1_check_digit
from os2org.common.visibility import Visibility
from os2org.governance.cycle.services import save_activity
from os2org.governance.meetings import services
from os2org.governance.models import AgendaItem, FollowUp
from os2org.members.models import Contribution
from os2org.members.services import raise_contributions, set_contribution_status
from os2org.organisation.models import Body, Organisation, Person
from os2org.roles.models import RoleDescription

PEOPLE, ORGANISATIONS, COMMUNITIES, PROGRAMMES, ROLES = 100, 10, 10, 2, 5
# Where the role descriptions' pages are in the handbook: the demo's own
# handbook is imported again over them, and keeps what is stored here.
GENERATED = "roller/fiktive"
# Meetings of one unit: the board's, and five of each community's steering group (one of them ahead).
BOARD_MEETINGS, STEERING_MEETINGS = 10, 5
DECISIONS_PER_MEETING = 20
ACTIVITIES_PER_COMMUNITY = 3

FIRST = (
    "Anders Astrid Bent Birthe Carsten Dorte Erik Else Frederik Gitte Hans Hanne Ib Inger Jakob Jette Kasper Kirsten "
    "Lars Lene Morten Maja Niels Nina Ove Pia Poul Rasmus Signe Søren Tove Ulla Villads Vibeke Åse Øjvind Ærø Malene "
    "Torben Yvonne"
).split()
MIDDLE = ("", "Due", "Lind", "Krag", "Mose", "Dal", "Bro", "Skau", "Hvid", "Vang", "Toft")
LAST = (
    "Andersen Bertelsen Christoffersen Damgaard Eskildsen Fogh Gregersen Hvidberg Iversen Jeppesen Kirkegaard Lauridsen "
    "Mikkelsen Nygaard Overgaard Poulsen Qvist Rask Steffensen Thygesen Udsen Vestergård Winther Yde Zacho Ærenlund "
    "Østergaard Åkjær Bønnelykke Kjærsgaard Lyngby Munk Nørgaard Olesen Pedersen Riis Svendsen Tang Uhrenholt Vinther"
).split()
# Made-up places for the member organisations.
PLACES = (
    "Agerby Birkelund Dalhøj Egeskov Fladsø Granbæk Hjortmose Isted Kærby Lyngsø Mørkholm Nørreå Odsbjerg Pilegård "
    "Rønnebæk Sandvig Tornby Ulvsund Vesterled Ådal"
).split()
REGIONS = ("Nord", "Syd", "Øst", "Vest", "Midt")
# Product communities: a field and a kind of tool, e.g. "Fælleskode Skolebooking".
FIELDS = "Skole Dagtilbud Borger Bygge Miljø Trafik Sundheds Kultur Job Ældre Sags Plan Natur Havne Affalds".split()
TOOLS = "booking portal arkiv tilsyn planner kalender register kort indberetning overblik".split()
PROGRAMME_NAMES = "Velfærd Borgerdialog Infrastruktur Data Drift Læring Klima Sundhed Beskæftigelse Kultur".split()
ROLE_NAMES = (
    "Produktejer Arkitekt Testansvarlig Driftskoordinator Dataansvarlig Sikkerhedskoordinator Brugerkoordinator "
    "Releaseansvarlig Dokumentationsansvarlig Udbudskoordinator Økonomikoordinator Netværkskoordinator"
).split()
TOPICS = (
    "udviklingsønsker næste udgivelse",
    "budget for det kommende år",
    "aftale med leverandøren",
    "tilgængelighed i brugerfladen",
    "sikkerhedsopdatering",
    "ny integration",
    "driftsaftale",
    "testmiljø",
    "brugerundersøgelse",
    "kommunikation til medlemmerne",
)


@dataclass
class Plan:
    """What `--scale N` adds: names chosen once, used by every step.

    `first` is the number of units there are already, `units` how many more.
    """

    first: int
    units: int
    today: object
    people: list
    organisations: list
    programmes: list
    communities: list
    roles: list
    # Each community's three member organisations, chosen by organisation_file.
    members: dict = field(default_factory=dict)


def units_built():
    """How many units there are: each has PROGRAMMES programmes, named as `plan` names them."""
    programmes = Body.objects.filter(kind=Body.Kind.PROGRAMME, name__startswith="Programmet for ").count()
    return programmes // PROGRAMMES


def names_in_use():
    """The names of the people, organisations, bodies and roles stored: a plan chooses others."""
    names = [*Person.objects.values_list("name", flat=True), *Organisation.objects.values_list("name", flat=True)]
    return names + [*Body.objects.values_list("name", flat=True), *RoleDescription.objects.values_list("name", flat=True)]


def plan(scale, today=None, taken=(), first=0):
    """Choose the names of everything `scale` more units add to `first` units, leaving out the names in `taken`."""
    today = today or timezone.localdate()
    taken = set(taken)
    people = _names((f"{first} {middle} {last}".replace("  ", " ") for middle, last, first in product(MIDDLE, LAST, FIRST)), taken, PEOPLE * scale)
    places = (
        f"{place}{suffix} Kommune{'' if n == 1 else f' {n}'}"
        for n in count(1)
        for suffix in ("", *(f" {region}" for region in REGIONS))
        for place in PLACES
    )
    organisations = _names(places, taken, ORGANISATIONS * scale)
    programmes = _names(
        (f"Programmet for {name.lower()}{'' if n == 1 else f' {n}'}" for n in count(1) for name in PROGRAMME_NAMES),
        taken,
        PROGRAMMES * scale,
    )
    communities = _names(
        (f"Fælleskode {field}{tool}{'' if n == 1 else f' {n}'}" for n in count(1) for field, tool in _mixed(FIELDS, TOOLS)),
        taken,
        COMMUNITIES * scale,
    )
    roles = _names((f"{name}{'' if n == 1 else f' {n}'}" for n in count(1) for name in ROLE_NAMES), taken, ROLES * scale)
    return Plan(first, scale, today, people, organisations, programmes, communities, roles)


def _mixed(first, second):
    """Every pair of `first` and `second`, in an order that varies both from one pair to the next."""
    pairs = list(product(first, second))
    random.Random(len(pairs)).shuffle(pairs)
    return pairs


def _names(candidates, taken, wanted):
    chosen = []
    for name in candidates:
        if len(chosen) == wanted:
            break
        if name not in taken:
            taken.add(name)
            chosen.append(name)
    return chosen


def _slug(name):
    return name.lower().replace(" ", "-").translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))


def role_pages(plan):
    """{path: Markdown} of a handbook page per role description, under GENERATED."""
    pages = {}
    for number, name in enumerate(plan.roles):
        hours = 5 + number % 4 * 5
        pages[f"{GENERATED}/{_slug(name)}.md"] = f"""---
title: Funktionsbeskrivelse – {name} i Fælleskode
parent: Organisation og roller
nav_order: {10 + number}
---

# Funktionsbeskrivelse – {name} i Fælleskode

## Formål med stillingen

{name}en hjælper fællesskaberne med en afgrænset del af arbejdet og er et fast holdepunkt for dem.

## Ansvarsområde

- At arbejdet bliver gjort til tiden og i god kvalitet.
- At fællesskaberne ved, hvem de kan spørge.

## Arbejdsopgaver og prioritering

### MUST – kerneopgaver

- Holde overblik over opgaverne i sit område.
- Svare på spørgsmål fra fællesskaberne inden for en uge.
- Melde fremdrift til programlederen hvert kvartal.

### SHOULD – udviklingsopgaver

- Foreslå forbedringer af arbejdsgangene.
- Dele erfaringer på koordinatormøderne.

### COULD – hvis der er tid

- Skrive et indlæg til nyhedsbrevet.

## Øvrige forhold

- Timetal: {hours}–{hours + 5} timer pr. uge.
"""
    return pages


def organisation_file(plan):
    """The organisation `plan` adds, as the YAML `org load` reads (README, "The organisation file")."""
    rng = random.Random(plan.first)
    organisations = [
        {"name": name, "kind": "region" if " Nord " in f" {name} " else "municipality", "member": True}
        for name in plan.organisations
    ]
    suppliers = [f"Leverandøren {name.removesuffix(' Kommune')} ApS" for name in plan.organisations[:: ORGANISATIONS]]
    organisations += [{"name": name, "kind": "company", "supplier": True} for name in suppliers]
    bodies = [
        {"name": name, "kind": "programme", "parent": "Sekretariatet", "description": f"{name} samler beslægtede produkter."}
        for name in plan.programmes
    ]
    people = [
        {
            "name": name,
            "email": f"{_slug(name).replace('-', '.')}@example.org",
            "employer": plan.organisations[number % len(plan.organisations)],
            "contract_hours": 37,
        }
        for number, name in enumerate(plan.people)
    ]
    assignments = []
    persons = cycle(plan.people)
    since = plan.today.replace(year=plan.today.year - 2, month=1, day=1).isoformat()
    for number, name in enumerate(plan.communities):
        programme = plan.programmes[number * len(plan.programmes) // len(plan.communities)]
        plan.members[name] = rng.sample(plan.organisations, 3)
        bodies.append(
            {
                "name": name,
                "kind": "product_community",
                "parent": programme,
                "programme": programme,
                "suppliers": [suppliers[number % len(suppliers)]],
                "description": f"Fælles løsning på {name.split()[-1].lower()}-området.",
            }
        )
        groups = {kind: f"{label} for {name}" for kind, label in GROUPS}
        bodies += [{"name": group, "kind": kind, "parent": name} for kind, group in groups.items()]
        coordinator = next(persons)
        role = plan.roles[number % len(plan.roles)]
        assignments.append(
            {"person": coordinator, "body": name, "role": role, "function": "coordinator", "from": since, "share": "1/3"}
        )
        # 14 seats per community: the coordinator, then 4 + 5 + 4 in its groups.
        for kind, seats in (("steering_group", 4), ("coordination_group", 5), ("working_group", 4)):
            for seat in range(seats):
                assignments.append(
                    {
                        "person": coordinator if kind == "coordination_group" and seat == 0 else next(persons),
                        "body": groups[kind],
                        "function": "chair" if seat == 0 else "member",
                        "from": since,
                        "hours_per_week": 1 if kind == "steering_group" else 2,
                    }
                )
    # And a secretariat of 10 per unit in the roles the unit adds.
    for number in range(plan.units * 10):
        assignments.append(
            {
                "person": next(persons),
                "body": "Sekretariatet",
                "role": plan.roles[number % len(plan.roles)],
                "function": "member",
                "from": since,
                "hours_per_week": 10 + number % 3 * 5,
                "reports_to": "Karen Lund",
            }
        )
    return yaml.safe_dump(
        {"organisations": organisations, "bodies": bodies, "people": people, "assignments": assignments},
        allow_unicode=True,
        sort_keys=False,
    )


def members_file(plan):
    """The member register `plan` adds, as the YAML `members load` reads: each organisation's CVR and
    EAN numbers (made up to pass their checks) and an agreement with each community it is a member of,
    begun two years ago. Call it after organisation_file, which chooses the members."""
    since = plan.today.replace(year=plan.today.year - 2, month=1, day=1)
    organisations = [
        {"name": name, "cvr": _cvr(plan.first * ORGANISATIONS + number), "ean": _ean(plan.first * ORGANISATIONS + number)}
        for number, name in enumerate(plan.organisations)
    ]
    agreements = [
        {
            "organisation": organisation,
            "product": community,
            "status": "active",
            "signed": since - timedelta(days=30),
            "from": since,
            "joining_fee": 10000 + 1000 * (number % 5),
            "annual_fee": 20000 + 2500 * (number % 7),
        }
        for number, community in enumerate(plan.communities)
        for organisation in plan.members[community]
    ]
    return yaml.safe_dump({"organisations": organisations, "agreements": agreements}, allow_unicode=True, sort_keys=False)


def _cvr(number):
    """The `number`th made-up CVR number whose modulus-11 check adds up (none of the demo's own)."""
    candidate = 40_000_000 + number * 97
    while not cvr_is_valid(str(candidate)):
        candidate += 1
    return str(candidate)


def _ean(number):
    body = f"5798{900_000_000 + number:09d}"[:12]
    return body + str(gs1_check_digit(body))


@transaction.atomic
def contributions(plan):
    """Last year's and this year's contributions, worked out from the agreements; last year's paid."""
    last = plan.today.year - 1
    raise_contributions(last)
    raise_contributions(plan.today.year)
    for line in Contribution.objects.filter(year=last, status=Contribution.Status.TO_INVOICE):
        set_contribution_status(line, status=Contribution.Status.PAID, paid_on=plan.today.replace(year=last, month=3, day=1))


GROUPS = (
    ("steering_group", "Styregruppen"),
    ("coordination_group", "Koordinationsgruppen"),
    ("working_group", "Arbejdsgruppen"),
)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def governance(plan, progress=None):
    """Add the meetings, decisions, follow-ups and activities of `plan`, through the governance services.

    Board meetings go back one year per unit, about a month apart; each
    community's steering group meets five times, from two and a half years
    ago to three months ahead. A past meeting has 20 decisions, every second with a
    follow-up: the older ones done, some overdue, some due ahead. Most is
    for members; one decision in ten is public and one in five internal.
    Calls `progress(done, total, meeting)` after each meeting.
    """
    rng = random.Random(plan.first)
    today = plan.today
    board = Body.objects.get(name="Bestyrelsen")
    bodies = {body.name: body for body in Body.objects.filter(name__contains="for Fælleskode ")}
    people = list(Person.objects.filter(name__in=plan.people).order_by("pk"))
    roles = list(RoleDescription.objects.filter(name__in=plan.roles).order_by("pk"))
    meetings = []
    for unit in range(plan.first, plan.first + plan.units):
        for number in range(BOARD_MEETINGS):
            meetings.append((board, today - timedelta(days=365 * unit + 36 * number + 20)))
    for number, name in enumerate(plan.communities):
        steering = bodies[f"Styregruppen for {name}"]
        for meeting in range(STEERING_MEETINGS):
            meetings.append((steering, today + timedelta(days=90 - 190 * meeting - number % 30)))
    for done, (body, day) in enumerate(meetings, start=1):
        meeting = services.save_meeting(
            body=body, starts=_at(day, 10 + done % 6), place="Online", participants=rng.sample(people, 5),
            visibility=Visibility.MEMBERS,
        )
        for position in range(DECISIONS_PER_MEETING):
            topic = TOPICS[(done + position) % len(TOPICS)]
            roll = rng.random()
            visibility = Visibility.PUBLIC if roll < 0.1 else Visibility.INTERNAL if roll < 0.3 else None
            item = services.add_agenda_item(
                meeting, title=f"Beslutning om {topic} ({position + 1})", visibility=visibility,
                description=f"Sekretariatet lægger op til en beslutning om **{topic}**.",
            )
            if day >= today:
                continue
            services.record_outcome(
                item, outcome=AgendaItem.Outcome.DECISION, text=f"{body} besluttede at gå videre med {topic}."
            )
            if position % 2:
                continue
            owner = {"owner_role": rng.choice(roles)} if position % 4 else {"owner_person": rng.choice(people)}
            due = day + timedelta(days=14 + rng.randrange(120))
            follow_up = services.add_follow_up(item, title=f"Opfølgning på {topic}", due=due, **owner)
            if due < today - timedelta(days=30) and rng.random() < 0.8:
                services.change_follow_up(follow_up, status=FollowUp.Status.DONE, on=due)
        if progress:
            progress(done, len(meetings), str(meeting))
    for number, name in enumerate(plan.communities):
        community = Body.objects.get(name=name)
        for kind, title, rule in (
            ("meeting", f"Styregruppemøde i {name}", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE"),
            ("meeting", f"Koordinationsmøde i {name}", "FREQ=MONTHLY;BYDAY=1TH"),
            ("deadline", f"Udgivelse af {name}", "FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=15"),
        )[:ACTIVITIES_PER_COMMUNITY]:
            save_activity(
                title=title,
                kind=kind,
                body=community,
                role=roles[number % len(roles)],
                audience="coordinators" if kind == "meeting" else "members",
                description=f"{title}: fast punkt i årshjulet.",
                starts=today.replace(year=today.year - 1, month=1, day=1),
                rule=rule,
                visibility=Visibility.MEMBERS,
            )
