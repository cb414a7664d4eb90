"""One small organisation with something of every kind and visibility, and a log-in per group.

    Foreningen
    ├── Bestyrelsen (board)
    ├── Fællesskab A (product community; member authority: Egeby Kommune)
    │   └── Styregruppen for A
    └── Fællesskab B (product community)
        └── Styregruppen for B

Each steering group has an internal meeting that the board member took
part in, with one agenda item holding a decision, its case brief and a
follow-up, and minutes sent for approval; each community has an internal
annual-cycle activity. A's agenda item is internal, B's is public (so B's
decision is the one in the public register). A also has a public and a
members' activity; the calendar feed is the whole organisation's, for
members. The handbook has a page of each visibility and a role description,
and its public page a conflict with Git waiting for the secretariat.
A's agenda item has a PDF attached.
The board (an internal meeting with one decision) approved A's budget of
two lines; B has a budget too, and A an invoice approver by role.

The access tests open every view on A's objects unless they say otherwise
(`url_kwargs(..., community="b")`).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from knox.models import AuthToken

from os2org.access import groups
from os2org.attachments.services import attach
from os2org.budgets.models import Actual
from os2org.common.visibility import Visibility
from os2org.communication.services import save_activity as plan_activity
from os2org.communication.services import save_issue
from os2org.governance.cycle.services import feed_for, save_activity
from os2org.governance.meetings import services
from os2org.governance.models import Activity, AgendaItem, Approval, Feed, FollowUp, Meeting, Minutes
from os2org.handbook.models import Asset, Page
from os2org.handbook.services import import_handbook, save_page
from os2org.inquiries.services import receive_inquiry, save_topic
from os2org.members.services import raise_contributions, relate_contact
from os2org.onboarding.services import StepData, save_template, start_checklist
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person
from os2org.portfolio.services import file_report, open_gate, save_gate_template, save_milestone, save_profile
from os2org.roles.models import RoleDescription
from os2org.sync.models import Repository
from os2org.sync.services import open_conflict
from tests.accounts import make_user
from tests.agreements import join
from tests.budgets.builders import money_of
from tests.governance.builders import at
from tests.handbooks import write_handbook
from tests.standards.builders import reviewed
from tests.urlconf import views

PUBLIC = "public"
VIEWERS = (PUBLIC, groups.SECRETARIAT, groups.BOARD, groups.COORDINATOR, groups.MEMBER_CONTACT)

# Every page mentions "vejledning", so a search for it shows what the searcher may read.
PAGES = {
    Visibility.PUBLIC: ("index.md", "Velkommen", "Den offentlige vejledning til foreningen."),
    Visibility.MEMBERS: ("medlemmer.md", "For medlemmer", "Vejledning for medlemmernes kontaktpersoner."),
    Visibility.INTERNAL: ("intern.md", "Intern huskeliste", "Sekretariatets interne vejledning."),
}
PAGE = "---\ntitle: {title}\nnav_order: {order}\n---\n\n# {title}\n\n{text}\n"
PDF = b"%PDF-1.4\n%%EOF\n"


@dataclass
class Community:
    body: Body
    steering: Body
    meeting: Meeting
    item: AgendaItem
    follow_up: FollowUp
    minutes: Minutes
    activity: Activity
    # An item the meeting has not dealt with yet, which may be removed.
    open_item: AgendaItem
    # An item taken off the meeting's agenda, to be put back: (pk: the meeting's, entry: the removal's).
    removal: SimpleNamespace
    # The portfolio: each community a project with a milestone, a filed report and an open gate (_portfolio).
    portfolio_milestone: object = None
    status_report: object = None
    gate: object = None
    profile: object = None


@dataclass
class World:
    a: Community
    b: Community
    authority: Organisation
    coordinator: Person
    board_member: Person
    steering_member: Person
    assignment: Assignment
    pages: dict  # visibility → Page
    role: RoleDescription
    feed: Feed
    conflict: object  # os2org.sync.models.Conflict
    users: dict  # viewer → User (no entry for the public)
    tokens: dict  # viewer → API token key
    sessions: dict  # viewer → session cookie of a log-in
    attachment: object = None  # os2org.attachments.models.Attachment of A's agenda item
    money: object = None  # A's budget, a line of it and its invoice approver (tests/budgets/builders.money_of)
    agreement: object = None  # os2org.members.models.Agreement: the authority in A
    contact: object = None  # the steering member (employed by the authority) as A's contact person
    actual: object = None  # A's first-quarter actual on the budget line's account
    contribution: object = None  # the agreement's annual fee for 2026
    # Onboarding: a template of one step owned by the world's role (held by nobody), started for the coordinator.
    onboarding_template: object = None
    onboarding_checklist: object = None
    onboarding_task: object = None
    # The communication plan: one activity owned by the role, one newsletter issue.
    plan_activity: object = None
    newsletter_issue: object = None
    topic: object = None  # os2org.inquiries.models.Topic, routed to the world's role
    inquiry: object = None  # an inquiry on that topic, from the public form
    checklist: object = None  # os2org.standards.models.Checklist of A's reviews
    product_review: object = None  # a review of A against it, being answered
    deviation: object = None  # the deviation an earlier, completed review of A found, owned by the world's role
    # A programme for the portfolio's programme page.
    programme: object = None

    def sign_in(self, client, viewer):
        """Sign the test client in as `viewer` (the public stays signed out)."""
        if viewer in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[viewer]

    def community(self, name):
        return {"a": self.a, "b": self.b}[name]

    @property
    def public_page(self):
        return self.pages[Visibility.PUBLIC]

    @property
    def public_file(self):
        return Asset.objects.get(path="billede.png")

    @property
    def budget(self):
        return self.money.budget

    @property
    def budget_line(self):
        return self.money.line

    @property
    def approver(self):
        return self.money.approver

    @property
    def account(self):
        return self.money.line.account


def build(folder):
    """Build the world through the services; `folder` is an empty folder for the handbook's files."""
    pages, role = _handbook(folder)
    association = save_body(name="Foreningen", kind=Body.Kind.ASSOCIATION)
    authority = save_organisation(name="Egeby Kommune", kind=Organisation.Kind.MUNICIPALITY, is_member=True)
    coordinator = save_person(name="Kasper Koordinator", email="kasper@example.org", employer=authority)
    board_member = save_person(name="Birthe Bestyrelse", email="birthe@example.org")
    steering_member = save_person(name="Stine Styregruppe", email="stine@example.org", employer=authority)
    body_a, steering_a = _community("A", association)
    body_b, steering_b = _community("B", association)
    agreement = join(authority, body_a, annual_fee=Decimal(1000))
    raise_contributions(2026)
    assignment = assign_role(
        coordinator, body=body_a, function=Assignment.Function.COORDINATOR, starts=date(2025, 1, 1), hours_per_week=10
    )
    assign_role(steering_member, body=steering_a, starts=date(2025, 1, 1), hours_per_week=2)
    _activity("Offentlig frist", body_a, Visibility.PUBLIC)
    _activity("Medlemsmøde", body_a, Visibility.MEMBERS)
    a_activity = _activity("Intern frist for A", body_a, Visibility.INTERNAL)
    a = _governance(
        "A", body_a, steering_a, a_activity, [board_member, steering_member], item_visibility=Visibility.INTERNAL
    )
    b_activity = _activity("Intern frist for B", body_b, Visibility.INTERNAL)
    b = _governance("B", body_b, steering_b, b_activity, [board_member], item_visibility=Visibility.PUBLIC)
    money = money_of(association, body_a, body_b, role)
    # Nobody types these passwords: a fast hash keeps the build quick.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        users = {
            groups.SECRETARIAT: make_user("sekretariat", groups.SECRETARIAT),
            groups.BOARD: make_user("bestyrelse", groups.BOARD, person=board_member),
            groups.COORDINATOR: make_user("koordinator", groups.COORDINATOR, person=coordinator),
            groups.MEMBER_CONTACT: make_user("kontakt", groups.MEMBER_CONTACT, authority=authority),
        }
    return World(
        a=a,
        b=b,
        authority=authority,
        coordinator=coordinator,
        board_member=board_member,
        steering_member=steering_member,
        assignment=assignment,
        pages=pages,
        role=role,
        feed=feed_for(None, visibility=Visibility.MEMBERS),
        conflict=_conflict(pages[Visibility.PUBLIC]),
        users=users,
        tokens={viewer: AuthToken.objects.create(user)[1] for viewer, user in users.items()},
        sessions={viewer: _session(user) for viewer, user in users.items()},
        attachment=attach(a.item, SimpleUploadedFile("budget.pdf", PDF), actor=users[groups.SECRETARIAT]),
        money=money,
        agreement=agreement,
        contribution=agreement.contributions.get(),
        **_service_work(role, coordinator),
        contact=relate_contact(steering_member, product=body_a, kind="contact"),
        actual=Actual.objects.create(body=body_a, account=money.line.account, year=2026, quarter=1, amount=Decimal(900)),
        **_inquiries(role),
        **vars(reviewed(body_a, reviewer=coordinator, role=role)),
        programme=_portfolio(a, b),
    )


