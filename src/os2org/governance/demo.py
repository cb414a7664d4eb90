"""The demo's governance: a year of board meetings with decisions and follow-ups, and an annual cycle.

Dates are counted from the day the demo is built, so `make run` always
shows a living organisation: minutes waiting for answers, a follow-up
overdue, one due this week, meetings ahead, and something on the overview
of each demo log-in (access.demo). The public sees the general
assembly and the events open to outsiders, and two of the board's
decisions; the rest is for members or internal. It is built on the demo
organisation (src/os2org/demo/organisation.yaml) through the same services
as the web app, so every change has its audit entry.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from os2org.common.visibility import Visibility
from os2org.governance.cycle.services import save_activity
from os2org.governance.meetings import services
from os2org.governance.meetings.selectors import week_end
from os2org.governance.models import Activity, AgendaItem, Approval, FollowUp, Meeting
from os2org.organisation.models import Assignment, Body, Person
from os2org.roles.models import RoleDescription

# (title, kind, body, role, audience, schedule): an RRULE from the start of
# last year, or explicit dates as days from today.
CYCLE = [
    ("Generalforsamling", "meeting", "Generalforsamlingen", "Sekretariatschef", "members", "FREQ=YEARLY;BYMONTH=4;BYDAY=-1TH"),
    ("Indkaldelse til generalforsamlingen sendes", "deadline", "Generalforsamlingen", "Sekretariatschef", "members", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10"),
    ("Årsregnskabet lægges frem for bestyrelsen", "deadline", "Bestyrelsen", "Sekretariatschef", "", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31"),
    ("Budget for næste år vedtages", "decision_process", "Bestyrelsen", "Sekretariatschef", "", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1"),
    ("Fællesskaberne prioriterer udviklingsønsker", "decision_process", "Koordinationsgruppen for Fælleskode Booking", "Produktkoordinator", "", "FREQ=YEARLY;BYMONTH=5,11;BYDAY=1WE"),
    ("Nyhedsbrev til medlemmerne", "communication", None, "Kommunikationsmedarbejder", "members", "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TH"),
    ("Opslag på LinkedIn om et produkt", "communication", None, "Kommunikationsmedarbejder", "public", "FREQ=MONTHLY;BYDAY=1MO"),
    ("Kommunikationsplanen for næste år lægges", "deadline", "Sekretariatet", "Kommunikationsmedarbejder", "", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1"),
    ("Koordinatormøde", "meeting", "Sekretariatet", "Programleder", "coordinators", "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU"),
    ("Bestyrelsesseminar", "event", "Bestyrelsen", "Sekretariatschef", "", "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=20"),
    ("Netværksdag for IT-chefer", "event", None, "Forretningskoordinator", "it_managers", [-170, 24]),
    ("Leverandørdag", "event", None, "Forretningskoordinator", "suppliers", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=12"),
    ("Styregruppemøde i Fælleskode Booking", "meeting", "Styregruppen for Fælleskode Booking", "Produktkoordinator", "", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=1WE"),
]
TIMED = {"Koordinatormøde": time(14), "Styregruppemøde i Fælleskode Booking": time(10), "Generalforsamling": time(13)}
# Who sees what: the general assembly and the events for outsiders are
# public, the board's own dates internal, everything else for members.
PUBLIC_ACTIVITIES = {"Generalforsamling", "Opslag på LinkedIn om et produkt", "Netværksdag for IT-chefer", "Leverandørdag"}
INTERNAL_ACTIVITIES = {"Årsregnskabet lægges frem for bestyrelsen", "Budget for næste år vedtages", "Bestyrelsesseminar"}

# The board's meetings and agenda items are internal, but for these two
# decisions, which it makes public.
PUBLIC_DECISIONS = {"Optagelse af to nye medlemmer", "Principper for nye produkter i foreningen"}

# Board meetings, as days from today: six behind, two ahead.
BOARD_MEETINGS = [-330, -270, -200, -130, -60, -9, 26, 90]

# (title, case brief purpose or None, decision text or None,
#  [(action, owner role or person, due days after the meeting, closed that many days after it or None)])
# A due of WEEK is the Sunday of the demo's week: something always due this week.
WEEK = "week"
AGENDA = [
    [
        ("Budgetopfølgning for første halvår", "information", None, []),
        ("Ny samarbejdsaftale med en leverandør af hosting", "decision", "Bestyrelsen godkender aftalen for to år med mulighed for forlængelse.", [("Aftalen underskrives og sendes til leverandøren", "Sekretariatschef", 30, 20)]),
        ("Kommunikationsstrategi", "discussion", None, []),
    ],
    [
        ("Optagelse af to nye medlemmer", "decision", "Begge kommuner optages som medlemmer fra næste kvartal.", [("Velkomstpakke sendes til de nye medlemmer", "Kommunikationsmedarbejder", 21, 10), ("Kontingent opkræves", "Forretningskoordinator", 45, 40)]),
        ("Status på fællesskaberne", "information", None, []),
    ],
    [
        ("Principper for nye produkter i foreningen", "decision", "Principperne vedtages og lægges i håndbogen.", [("Principperne skrives ind i håndbogen", "Programleder", 60, None)]),
        ("Forberedelse af bestyrelsesseminaret", "discussion", None, []),
    ],
    [
        ("Evaluering af generalforsamlingen", "information", None, []),
        ("Mandat til forhandling om fælles driftsaftale", "decision", "Sekretariatschefen får mandat til at forhandle inden for den fremlagte ramme.", [("Forhandlingsresultat lægges frem for bestyrelsen", "Karen Lund", 150, None)]),
    ],
    [
        ("Budgetforslag for næste år", "decision", "Budgettet vedtages med de ændringer, der blev aftalt på mødet.", [("Det vedtagne budget offentliggøres for medlemmerne", "Kommunikationsmedarbejder", 14, 7), ("Fællesskaberne orienteres om deres rammer", "Programleder", 40, None)]),
        ("Orientering fra sekretariatet", None, None, []),
    ],
    [
        ("Kommunikationsplan for næste år", "decision", "Planen godkendes; nyhedsbrevet udkommer fortsat hver måned undtagen i juli.", [("Planen lægges i årshjulet", "Kommunikationsmedarbejder", WEEK, None)]),
        ("Opfølgning på medlemsundersøgelsen", "discussion", None, []),
    ],
    [
        ("Godkendelse af årsregnskabet", "decision", None, []),
        ("Tema: åben kildekode i staten", "information", None, []),
    ],
    [
        ("Strategi for de kommende tre år", "discussion", None, []),
    ],
]


def build(today=None):
    """Build the demo's governance once; returns False (and changes nothing) if there is any already."""
    if Meeting.objects.exists() or Activity.objects.exists():
        return False
    today = today or timezone.localdate()
    with transaction.atomic():
        _cycle(today)
        _board_meetings(today)
        _steering_group(today)
    return True


