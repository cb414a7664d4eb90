"""A world in which every text field of every model carries the XSS corpus.

Handbook pages and role descriptions go in the way production gets them:
Markdown files read by `os2org handbook import --replace`. Everything else
is made through the services, and the few fields no service takes (the
visibilities) through the ORM. Every item is public, so the public and the
secretariat see the same payloads.

A field of a few hundred characters gets the one-line payloads spread over
several objects (see xss_corpus.groups), so there are as many bodies,
people, meetings… as it takes for every payload to reach every field.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from os2org.access import groups as group_names
from os2org.access.models import Account
from os2org.budgets.models import BUDGET_KINDS
from os2org.budgets.models import Account as BudgetAccount
from os2org.budgets.services import (
    AccountRow,
    ActualRow,
    comment_line,
    create_budget,
    import_actuals,
    save_accounts,
    save_approver,
    save_line,
)
from os2org.common.visibility import Visibility
from os2org.communication.services import record_consent, save_issue
from os2org.communication.services import save_activity as plan_activity
from os2org.governance.cycle.services import feed_for, save_activity
from os2org.governance.meetings import services as meetings
from os2org.governance.models import Activity, AgendaItem, Approval, Meeting
from os2org.handbook.models import Page
from os2org.handbook.services import save_page
from os2org.inquiries.services import add_note, add_reply, receive_inquiry, save_topic
from os2org.members.models import JOINABLE_KINDS, Agreement, Contribution
from os2org.members.services import raise_contributions, relate_contact, save_agreement, set_contribution_status
from os2org.onboarding.services import StepData, save_template, set_task_done, start_checklist
from os2org.organisation.models import Assignment, Body, Organisation
from os2org.organisation.services import assign_role, relate_bodies, save_body, save_organisation, save_person
from os2org.portfolio.periods import last_ended
from os2org.portfolio.services import (
    check_gate,
    file_report,
    open_gate,
    save_gate_template,
    save_milestone,
    save_profile,
)
from os2org.roles.models import RoleDescription
from os2org.standards.services import (
    Judgement,
    PointRow,
    answer_review,
    close_deviation,
    complete_review,
    save_checklist,
    start_review,
)
from os2org.sync.models import Repository
from os2org.sync.services import open_conflict
from tests.accounts import make_user
from tests.agreements import join
from tests.xss_corpus import ALL, EMAIL, FILE_NAME, INLINE, as_markdown, chunks, groups, markdown_corpus

SECRETARIAT = "xss-sekretariat"
# The smallest PNG there is: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082"
)
# The reporting line is read up to its first full stop: this payload breaks out before one.
(BREAKOUT,) = (payload for payload in INLINE if payload.id == "attr-tag")

# Every text field a page can show, with how the world fills it.
COVERED = {
    # From the Markdown files, through the import.
    ("handbook.Page", "path"),
    ("handbook.Page", "source"),
    ("handbook.Page", "title"),
    ("handbook.Page", "heading"),
    ("handbook.Page", "parent"),
    ("handbook.Page", "grand_parent"),
    ("handbook.Page", "html"),
    ("handbook.Page", "text"),
    ("handbook.Page", "search_text"),
    ("handbook.PageVersion", "source"),
    # The site's _config.yml (title, description, links, callouts) and its files.
    ("handbook.Site", "source"),
    ("handbook.Site", "logo"),
    ("handbook.Asset", "path"),
    # From the editor.
    ("handbook.PageVersion", "note"),
    ("roles.RoleDescription", "name"),
    ("roles.RoleDescription", "purpose"),
    ("roles.RoleDescription", "responsibilities"),
    ("roles.RoleDescription", "competencies"),
    ("roles.RoleDescription", "qualities"),
    ("roles.RoleDescription", "relationships"),
    ("roles.RoleDescription", "sections"),
    ("roles.RoleDescription", "reports_to"),
    ("roles.RoleDescription", "hours_text"),
    ("roles.RoleDescription", "review_rule"),
    ("roles.Task", "text"),
    ("roles.Task", "search_text"),
    # Through the services.
    ("organisation.Body", "name"),
    ("organisation.Body", "description"),
    ("organisation.Organisation", "name"),
    ("organisation.Organisation", "partner_role"),
    ("organisation.Person", "name"),
    ("organisation.Person", "email"),
    ("governance.Activity", "title"),
    ("governance.Activity", "description"),
    ("governance.Activity", "description_html"),
    ("governance.Meeting", "title"),
    ("governance.Meeting", "place"),
    ("governance.AgendaItem", "title"),
    ("governance.AgendaItem", "description"),
    ("governance.AgendaItem", "description_html"),
    ("governance.AgendaItem", "outcome_text"),
    ("governance.AgendaItem", "outcome_html"),
    ("governance.CaseBrief", "aim"),
    ("governance.CaseBrief", "background"),
    ("governance.CaseBrief", "analysis"),
    ("governance.CaseBrief", "recommendation"),
    ("governance.CaseBrief", "consequences"),
    ("governance.CaseBrief", "aim_html"),
    ("governance.CaseBrief", "background_html"),
    ("governance.CaseBrief", "analysis_html"),
    ("governance.CaseBrief", "recommendation_html"),
    ("governance.CaseBrief", "consequences_html"),
    ("governance.FollowUp", "title"),
    ("governance.Minutes", "text"),
    ("governance.Minutes", "html"),
    ("governance.MinutesPart", "text"),
    ("governance.MinutesPart", "html"),
    ("governance.Approval", "comment"),
    ("organisation.Organisation", "address"),
    ("members.Agreement", "notes"),
    ("members.Contribution", "invoice_number"),
    ("inquiries.Topic", "name"),
    ("inquiries.Inquiry", "sender_name"),
    ("inquiries.Inquiry", "sender_email"),
    ("inquiries.Inquiry", "organisation_name"),
    ("inquiries.Inquiry", "subject"),
    ("inquiries.Inquiry", "text"),
    ("inquiries.Inquiry", "text_html"),
    ("inquiries.Note", "text"),
    ("inquiries.Note", "html"),
    ("inquiries.Reply", "text"),
    ("inquiries.Reply", "html"),
    ("inquiries.Reply", "sent_to"),
    ("budgets.Account", "name"),
    ("budgets.BudgetLine", "comment"),
    ("standards.Checklist", "name"),
    ("standards.ChecklistPoint", "title"),
    ("standards.ChecklistPoint", "guidance"),
    ("standards.ChecklistPoint", "guidance_html"),
    ("standards.Answer", "title"),
    ("standards.Answer", "comment"),
    ("standards.Answer", "comment_html"),
    ("standards.Deviation", "title"),
    ("standards.Deviation", "note"),
    ("standards.Deviation", "note_html"),
    ("portfolio.Profile", "goals"),
    ("portfolio.Profile", "goals_html"),
    ("portfolio.Milestone", "title"),
    ("portfolio.GateItem", "text"),
    ("portfolio.GateCheck", "text"),
    ("portfolio.GateCheck", "comment"),
    ("portfolio.StatusReport", "summary"),
    ("portfolio.StatusReport", "summary_html"),
    ("portfolio.StatusReport", "risks"),
    ("portfolio.StatusReport", "risks_html"),
    ("portfolio.MilestoneProgress", "comment"),
    ("onboarding.ChecklistTemplate", "name"),
    ("onboarding.ChecklistTemplate", "description"),
    ("onboarding.Step", "title"),
    ("onboarding.Checklist", "title"),
    ("onboarding.Task", "title"),
    ("communication.PlannedActivity", "title"),
    ("communication.PlannedActivity", "notes"),
    ("communication.NewsletterIssue", "title"),
    # Written by the services from the names above.
    ("audit.Entry", "summary"),
    ("audit.Entry", "data"),
    ("audit.Entry", "object_name"),
}


@dataclass
class World:
    """Everything the world made, for the addresses of the pages that show it."""

    pages: list = field(default_factory=list)
    # Pages edited once after the import: two versions to compare.
    edited: list = field(default_factory=list)
    # Pages whose source holds the whole corpus.
    corpus_pages: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    people: list = field(default_factory=list)
    assignments: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    # Meetings whose minutes are approved (readable by anyone), and one
    # whose newest version waits for answers.
    approved_minutes: list = field(default_factory=list)
    pending_minutes: list = field(default_factory=list)
    minutes: list = field(default_factory=list)
    items: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    feeds: list = field(default_factory=list)
    # Conflicts with Git on the corpus pages, os2org's version carrying the corpus.
    conflicts: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    contributions: list = field(default_factory=list)
    budget_lines: list = field(default_factory=list)
    approvers: list = field(default_factory=list)
    checklists: list = field(default_factory=list)
    product_reviews: list = field(default_factory=list)
    deviations: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    inquiries: list = field(default_factory=list)
    # The portfolio: every product community and programme with a profile, a roadmap, a gate and a report.
    portfolio_bodies: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    gates: list = field(default_factory=list)
    status_reports: list = field(default_factory=list)
    # Onboarding and the communication plan.
    onboarding_templates: list = field(default_factory=list)
    onboarding_checklists: list = field(default_factory=list)
    plan_activities: list = field(default_factory=list)
    newsletter_issues: list = field(default_factory=list)


def build(directory):
    """Make the world: the handbook from files written to `directory`, the rest through the services."""
    for name in group_names.ALL:
        # Tests that empty the database take the migration's groups along.
        Group.objects.get_or_create(name=name)
    user = make_user(SECRETARIAT, group_names.SECRETARIAT)
    # Pages not yet on the access model still ask for staff.
    user.is_staff = True
    user.save()
    world = World()
    write_handbook(directory)
    call_command("handbook", "import", str(directory), "--replace", stdout=StringIO(), stderr=StringIO())
    _edit_pages(world, user)
    world.pages = list(Page.objects.order_by("path"))
    whole = ["index.md", "sektion.md", f"xss/{FILE_NAME.text}.md", *(page.path for page in world.edited)]
    world.corpus_pages = [page for page in world.pages if page.path in whole]
    world.roles = list(RoleDescription.objects.order_by("page__path"))
    _conflicts(world)
    _organisations(world)
    _bodies(world)
    _people(world)
    _assignments(world)
    _activities(world)
    _meetings(world)
    _budgets(world)
    _members(world)
    _standards(world)
    _inquiries(world)
    _portfolio(world)
    _onboarding(world)
    _communication(world)
    # The secretariat's log-in is a participant yet to answer the pending
    # minutes, so that its overview shows the corpus too.
    Account.objects.create(user=user, person=_unanswering(world.pending_minutes[0]))
    subjects = (None, world.bodies[1], world.roles[0], world.people[0])
    world.feeds = [feed_for(subject) for subject in subjects]
    Activity.objects.update(visibility=Visibility.PUBLIC)
    Meeting.objects.update(visibility=Visibility.PUBLIC)
    AgendaItem.objects.update(visibility=Visibility.PUBLIC)
    return world


def _unanswering(meeting):
    answered = Approval.objects.filter(minutes__meeting=meeting, minutes__status="sent").values("person")
    return meeting.participants.exclude(pk__in=answered).first()


def _front_matter(**keys):
    # JSON strings are YAML strings, so any payload survives the front matter.
    lines = [f"{key}: {json.dumps(value)}" for key, value in keys.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def write_handbook(directory):
    """A front page, a section, a page per payload, one with the whole corpus, and role pages."""
    titles = chunks(200)
    home, section = titles[0], titles[1]
    (directory / "index.md").write_text(
        _front_matter(title=home, nav_order=1) + f"# Forside {titles[2]}\n\n" + markdown_corpus(), encoding="utf-8"
    )
    (directory / "sektion.md").write_text(
        _front_matter(title=section, parent=home) + markdown_corpus(), encoding="utf-8"
    )
    (directory / "xss").mkdir()
    for payload in ALL:
        title = f"{payload.id} {payload.text}" if payload in INLINE else payload.id
        head = _front_matter(title=title, parent=section, grand_parent=home)
        text = f"{head}# {payload.id}\n\n{as_markdown(payload)}"
        (directory / "xss" / f"{payload.id}.md").write_text(text, encoding="utf-8")
    # A page with a payload for a file name shows the corpus.
    text = _front_matter(title=FILE_NAME.id, parent=section) + markdown_corpus()
    (directory / "xss" / f"{FILE_NAME.text}.md").write_text(text, encoding="utf-8")
    # The site's settings carry payloads too: every page shows its title and links.
    config = {
        "title": titles[3],
        "description": titles[4],
        "logo": f"/xss/{FILE_NAME.text}.png",
        "aux_links": {payload.text: [f"https://example.org/{payload.text}"] for payload in INLINE[:5]},
        "callouts": {"note": {"title": titles[5], "color": "purple"}, "xss": {"title": titles[6]}},
        "back_to_top": True,
        "back_to_top_text": titles[7],
    }
    (directory / "_config.yml").write_text(json.dumps(config), encoding="utf-8")
    (directory / "xss" / f"{FILE_NAME.text}.png").write_bytes(PNG)
    (directory / "roller").mkdir()
    for number, run in enumerate(groups(250), start=1):
        text = _front_matter(title=f"Rolle {number}", parent=home, reviewed="2020-01-01") + role_page(run)
        (directory / "roller" / f"rolle-{number}.md").write_text(text, encoding="utf-8")


def role_page(run):
    """A role description whose name and every section carry the payloads of `run`."""
    name = " ".join(payload.text for payload in run)
    items = "\n".join(f"- Opgave {payload.text}" for payload in run)
    paragraphs = "\n\n".join(payload.text for payload in run)
    areas = "\n\n".join(f"##### {number}. {item.text}\n\n- Punkt {item.text}" for number, item in enumerate(run, 1))
    competencies = "\n".join(f"- **Evne {payload.text}:** {payload.text}" for payload in run)
    return f"""# Funktionsbeskrivelse – {name} i OS2