def _portfolio(*communities):
    """Each community a project with a milestone, a report and an open gate; a programme, returned."""
    save_gate_template(from_stage="project", items=["Licens valgt"])
    for side in communities:
        profile = save_profile(body=side.body, stage="project")
        side.portfolio_milestone = save_milestone(profile=profile, title="Version 1.0", due=date(2026, 9, 1))
        side.status_report = file_report(
            profile=profile, period_starts=date(2026, 1, 1), hours_used=Decimal(100), hours_bought=Decimal(120)
        )
        side.gate = open_gate(profile)
        side.profile = profile
    return save_body(name="Portefølje-programmet", kind=Body.Kind.PROGRAMME)


def _inquiries(role):
    topic = save_topic(name="Spørgsmål", role=role, response_days=5)
    inquiry = receive_inquiry(
        topic=topic, channel="form", sender_name="Jens Olsen", sender_email="jens@example.org", subject="Hej", text="Et spørgsmål."
    )
    return {"topic": topic, "inquiry": inquiry}


def _service_work(role, person):
    template = save_template(name="Ny koordinator", kind="coordinator", steps=[StepData("Velkomstmøde", role, 7)])
    checklist = start_checklist(template, person=person, starts=date(2026, 3, 1))
    return {
        "onboarding_template": template,
        "onboarding_checklist": checklist,
        "onboarding_task": checklist.tasks.get(),
        "plan_activity": plan_activity(
            title="Nyhedsbrev", day=date(2026, 6, 1), audience="members", channel="newsletter", owner_role=role
        ),
        "newsletter_issue": save_issue(title="Nyhedsbrev juni", planned=date(2026, 6, 1), audiences=["members"]),
    }


