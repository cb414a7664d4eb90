"""The demo's portfolio: stages, goals and roadmaps for the demo's communities, the checklists of
the stage gates, and two status reports: Fælleskode Booking's for the last period and Fælleskode
Tilsyn's for the one before, so the coverage page shows Tilsyn's latest as missing. The board's
next meeting gets its portfolio status. All through the services, each with its audit entry."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from os2org.organisation.models import Assignment, Body
from os2org.portfolio.models import Milestone, Profile
from os2org.portfolio.periods import last_ended
from os2org.portfolio.services import (
    file_report,
    open_gate,
    refresh_board_pack,
    save_gate_template,
    save_milestone,
    save_profile,
)

PROFILES = {
    "Borgerservice": ("product", "Programmet samler de løsninger, borgerne møder, så de taler sammen og ligner hinanden.", "", []),
    "Fælleskode Booking": (
        "product",
        "Borgere booker tid hos kommunen på samme måde overalt.\n\n- Færre telefonopkald\n- Én løsning, mange kommuner",
        "MPL-2.0",
        ["https://github.com/os2demo/booking"],
    ),
    "Fælleskode Tilsyn": ("project", "Et fælles værktøj til at planlægge og følge tilsyn.", "EUPL-1.2", []),
}
# Days from today: (title, days, status) on each community's roadmap.
MILESTONES = {
    "Fælleskode Booking": [
        ("Version 3 i drift hos alle anvendere", -120, "done"),
        ("Ny kalenderintegration", -10, "in_progress"),
        ("Tilgængelighedserklæring fornyet", 45, "planned"),
        ("Version 4 frigivet", 160, "planned"),
    ],
    "Fælleskode Tilsyn": [
        ("Kravspecifikation godkendt af styregruppen", -60, "done"),
        ("Første prototype afprøvet", 30, "in_progress"),
    ],
}
GATES = {
    "idea": ["Formål og målgruppe er beskrevet", "Mindst tre medlemmer vil deltage", "Et første skøn over økonomien"],
    "project": ["Licens er valgt", "Styregruppe er nedsat", "Koordinator er udpeget", "Forretningsplan er godkendt"],
    "product": ["Anvendere er informeret", "Afvikling og data er planlagt", "Kode og dokumentation er arkiveret"],
    "retiring": ["Driften er lukket", "Aftaler er opsagt"],
}


@transaction.atomic
def build(today: date | None = None) -> bool:
    """Build the demo's portfolio, once. Returns whether anything was added."""
    if Profile.objects.exists():
        return False
    today = today or timezone.localdate()
    bodies = {body.name: body for body in Body.objects.filter(name__in=PROFILES)}
    profiles = {
        name: save_profile(body=bodies[name], stage=stage, goals=goals, licence=licence, repositories=repositories)
        for name, (stage, goals, licence, repositories) in PROFILES.items()
        if name in bodies
    }
    for stage, items in GATES.items():
        save_gate_template(from_stage=stage, items=items)
    milestones = {name: _roadmap(profiles[name], rows, today) for name, rows in MILESTONES.items() if name in profiles}
    if "Fælleskode Tilsyn" in profiles:
        open_gate(profiles["Fælleskode Tilsyn"], on=today - timedelta(days=14))
    starts, _ends = last_ended(today)
    if "Fælleskode Booking" in profiles:
        _booking_report(profiles["Fælleskode Booking"], milestones["Fælleskode Booking"], starts)
    if "Fælleskode Tilsyn" in profiles:
        _tilsyn_report(profiles["Fælleskode Tilsyn"], milestones["Fælleskode Tilsyn"], last_ended(starts)[0])
    refresh_board_pack(on=today)
    return True


def _roadmap(profile, rows, today):
    return [
        save_milestone(
            profile=profile,
            title=title,
            due=today + timedelta(days=days),
            status=status,
            done_on=today + timedelta(days=days) if status == Milestone.Status.DONE else None,
        )
        for title, days, status in rows
    ]


def _coordinator(profile):
    found = Assignment.objects.filter(body=profile.body, function=Assignment.Function.COORDINATOR).select_related("person")
    assignment = found.order_by("starts").first()
    return assignment.person if assignment else None


def _booking_report(profile, milestones, starts):
    file_report(
        profile=profile,
        period_starts=starts,
        author=_coordinator(profile),
        summary="Kalenderintegrationen er forsinket en måned, fordi leverandøren venter på et nyt snitflade-svar.",
        risks="Leverandøren har kun én udvikler på opgaven. Vi har bedt om en plan for afløsning ved sygdom.",
        hours_used=Decimal("118.5"),
        hours_bought=Decimal("130"),
        progress={
            milestones[0].pk: (Milestone.Status.DONE, "Alle anvendere er opgraderet."),
            milestones[1].pk: (Milestone.Status.IN_PROGRESS, "Test hos to kommuner i gang."),
        },
    )


def _tilsyn_report(profile, milestones, starts):
    file_report(
        profile=profile,
        period_starts=starts,
        author=_coordinator(profile),
        summary="Styregruppen har godkendt kravene, og prototypen bygges nu.",
        risks="For få kommuner har tid til at afprøve prototypen i sommerperioden.",
        hours_used=Decimal("64"),
        hours_bought=Decimal("65"),
        progress={milestones[0].pk: (Milestone.Status.DONE, "Godkendt på seneste møde.")},
    )
