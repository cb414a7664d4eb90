"""The access policy, written by hand: for every view and API endpoint, which groups may use it how.

It is the independent check of the apps' rules modules (test_matrix.py),
and the list of what each group may post for the tests that post forms.
"""

from os2org.access.groups import BOARD, COORDINATOR, MEMBER_CONTACT, SECRETARIAT
from tests.access.world import PUBLIC, VIEWERS

LOGIN = "/konto/login/"

ALL = frozenset(VIEWERS)
SIGNED_IN = ALL - {PUBLIC}
# The secretariat and the board: named people's hours, the secretariat's reports.
READS_EVERYTHING = frozenset({SECRETARIAT, BOARD})
ONLY_SECRETARIAT = frozenset({SECRETARIAT})
READS_MONEY = READS_EVERYTHING | {MEMBER_CONTACT}
# The items are community A's and the coordinator is A's.
EDITS_A = frozenset({SECRETARIAT, COORDINATOR})
# The board member took part in A's meeting; the secretariat answers for a participant.
TOOK_PART = frozenset({SECRETARIAT, BOARD})


def read(who):
    return {"GET": who}


def form(who):
    return {"GET": who, "POST": who}


def post(who):
    return {"POST": who}


EXPECTED = {
    # The handbook and the role catalogue are public (each lists what the reader may read).
    "handbook:home": read(ALL),
    "handbook:page": read(ALL),
    "search:results": read(ALL),
    # The accessibility statement, which every page's footer links.
    "handbook:accessibility": read(ALL),
    "handbook:page-history": read(ALL),
    # A file of the handbook, for whoever may read a page that uses it (this one: everyone).
    "handbook:file": read(ALL),
    # An attachment, for whoever may read the item it belongs to (the view answers the rest 404).
    "attachments:download": read(ALL),
    "handbook:page-edit": form(ONLY_SECRETARIAT),
    "handbook:page-preview": post(ONLY_SECRETARIAT),
    "roles:catalogue": read(ALL),
    "roles:detail": read(ALL),
    "handbook:role-history": read(ALL),
    # The organisation chart, bodies, organisations and people are public (each filtered by visibility).
    "organisation:overview": read(ALL),
    "organisation:chart": read(ALL),
    "organisation:bodies": read(ALL),
    "organisation:body": read(ALL),
    "organisation:organisations": read(ALL),
    "organisation:organisation": read(ALL),
    "organisation:people": read(ALL),
    "organisation:person": read(ALL),
    "organisation:coverage": read(READS_EVERYTHING),
    "organisation:coverage-csv": read(READS_EVERYTHING),
    # The world's assignment is the coordinator's own: each person opens their own capacity page.
    "organisation:assignment": read(READS_EVERYTHING | {COORDINATOR}),
    "organisation:body-create": form(ONLY_SECRETARIAT),
    "organisation:body-edit": form(EDITS_A),
    "organisation:organisation-create": form(ONLY_SECRETARIAT),
    "organisation:organisation-edit": form(ONLY_SECRETARIAT),
    "organisation:person-create": form(ONLY_SECRETARIAT),
    "organisation:person-edit": form(ONLY_SECRETARIAT),
    "organisation:assignment-create": form(ONLY_SECRETARIAT),
    "organisation:assignment-edit": form(ONLY_SECRETARIAT),
    "organisation:assignment-end": form(ONLY_SECRETARIAT),
    # The handbook's Git repository and its conflicts are the secretariat's, who edit the handbook.
    # Anyone reaches the webhook (a GET is refused by the view, 405): an event's signature is
    # its lock (tests/sync/test_webhook.py).
    "sync:status": read(ONLY_SECRETARIAT),
    "sync:conflict": form(ONLY_SECRETARIAT),
    "sync:webhook": read(ALL),
    # The audit log names who changed what: personal data, like the coverage report.
    "audit:log": read(READS_EVERYTHING),
    # The annual cycle is public; its feeds page is the secretariat's, a feed's secret address anyone's.
    "governance:cycle": read(ALL),
    "governance:upcoming": read(ALL),
    "governance:activities": read(ALL),
    "governance:activity": read(ALL),
    "governance:activity-create": form(EDITS_A),
    "governance:activity-preview": read(EDITS_A),
    "governance:activity-edit": form(EDITS_A),
    "governance:feeds": form(ONLY_SECRETARIAT),
    # Everyone signed in makes their own calendar, which reads as they do.
    "governance:own-feed": form(SIGNED_IN),
    "governance:feed": read(ALL),
    # Meetings, the register and the exports are public; editing is the community's.
    "governance:meetings": read(ALL),
    "governance:meeting": read(ALL),
    "governance:meeting-create": form(EDITS_A),
    "governance:meeting-edit": form(EDITS_A),
    "governance:meeting-cancel": form(EDITS_A),
    "governance:meeting-restore": post(EDITS_A),
    "governance:item-create": form(EDITS_A),
    "governance:item-edit": form(EDITS_A),
    "governance:item-move": post(EDITS_A),
    "governance:item-remove": form(EDITS_A),
    "governance:item-restore": post(EDITS_A),
    "governance:brief-edit": form(EDITS_A),
    "governance:outcome-edit": form(EDITS_A),
    "governance:follow-up-create": form(EDITS_A),
    "governance:follow-up": {"GET": ALL, "POST": EDITS_A},
    "governance:minutes-edit": form(EDITS_A),
    "governance:minutes-send": post(EDITS_A),
    "governance:minutes-answer": form(TOOK_PART),
    "governance:decisions": read(ALL),
    "governance:follow-ups": read(SIGNED_IN),
    "governance:agenda": read(ALL),
    "governance:agenda-markdown": read(ALL),
    "governance:minutes": read(ALL),
    "governance:minutes-markdown": read(ALL),
    # Budgets: the board and the secretariat read them all, a coordinator their own community's
    # (another's is a 404 from the view); member contacts and the public nothing. Only the
    # secretariat changes them, loads actuals and names invoice approvers.
    # Money: the board and the secretariat read it all, a member contact their own organisation's
    # (the world's agreement and contribution are the contact's authority's); only the secretariat changes it.
    "members:overview": read(READS_MONEY),
    "members:agreements": read(READS_MONEY),
    "members:agreement": read(READS_MONEY),
    "members:agreement-create": form(ONLY_SECRETARIAT),
    "members:agreement-edit": form(ONLY_SECRETARIAT),
    "members:agreement-notice": form(ONLY_SECRETARIAT),
    "members:contributions": read(READS_MONEY),
    "members:outstanding": read(READS_MONEY),
    "members:contribution": {"GET": READS_MONEY, "POST": ONLY_SECRETARIAT},
    "members:contributions-raise": post(ONLY_SECRETARIAT),
    "members:export": read(READS_EVERYTHING),
    "members:payments": form(ONLY_SECRETARIAT),
    "members:organisation": read(READS_MONEY),
    # Onboarding: the secretariat keeps templates and starts checklists, the board reads them; the world's
    # task is owned by a role nobody holds, so only the secretariat ticks it.
    "onboarding:checklists": read(READS_EVERYTHING),
    "onboarding:checklist-start": form(ONLY_SECRETARIAT),
    "onboarding:checklist": read(READS_EVERYTHING),
    "onboarding:task-done": post(ONLY_SECRETARIAT),
    "onboarding:templates": read(READS_EVERYTHING),
    "onboarding:template-create": form(ONLY_SECRETARIAT),
    "onboarding:template-edit": form(ONLY_SECRETARIAT),
    # The communication plan: the board reads it, the secretariat changes it and alone reads the recipients.
    "communication:plan": read(READS_EVERYTHING),
    "communication:activity-create": form(ONLY_SECRETARIAT),
    "communication:activity-edit": form(ONLY_SECRETARIAT),
    "communication:issues": read(READS_EVERYTHING),
    "communication:issue-create": form(ONLY_SECRETARIAT),
    "communication:issue-edit": form(ONLY_SECRETARIAT),
    "communication:recipients": read(ONLY_SECRETARIAT),
    "communication:recipients-csv": read(ONLY_SECRETARIAT),
    "communication:consent": post(ONLY_SECRETARIAT),
    # Inquiries hold personal data: the secretariat's alone, not the board's. Anyone writes one.
    # Reviews against the standards: read as far as the product is (A's is public); only the secretariat changes them.
    "standards:products": read(ALL),
    "standards:product": read(ALL),
    "standards:review": read(ALL),
    "standards:deviations": read(ALL),
    "standards:deviation": {"GET": ALL, "POST": ONLY_SECRETARIAT},
    "standards:checklists": read(READS_EVERYTHING),
    "standards:checklist": read(READS_EVERYTHING),
    "standards:checklist-create": form(ONLY_SECRETARIAT),
    "standards:checklist-edit": form(ONLY_SECRETARIAT),
    "standards:review-create": form(ONLY_SECRETARIAT),
    "standards:review-answer": form(ONLY_SECRETARIAT),
    "standards:review-complete": form(ONLY_SECRETARIAT),
    "standards:deviation-close": form(ONLY_SECRETARIAT),
    "inquiries:public-form": form(ALL),
    "inquiries:thanks": read(ALL),
    "inquiries:inbox": read(ONLY_SECRETARIAT),
    "inquiries:inquiry": read(ONLY_SECRETARIAT),
    "inquiries:create": form(ONLY_SECRETARIAT),
    "inquiries:status": post(ONLY_SECRETARIAT),
    "inquiries:note": post(ONLY_SECRETARIAT),
    "inquiries:reply": post(ONLY_SECRETARIAT),
    "inquiries:route": post(ONLY_SECRETARIAT),
    "inquiries:upload": form(ONLY_SECRETARIAT),
    "inquiries:statistics": read(ONLY_SECRETARIAT),
    "inquiries:topics": read(ONLY_SECRETARIAT),
    "inquiries:topic-create": form(ONLY_SECRETARIAT),
    "inquiries:topic-edit": form(ONLY_SECRETARIAT),
    # The portfolio: stages and roadmaps as visible as the community; reports and gates as budgets are read.
    "portfolio:overview": read(ALL),
    "portfolio:community": read(ALL),
    "portfolio:programme": read(ALL),
    "portfolio:community-edit": form(ONLY_SECRETARIAT),
    "portfolio:milestone-create": form(EDITS_A),
    "portfolio:milestone-edit": form(EDITS_A),
    "portfolio:report-create": form(EDITS_A),
    "portfolio:report-edit": form(EDITS_A),
    "portfolio:report": read(READS_EVERYTHING | {COORDINATOR}),
    "portfolio:gate": {"GET": READS_EVERYTHING | {COORDINATOR}, "POST": ONLY_SECRETARIAT},
    "portfolio:gate-create": post(ONLY_SECRETARIAT),
    "portfolio:gate-pass": post(ONLY_SECRETARIAT),
    "portfolio:gate-templates": read(ONLY_SECRETARIAT),
    "portfolio:gate-template": form(ONLY_SECRETARIAT),
    "portfolio:board-pack": {"GET": READS_EVERYTHING, "POST": ONLY_SECRETARIAT},
    "portfolio:board-pack-pdf": read(READS_EVERYTHING),
    "budgets:budgets": read(READS_EVERYTHING | {COORDINATOR}),
    "budgets:budget": read(READS_EVERYTHING | {COORDINATOR}),
    "budgets:accounts": read(READS_EVERYTHING | {COORDINATOR}),
    "budgets:budget-create": form(ONLY_SECRETARIAT),
    "budgets:budget-approve": form(ONLY_SECRETARIAT),
    "budgets:line-create": form(ONLY_SECRETARIAT),
    "budgets:line-edit": form(ONLY_SECRETARIAT),
    "budgets:line-comment": form(ONLY_SECRETARIAT),
    "budgets:actuals": form(ONLY_SECRETARIAT),
    "budgets:approvers": read(READS_EVERYTHING),
    "budgets:approver-create": form(ONLY_SECRETARIAT),
    "budgets:approver-edit": form(ONLY_SECRETARIAT),
    # Each reader's own overview, the page a log-in leads to.
    "overview:mine": read(SIGNED_IN),
    # Each reader's own choice of reminders by e-mail.
    "reminders:preferences": form(SIGNED_IN),
    # Django's own log-in views, as Django means them. (No POST to the log-in
    # page: it would count as a failed attempt.)
    "login": read(ALL),
    "logout": post(ALL),
    "password_change": form(SIGNED_IN),
    "password_change_done": read(SIGNED_IN),
    "password_reset": form(ALL),
    "password_reset_done": read(ALL),
    "password_reset_confirm": read(ALL),
    "password_reset_complete": read(ALL),
    # The API's description, a token for a username and password, and the
    # 404 of any other address under /api/.
    "api:schema": read(ALL),
    "api:token": post(ALL),
    "api:nowhere": read(ALL),
}