def _session(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _handbook(folder):
    write_handbook(folder, roles=1)
    for order, (path, title, text) in enumerate(PAGES.values(), start=2):
        (folder / path).write_text(PAGE.format(title=title, order=order, text=text), encoding="utf-8")
    # A file of the handbook that no page uses: public, as new pages are.
    (folder / "billede.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    import_handbook([folder])
    pages = {}
    for visibility, (path, _title, _text) in PAGES.items():
        page = Page.objects.get(path=path)
        pages[visibility] = save_page(page, source=page.source, visibility=visibility)
    return pages, RoleDescription.objects.get()


def _conflict(page):
    """A conflict on `page` as a pull records one; no repository is reached (sync's own tests do that)."""
    repository = Repository.objects.create(url="https://git.example.org/forening/haandbog.git", branch="main")
    ours = PAGE.format(title="Velkommen", order=2, text="Den offentlige vejledning, rettet i os2org.")
    commit = "0123456789abcdef0123456789abcdef01234567"
    branch = "os2org/conflict/2026-03-01-1"
    return open_conflict(repository, path=page.path, ours=ours, branch=branch, commit=commit, git_commit=commit)


def _community(name, association):
    body = save_body(name=f"Fællesskab {name}", kind=Body.Kind.PRODUCT_COMMUNITY, parent=association)
    return body, save_body(name=f"Styregruppen for {name}", kind=Body.Kind.STEERING_GROUP, parent=body)


def _activity(title, body, visibility):
    return save_activity(
        title=title, kind=Activity.Kind.DEADLINE, body=body, starts=date(2026, 3, 1), visibility=visibility
    )


def _governance(name, body, steering, activity, participants, *, item_visibility):
    meeting = services.save_meeting(
        body=steering, starts=at("2026-03-05 10:00"), title=f"Styregruppemøde {name}", participants=participants
    )
    item = services.add_agenda_item(meeting, title=f"Budget for {name}", visibility=item_visibility)
    services.save_case_brief(item, purpose="decision", date=date(2026, 2, 20), aim=f"Budgettet for {name}.")
    item = services.record_outcome(item, outcome=AgendaItem.Outcome.DECISION, text=f"Budgettet for {name} vedtages.")
    follow_up = services.add_follow_up(
        item, title=f"Budgettet for {name} sendes ud", due=date(2026, 4, 1), owner_person=participants[0]
    )
    minutes = services.write_minutes(meeting, text=f"# Referat af styregruppemøde {name}")
    services.send_minutes(minutes, notify=False)
    open_item = services.add_agenda_item(meeting, title=f"Eventuelt for {name}", visibility=item_visibility)
    removed = services.remove_agenda_item(services.add_agenda_item(meeting, title=f"Aflyst punkt for {name}"))
    removal = SimpleNamespace(pk=meeting.pk, entry=removed.pk)
    return Community(body, steering, meeting, item, follow_up, minutes, activity, open_item, removal)


def _named(namespace, *names):
    return [f"{namespace}:{name}" for name in names]


# What a view with URL arguments is opened on: an attribute of the
# community (A's, unless a test asks for B's) or else of the world.
OPENED_ON = {
    "body": [
        "organisation:body",
        "organisation:body-edit",
        *_named("portfolio", "community", "community-edit", "milestone-create", "report-create", "gate-create"),
        "api:bodies-detail",
        *_named("standards", "product", "review-create"),
    ],
    "checklist": _named("standards", "checklist", "checklist-edit"),
    "product_review": [*_named("standards", "review", "review-answer", "review-complete"), "api:product-reviews-detail"],
    "deviation": [*_named("standards", "deviation", "deviation-close"), "api:deviations-detail"],
    "portfolio_milestone": ["portfolio:milestone-edit"],
    "status_report": ["portfolio:report", "portfolio:report-edit", "api:status-reports-detail"],
    "profile": ["api:portfolio-detail"],
    "gate": ["portfolio:gate", "portfolio:gate-pass"],
    "programme": ["portfolio:programme"],
    "meeting": [
        *_named("governance", "meeting", "meeting-edit", "item-create", "agenda", "agenda-markdown", "minutes"),
        *_named("governance", "minutes-markdown", "minutes-edit", "minutes-send", "minutes-answer"),
        *_named("governance", "meeting-cancel", "meeting-restore"),
        "api:meetings-detail",
    ],
    "item": [
        *_named("governance", "item-edit", "item-move", "brief-edit", "outcome-edit", "follow-up-create"),
        "api:agenda-items-detail",
        "api:decisions-detail",
    ],
    "follow_up": ["governance:follow-up", "api:follow-ups-detail"],
    "open_item": ["governance:item-remove"],
    "removal": ["governance:item-restore"],
    "minutes": ["api:minutes-detail"],
    "activity": ["governance:activity", "governance:activity-edit", "api:activities-detail"],
    "feed": ["governance:feed"],
    "public_page": ["handbook:page", "handbook:page-edit", "handbook:page-preview", "handbook:page-history", "api:pages-detail"],
    "public_file": ["handbook:file"],
    "conflict": ["sync:conflict"],
    "attachment": ["attachments:download"],
    "agreement": ["members:agreement", "members:agreement-edit", "members:agreement-notice", "api:agreements-detail"],
    "contribution": ["members:contribution", "api:contributions-detail"],
    "inquiry": [*_named("inquiries", "inquiry", "status", "note", "reply", "route"), "api:inquiries-detail"],
    "topic": ["inquiries:topic-edit"],
    "budget": ["budgets:budget", "budgets:budget-approve", "budgets:line-create", "api:budgets-detail"],
    "budget_line": ["budgets:line-edit", "budgets:line-comment"],
    "approver": ["budgets:approver-edit", "api:invoice-approvers-detail"],
    "account": ["api:accounts-detail"],
    "actual": ["api:actuals-detail"],
    "contact": ["api:contacts-detail"],
    "onboarding_template": ["onboarding:template-edit"],
    "onboarding_checklist": ["onboarding:checklist"],
    "onboarding_task": ["onboarding:task-done"],
    "plan_activity": ["communication:activity-edit"],
    "newsletter_issue": ["communication:issue-edit"],
    "role": ["roles:detail", "handbook:role-history", "api:roles-detail"],
    "authority": [
        "organisation:organisation",
        "organisation:organisation-edit",
        "api:organisations-detail",
        "members:organisation",
    ],
    "coordinator": [
        "organisation:person",
        "organisation:person-edit",
        "organisation:assignment-create",
        "api:people-detail",
    ],
    "assignment": [
        "organisation:assignment",
        "organisation:assignment-edit",
        "organisation:assignment-end",
        "api:assignments-detail",
    ],
}
OBJECTS = {view: what for what, names in OPENED_ON.items() for view in names}

# A valid new item in the community for each API list (POST), so that a
# write refused only once the item is known is refused here too. Read-only
# endpoints get an empty one.
API_NEW = {
    "pages": lambda world, side: {},
    "roles": lambda world, side: {},
    "minutes": lambda world, side: {},
    "decisions": lambda world, side: {},
    "search": lambda world, side: {},
    "bodies": lambda world, side: {"name": "Faggruppen", "kind": Body.Kind.WORKING_GROUP, "parent": side.body.pk},
    "organisations": lambda world, side: {"name": "Nyby Kommune", "kind": Organisation.Kind.MUNICIPALITY},
    "people": lambda world, side: {"name": "Ny Person"},
    "assignments": lambda world, side: {
        "person": world.steering_member.pk,
        "body": side.steering.pk,
        "starts": "2026-01-01",
        "hours_per_week": "1",
    },
    "activities": lambda world, side: {
        "title": "Ny frist",
        "kind": Activity.Kind.DEADLINE,
        "body": side.body.pk,
        "starts": "2026-06-01",
    },
    "meetings": lambda world, side: {"body": side.steering.pk, "starts": "2026-06-02T10:00:00+02:00"},
    "agenda-items": lambda world, side: {"meeting": side.meeting.pk, "title": "Nyt punkt"},
    "agreements": lambda world, side: {
        "organisation": world.authority.pk,
        "product": world.b.body.pk,
        "status": "draft",
        "starts": "2027-01-01",
    },
    "contributions": lambda world, side: {},
    "inquiries": lambda world, side: {},
    "budgets": lambda world, side: {},
    "accounts": lambda world, side: {},
    "actuals": lambda world, side: {},
    "invoice-approvers": lambda world, side: {},
    "contacts": lambda world, side: {},
    "product-reviews": lambda world, side: {},
    "deviations": lambda world, side: {},
    "portfolio": lambda world, side: {},
    "status-reports": lambda world, side: {},
    "follow-ups": lambda world, side: {
        "item": side.item.pk,
        "title": "Ny opfølgning",
        "due": "2026-05-01",
        "owner_person": world.steering_member.pk,
    },
}


def api_new(basename, world, community="a"):
    """The data of a new item for POST on "api:<basename>-list"."""
    if basename not in API_NEW:
        pytest.fail(f"No new item for api:{basename}-list: add one to API_NEW in tests/access/world.py")
    return API_NEW[basename](world, world.community(community))


# Arguments no object carries: a password-reset link that is not valid.
FIXED = {
    "password_reset_confirm": {"uidb64": "MQ", "token": "0-0"},
    "members:export": {"extension": "csv"},
    "portfolio:gate-template": {"stage": "project"},
}


@cache
def _arguments():
    return {view.name: view.arguments for view in views()}


def url_kwargs(view_name, world, community="a"):
    """The URL arguments to open `view_name` with, on community A's objects (or B's)."""
    if view_name in FIXED:
        return FIXED[view_name]
    arguments = _arguments().get(view_name)
    if arguments is None:
        pytest.fail(f"{view_name} is not in the URL configuration")
    if not arguments:
        return {}
    if view_name not in OBJECTS:
        pytest.fail(f"No URL arguments for {view_name}: add the view to OPENED_ON in tests/access/world.py")
    side = world.community(community)
    obj = getattr(side, OBJECTS[view_name], None) or getattr(world, OBJECTS[view_name])
    return {name: getattr(obj, name) for name in arguments}


def url(view_name, world, community="a"):
    try:
        return reverse(view_name, kwargs=url_kwargs(view_name, world, community))
    except NoReverseMatch as error:
        pytest.fail(f"{view_name}: {error}; fix its entry in tests/access/world.py")


# Posting the world's forms as a browser does (test_stale_forms.py, test_forms_fuzz.py).

# Forms that are buttons on another page than their own address.
FORM_PAGE = {
    "governance:item-move": "governance:meeting",
    "governance:minutes-send": "governance:meeting",
    "governance:meeting-restore": "governance:meeting",
    "governance:item-restore": "governance:meeting",
    "members:contributions-raise": "members:overview",
    **{name: "inquiries:inquiry" for name in _named("inquiries", "status", "note", "reply", "route")},
    "portfolio:gate-create": "portfolio:community",
    "portfolio:gate-pass": "portfolio:gate",
    "onboarding:task-done": "onboarding:checklist",
    "communication:consent": "communication:recipients",
}


def _second_item(world):
    """A's agenda gets a second item, so that its first has a "move down" button."""
    services.add_agenda_item(world.a.meeting, title="Eventuelt")


def _new_draft(world):
    """A's minutes are approved by both participants, and a new version is drafted: one to send."""
    for person in world.a.meeting.participants.all():
        services.answer_minutes(world.a.minutes, person=person, answer=Approval.Answer.APPROVED)
    services.write_minutes(world.a.meeting, text="Referat, version 2")


def _cancelled(world):
    """A's meeting is cancelled, so that its page offers to take it up again."""
    services.cancel_meeting(world.a.meeting)


PREPARE = {
    "governance:item-move": _second_item,
    "governance:minutes-send": _new_draft,
    "governance:meeting-restore": _cancelled,
}
# What a person fills in before sending, where the form starts empty.
FILL = {
    "governance:minutes-answer": lambda world: {"answer": ["approved"], "person": [str(world.board_member.pk)]},
    "inquiries:note": lambda world: {"text": ["Ringet op."]},
    "inquiries:reply": lambda world: {"text": ["Svaret pr. telefon."]},
    # The deviations a review finds need an owner: the form offers none by default.
    "standards:review-complete": lambda world: {"owner_role": [str(world.role.pk)]},
    # The board's decision (money_of's budget approval) passes A's gate.
    "portfolio:gate-pass": lambda world: {"decision": [str(world.budget.decision_id)]},
}