## Formål med stillingen

{paragraphs}

## Ansvarsområde

{areas}

## Arbejdsopgaver og prioritering

### MUST

{items}

### SHOULD

{items}

### COULD

{items}

## Faglige kompetencer

{competencies}

## Personlige kvalifikationer

{items}

## Samarbejdsrelationer

{items}
- {BREAKOUT.text} (primær reference)

## Øvrige forhold

- 5–15 timer pr. uge: {name}
- Ingen personaleansvar.
- Intet budgetansvar.
- Funktionsbeskrivelsen revideres årligt: {name}

## {name}

{paragraphs}
"""


KINDS = [
    Body.Kind.BOARD,
    Body.Kind.SECRETARIAT,
    Body.Kind.PROGRAMME,
    Body.Kind.PRODUCT_COMMUNITY,
    Body.Kind.STEERING_GROUP,
    Body.Kind.COORDINATION_GROUP,
    Body.Kind.WORKING_GROUP,
    Body.Kind.COMMITTEE,
]


def _edit_pages(world, user):
    """Edit a page per change note, adding the whole corpus to its source."""
    pages = Page.objects.filter(path__startswith="xss/").order_by("path")
    for page, note in zip(pages, chunks(500)):
        source = f"{page.source}\n{markdown_corpus()}"
        world.edited.append(save_page(page, source=source, visibility=Visibility.PUBLIC, note=note, actor=user))


def _conflicts(world):
    """A conflict per corpus page, as a pull records one (no repository is reached)."""
    repository = Repository.objects.create(url="https://git.example.org/xss.git", branch="main")
    commit = "0123456789abcdef0123456789abcdef01234567"
    for number, page in enumerate(world.corpus_pages, start=1):
        ours = f"{markdown_corpus()}\n{page.source}"
        branch = f"os2org/conflict/2026-03-01-{number}"
        conflict = open_conflict(repository, path=page.path, ours=ours, branch=branch, commit=commit, git_commit=commit)
        world.conflicts.append(conflict)


def _organisations(world):
    for name in chunks(200):
        world.organisations.append(
            save_organisation(
                name=name,
                kind=Organisation.Kind.MUNICIPALITY,
                is_member=True,
                is_supplier=True,
                is_partner=True,
                partner_role=markdown_corpus(),
                address=" ".join(payload.text for payload in INLINE),
            )
        )


def _bodies(world):
    """The association at the root, every other body under it, related in a ring."""
    made, organisations = world.bodies, world.organisations
    for number, name in enumerate(chunks(200)):
        kind = KINDS[(number - 1) % len(KINDS)] if number else Body.Kind.ASSOCIATION
        programme = made[3] if kind == Body.Kind.PRODUCT_COMMUNITY and len(made) > 3 else None
        body = save_body(
            name=name,
            kind=kind,
            description=markdown_corpus(),
            parent=made[0] if made else None,
            programme=programme,
            position=number,
            suppliers=[organisations[(number + 1) % len(organisations)]],
        )
        made.append(body)
        if kind in JOINABLE_KINDS:
            join(organisations[number % len(organisations)], body)
    for source, target in zip(made[1:], made[2:]):
        relate_bodies(source, target)


def _people(world):
    made, organisations, names = world.people, world.organisations, chunks(200)
    for number, name in enumerate(names):
        # The first person is renamed once: their history shows payloads before and after.
        employer = organisations[number % len(organisations)]
        first = names[-1] if number == 0 else name
        made.append(save_person(name=first, email=EMAIL.text, employer=employer, contract_hours=5))
    save_person(made[0], name=names[0])


def _assignments(world):
    today = timezone.localdate()
    bodies, roles = world.bodies, world.roles
    for number, person in enumerate(world.people):
        function = Assignment.Function.CHAIR if number % 2 else Assignment.Function.COORDINATOR
        assignment = assign_role(
            person,
            body=bodies[number % len(bodies)],
            role=roles[number % len(roles)],
            function=function,
            starts=today - timedelta(days=30),
            hours_per_week=10,
        )
        world.assignments.append(assignment)


def _activities(world):
    today = timezone.localdate()
    bodies, roles = world.bodies, world.roles
    kinds = list(Activity.Kind)
    for number, title in enumerate(chunks(200)):
        activity = save_activity(
            title=title,
            kind=kinds[number % len(kinds)],
            body=bodies[number % len(bodies)],
            role=roles[number % len(roles)],
            description=markdown_corpus(),
            starts=today + timedelta(days=number),
            rule="FREQ=MONTHLY;COUNT=3",
        )
        world.activities.append(activity)


def _budgets(world):
    """Accounts named by the corpus; a budget for each body that may have one, every line commented with
    all of it; a quarter of actuals; an invoice approver of each such body, mandated by a board decision."""
    year = timezone.localdate().year
    save_accounts([AccountRow(f"{1000 + number}", name) for number, name in enumerate(chunks(200))])
    accounts = list(BudgetAccount.objects.order_by("number"))
    comment = " ".join(payload.text for payload in INLINE)
    (decision, *_rest) = [item for item in world.items if item.meeting.body.kind == Body.Kind.BOARD]
    rows = []
    for body in [body for body in world.bodies if body.kind in BUDGET_KINDS]:
        budget = create_budget(body=body, year=year, decision=decision)
        world.budgets.append(budget)
        for number, account in enumerate(accounts):
            line = save_line(budget=budget, account=account, amount=Decimal(1000 * (number + 1)))
            world.budget_lines.append(comment_line(line, comment=comment))
            rows.append(ActualRow(body=body, account=account, amount=Decimal(700 * (number + 1))))
        world.approvers.append(save_approver(body=body, account=None, role=world.roles[0], person=None, decision=decision))
    import_actuals(rows, year=year, quarter=1, source=FILE_NAME.text)


def _members(world):
    """Each agreement (every joinable body has one, made with the bodies) notes the whole corpus and
    owes a fee; this year's lines are invoiced under numbers made of the corpus."""
    year = timezone.localdate().year
    for agreement in Agreement.objects.order_by("pk"):
        world.agreements.append(save_agreement(agreement, notes=markdown_corpus(), annual_fee=Decimal(1000)))
    raise_contributions(year)
    numbers = chunks(200)
    for number, line in enumerate(Contribution.objects.order_by("pk")):
        invoice_number = numbers[number % len(numbers)]
        invoiced_on = timezone.localdate()
        world.contributions.append(
            set_contribution_status(line, status="invoiced", invoice_number=invoice_number, invoiced_on=invoiced_on)
        )