# The API, by basename. Reads are open and filtered like the pages; the
# writes (POST on a list: a new item in community A; PATCH on A's item) are
# the edit pages'. Endpoints that only read are written by nobody.
NOBODY = frozenset()


def api(read, create=NOBODY, change=NOBODY):
    return {"list": {"GET": read, "POST": create}, "detail": {"GET": read, "PATCH": change}}


API_EXPECTED = {
    "pages": api(ALL),
    "roles": api(ALL),
    "bodies": api(ALL, create=ONLY_SECRETARIAT, change=EDITS_A),
    "organisations": api(ALL, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "people": api(ALL, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "assignments": api(ALL, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "activities": api(ALL, create=EDITS_A, change=EDITS_A),
    "meetings": api(ALL, create=EDITS_A, change=EDITS_A),
    "agenda-items": api(ALL, create=EDITS_A, change=EDITS_A),
    "follow-ups": api(ALL, create=EDITS_A, change=EDITS_A),
    "minutes": api(ALL),
    "decisions": api(ALL),
    "search": api(ALL),
    "agreements": api(READS_MONEY, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    # Worked out from the agreements, never posted: the secretariat passes the rules and is told 405.
    "contributions": api(READS_MONEY, create=ONLY_SECRETARIAT, change=ONLY_SECRETARIAT),
    "inquiries": api(ONLY_SECRETARIAT),
    "budgets": api(READS_EVERYTHING | {COORDINATOR}),
    "accounts": api(READS_EVERYTHING | {COORDINATOR}),
    "actuals": api(READS_EVERYTHING | {COORDINATOR}),
    "invoice-approvers": api(READS_EVERYTHING),
    "contacts": api(READS_MONEY),
    "portfolio": api(ALL),
    "status-reports": api(READS_EVERYTHING | {COORDINATOR}),
    "product-reviews": api(ALL),
    "deviations": api(ALL),
}


def router_parts(name):
    """"api:meetings-list" → ("meetings", "list"); a view that is no router endpoint → None."""
    basename, _, kind = name.removeprefix("api:").rpartition("-")
    return (basename, kind) if name.startswith("api:") and kind in ("list", "detail") else None


def expected(name):
    """{method: viewers allowed} for a view, or None when the tables lack it."""
    parts = router_parts(name)
    if parts is None:
        return EXPECTED.get(name)
    basename, kind = parts
    return API_EXPECTED[basename][kind] if basename in API_EXPECTED else None