def _cycle(today):
    roles = {role.name: role for role in RoleDescription.objects.all()}
    bodies = {body.name: body for body in Body.objects.all()}
    for title, kind, body, role, audience, schedule in CYCLE:
        explicit = isinstance(schedule, list)
        dates = [today + timedelta(days=offset) for offset in schedule] if explicit else []
        save_activity(
            title=title,
            kind=kind,
            body=bodies.get(body),
            role=roles.get(role),
            audience=audience,
            description=f"{title}. Ansvaret ligger hos {role.lower()}en.",
            starts=dates[0] if explicit else today.replace(year=today.year - 1, month=1, day=1),
            time=TIMED.get(title),
            duration=120 if title in TIMED else 60,
            rule="" if explicit else schedule,
            dates=dates[1:],
            visibility=_visibility(title),
        )


def _visibility(title):
    if title in PUBLIC_ACTIVITIES:
        return Visibility.PUBLIC
    return Visibility.INTERNAL if title in INTERNAL_ACTIVITIES else Visibility.MEMBERS


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _members(body, today):
    return list(Person.objects.filter(assignments__in=Assignment.objects.current(today).filter(body=body)).distinct())


def _holder(body, function, today):
    """Who holds `function` (the chair, the coordinator) in `body` today, if anyone."""
    held = Assignment.objects.current(today).filter(body=body, function=function)
    return Person.objects.filter(assignments__in=held).first()