def _standards(world):
    """Checklists named by the corpus, with points titled by it and guided by all of it; a review of each
    product community answered with all of it, the first of its deviations (every point is not met) closed
    with all of it."""
    titles = chunks(300)
    checklists = [
        save_checklist(name=name, points=[PointRow(title, markdown_corpus()) for title in titles])
        for name in chunks(200)
    ]
    products = [body for body in world.bodies if body.kind == Body.Kind.PRODUCT_COMMUNITY]
    for number, product in enumerate(products):
        review = start_review(
            product=product,
            checklist=checklists[number % len(checklists)],
            held_on=timezone.localdate(),
            reviewer=world.people[0],
        )
        judgements = [Judgement(answer.pk, "not_met", markdown_corpus()) for answer in review.answers.all()]
        answer_review(review, judgements=judgements)
        found = complete_review(review, owner_role=world.roles[0])
        closed = close_deviation(found[0], closed_on=timezone.localdate(), note=markdown_corpus())
        world.deviations += [closed, *found[1:]]
        world.product_reviews.append(review)
    world.checklists = checklists


def _inquiries(world):
    """Topics named by the corpus; an inquiry for each subject, from a sender and organisation named by it,
    its text, a note and a reply all of it."""
    names = chunks(200)
    world.topics = [save_topic(name=name, role=world.roles[0], response_days=5) for name in names]
    for number, subject in enumerate(chunks(300)):
        inquiry = receive_inquiry(
            topic=world.topics[number % len(world.topics)],
            channel="form",
            sender_name=names[number % len(names)],
            sender_email=EMAIL.text,
            organisation_name=names[-1 - number % len(names)],
            subject=subject,
            text=markdown_corpus(),
        )
        add_note(inquiry, text=markdown_corpus())
        add_reply(inquiry, text=markdown_corpus(), sent_to=EMAIL.text)
        world.inquiries.append(inquiry)


def _onboarding(world):
    """Templates named and described by the corpus, with steps titled by it, each started for a person,
    its first task ticked."""
    today = timezone.localdate()
    titles = chunks(200)
    for number, name in enumerate(titles):
        steps = [StepData(title, world.roles[0], offset) for offset, title in enumerate(titles)]
        template = save_template(name=name, kind="employee", steps=steps, description=markdown_corpus())
        checklist = start_checklist(template, person=world.people[number % len(world.people)], starts=today)
        set_task_done(checklist.tasks.first(), done=True)
        world.onboarding_templates.append(template)
        world.onboarding_checklists.append(checklist)


def _communication(world):
    """A plan of activities titled by the corpus with notes of all of it, owned by a role or a person;
    newsletter issues titled by it; the people as consenting contacts of the product communities."""
    today = timezone.localdate()
    products = [body for body in world.bodies if body.kind in JOINABLE_KINDS]
    for number, title in enumerate(chunks(200)):
        owner = {"owner_role": world.roles[0]} if number % 2 else {"owner_person": world.people[0]}
        fields = {"audience": "members", "channel": "newsletter", "notes": markdown_corpus(), **owner}
        world.plan_activities.append(plan_activity(title=title, day=today, **fields))
        world.newsletter_issues.append(save_issue(title=title, planned=today, products=products[:1]))
    for number, person in enumerate(world.people):
        relate_contact(person, product=products[number % len(products)], kind="contact")
        record_consent(person, on=today)