def _board_meetings(today):
    board = Body.objects.get(name="Bestyrelsen")
    secretary = Person.objects.get(name="Karen Lund")
    participants = [*_members(board, today), secretary]
    # The latest minutes wait for the chair, who reads them last, and for the secretariat chief.
    waiting = {_holder(board, Assignment.Function.CHAIR, today), secretary}
    owners = {role.name: {"owner_role": role} for role in RoleDescription.objects.all()}
    owners["Karen Lund"] = {"owner_person": secretary}
    sunday = week_end(today)
    latest_past = max(offset for offset in BOARD_MEETINGS if offset < 0)
    for offset, points in zip(BOARD_MEETINGS, AGENDA):
        day = today + timedelta(days=offset)
        day -= timedelta(days=(day.weekday() - 1) % 7)  # the Tuesday on or before
        # The board's meetings are announced to everyone; most of what they deal with is internal.
        meeting = services.save_meeting(
            body=board,
            starts=_at(day, 16),
            place="Sekretariatets mødelokale",
            participants=participants,
            visibility=Visibility.PUBLIC,
        )
        services.add_agenda_item(meeting, title="Godkendelse af dagsorden", visibility=Visibility.INTERNAL)
        for title, purpose, decision, follow_ups in points:
            public = Visibility.PUBLIC if title in PUBLIC_DECISIONS else Visibility.INTERNAL
            item = services.add_agenda_item(meeting, title=title, visibility=public)
            if purpose:
                _brief(item, purpose=purpose, day=day - timedelta(days=10), author=secretary)
            if day >= today:
                continue
            _outcome(item, purpose, decision)
            for action, owner, due, closed in follow_ups:
                due = sunday if due == WEEK else day + timedelta(days=due)
                follow_up = services.add_follow_up(item, title=action, due=due, **owners[owner])
                if closed is not None and day + timedelta(days=closed) <= today:
                    services.change_follow_up(follow_up, status=FollowUp.Status.DONE, on=day + timedelta(days=closed))
        if day < today:
            _minutes(meeting, participants, waiting=waiting if offset == latest_past else set())


def _brief(item, *, purpose, day, author):
    services.save_case_brief(
        item,
        purpose=purpose,
        date=day,
        status="ready" if purpose == "decision" else "for_discussion",
        author=author,
        owner=author,
        aim=f"Bestyrelsen skal {'træffe beslutning om' if purpose == 'decision' else 'drøfte'}: {item.title.lower()}.",
        background="Sagen har været forberedt i sekretariatet og drøftet med de berørte fællesskaber.",
        analysis="Sekretariatet har vurderet økonomi, tid og betydning for medlemmerne.",
        recommendation="Sekretariatet anbefaler, at bestyrelsen følger oplægget.",
        consequences="Forslaget kan gennemføres inden for den nuværende ramme.",
    )


def _outcome(item, purpose, decision):
    if decision:
        services.record_outcome(item, outcome=AgendaItem.Outcome.DECISION, text=decision)
    elif purpose in (None, "information"):
        services.record_outcome(item, outcome=AgendaItem.Outcome.NOTED)
    else:
        services.record_outcome(item, outcome=AgendaItem.Outcome.DISCUSSED, text="Bestyrelsen gav sekretariatet input.")


def _minutes(meeting, participants, *, waiting):
    """Minutes answered by every participant but those `waiting`: approved once nobody waits.

    A part per agenda item, as visible as the item (governance.models.Minutes).
    """
    parts = {item: item.outcome_text or item.get_outcome_display() for item in meeting.items.all()}
    minutes = services.write_minutes(meeting, text=f"Referat af {meeting}. Alle deltagere var til stede.", parts=parts)
    # The demo's people have made-up addresses: nobody is mailed.
    services.send_minutes(minutes, notify=False)
    for person in [person for person in participants if person not in waiting]:
        services.answer_minutes(minutes, person=person, answer=Approval.Answer.APPROVED)


def _steering_group(today):
    """Two meetings of a steering group, prepared by its community's coordinator, who takes part.

    At the one behind, the group chose what the next release holds and left
    its coordinator an action that is now overdue.
    """
    group = Body.objects.get(name="Styregruppen for Fælleskode Booking")
    coordinator = _holder(group.parent, Assignment.Function.COORDINATOR, today)
    participants = [*_members(group, today), coordinator]
    role = RoleDescription.objects.get(name="Produktkoordinator")
    for offset in (-75, 15):
        day = today + timedelta(days=offset)
        meeting = services.save_meeting(body=group, starts=_at(day, 10), place="Online", participants=participants)
        status = services.add_agenda_item(meeting, title="Status på udviklingen")
        release = services.add_agenda_item(meeting, title="Prioritering af næste udgivelse")
        if day < today:
            services.record_outcome(status, outcome=AgendaItem.Outcome.NOTED)
            text = "Næste udgivelse samler sig om påmindelser pr. sms; resten venter til foråret."
            services.record_outcome(release, outcome=AgendaItem.Outcome.DECISION, text=text)
            title = "Leverandøren får udgivelsens prioriteter og giver et tilbud"
            services.add_follow_up(release, title=title, due=day + timedelta(days=70), owner_role=role)