def _portfolio(world):
    """Each product community a project with goals, milestones titled by the corpus, an open gate whose points
    are titled by it and commented with all of it, and a report of all of it; each programme a profile."""
    save_gate_template(from_stage="project", items=chunks(500))
    period = last_ended(timezone.localdate())[0]
    for body in world.bodies:
        if body.kind == Body.Kind.PROGRAMME:
            save_profile(body=body, goals=markdown_corpus())
            world.programmes.append(body)
        if body.kind != Body.Kind.PRODUCT_COMMUNITY:
            continue
        profile = save_profile(body=body, stage="project", goals=markdown_corpus())
        milestones = [save_milestone(profile=profile, title=title, due=timezone.localdate()) for title in chunks(300)]
        gate = open_gate(profile)
        check_gate(gate, checks={check.position: (True, markdown_corpus()) for check in gate.checks.all()})
        world.status_reports.append(
            file_report(
                profile=profile, period_starts=period, hours_used=Decimal(1), hours_bought=Decimal(2),
                summary=markdown_corpus(), risks=markdown_corpus(),
                progress={milestone.pk: ("in_progress", markdown_corpus()) for milestone in milestones},
            )
        )
        world.portfolio_bodies.append(body)
        world.milestones += milestones
        world.gates.append(gate)


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _meetings(world):
    """A meeting per title; the first ones in the past, each with an item and its brief, decision, follow-up
    and minutes."""
    today = timezone.localdate()
    bodies, people = world.bodies, world.people
    items = chunks(300)
    for number, (title, place) in enumerate(zip(chunks(200), reversed(chunks(200)))):
        day = today - timedelta(days=60 - number) if number < len(items) else today + timedelta(days=number)
        participants = [people[number % len(people)], people[(number + 1) % len(people)]]
        meeting = meetings.save_meeting(
            body=bodies[number % len(bodies)], starts=_at(day), title=title, place=place, participants=participants
        )
        world.meetings.append(meeting)
        if number < len(items):
            _agenda(world, meeting, items[number], participants, day)
            _minutes(world, meeting, participants, pending=number == len(items) - 1)


def _agenda(world, meeting, title, participants, day):
    corpus = markdown_corpus()
    item = meetings.add_agenda_item(meeting, title=title, description=corpus)
    meetings.save_case_brief(
        item,
        purpose="decision",
        date=day,
        author=participants[0],
        owner=participants[1],
        aim=corpus,
        background=corpus,
        analysis=corpus,
        recommendation=corpus,
        consequences=corpus,
    )
    meetings.record_outcome(item, outcome="decision", text=corpus)
    follow_up = meetings.add_follow_up(item, title=title, due=day + timedelta(days=1), owner_person=participants[0])
    world.items.append(item)
    world.follow_ups.append(follow_up)


def _minutes(world, meeting, participants, *, pending):
    """Two approved versions; with `pending`, a third sent and answered with an amendment."""
    corpus = markdown_corpus()
    parts = {item: corpus for item in meeting.items.all()}
    for _version in range(2):
        minutes = meetings.send_minutes(meetings.write_minutes(meeting, text=corpus, parts=parts), notify=False)
        for person in participants:
            meetings.answer_minutes(minutes, person=person, answer="approved", comment=corpus)
        world.minutes.append(minutes)
    if pending:
        minutes = meetings.send_minutes(meetings.write_minutes(meeting, text=corpus, parts=parts), notify=False)
        meetings.answer_minutes(minutes, person=participants[0], answer="amend", comment=corpus)
        world.minutes.append(minutes)
        world.pending_minutes.append(meeting)
    else:
        world.approved_minutes.append(meeting)

