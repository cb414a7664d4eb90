"""No payload of the XSS corpus runs, on any page, for the secretariat or the public.

One world (tests/browser/xss_world.py) puts the corpus (tests/xss_corpus.py)
into every text field; one server serves it; one Chromium context per
visitor reads every page in Danish. On each page the test looks at the DOM
as drawn (after Mermaid): no element has an `on…` attribute, no address runs
script (`javascript:`, `data:text/html`…), no script but the app's own files,
no frame, object or embed. And nothing ran: `window.__xss` is unset, no
dialog opened. Nor did the Content-Security-Policy have to refuse anything,
so it was the escaping that kept the payloads out, not the policy.

Exports are text, not HTML: their content type says so.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from os2org.access.rules import allows
from os2org.api import rules as api_rules
from os2org.audit.models import Entry
from os2org.budgets.models import Account as BudgetAccount
from os2org.budgets.models import Actual
from os2org.common.pagination import PER_PAGE
from os2org.common.visibility import ANONYMOUS
from tests.browser import xss_world
from tests.browser.conftest import TIMEOUT_MS, served_once
from tests.urlconf import views
from tests.xss_corpus import ALL, INLINE, carries_payload, witnessed

# django_db: the test database must exist even when these are the only tests run.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

APPS = ("handbook", "roles", "organisation", "governance", "access", "audit", "attachments", "budgets", "members", "standards", "inquiries", "portfolio", "onboarding", "communication")

# Text fields no page shows, or that no person writes. Choice fields are left out by kind.
SKIPPED_FIELDS = {
    # Addresses: slugify keeps letters, digits and hyphens.
    ("handbook.Page", "slug"),
    # Made by the app from the path (or permalink) and shown on no page.
    ("handbook.Page", "url"),
    # Guessed by the app from the file's suffix.
    ("handbook.Asset", "content_type"),
    ("roles.RoleDescription", "slug"),
    ("organisation.Body", "slug"),
    ("organisation.Organisation", "slug"),
    ("organisation.Person", "slug"),
    # Eight and thirteen digits, by database constraints.
    ("organisation.Organisation", "cvr"),
    ("organisation.Organisation", "ean"),
    # The name as compared, made from the name and shown on no page.
    ("organisation.Organisation", "name_key"),
    ("organisation.Body", "name_key"),
    ("organisation.Person", "name_key"),
    ("organisation.Person", "email_key"),
    # Case-folded words for the register's search, made by the services and shown on no page.
    ("governance.AgendaItem", "search_text"),
    # Shown on no page: only written into `handbook export --refresh`.
    ("roles.RoleSummary", "name"),
    ("roles.RoleSummary", "main_tasks"),
    # An RFC 5545 rule and ISO dates, checked by the service; pages show text made from them.
    ("governance.Activity", "rule"),
    ("governance.Activity", "dates"),
    # Made by the app: the feed's secret, and the audit entry's action and object.
    ("governance.Feed", "token"),
    ("audit.Entry", "action"),
    ("audit.Entry", "object_type"),
    ("audit.Entry", "object_id"),
    # Digits with dots or hyphens between, by a database constraint.
    ("budgets.Account", "number"),
    # "#rrggbb" or nothing: handbook.site.brand_colour lets no other text through.
    ("handbook.Site", "colour"),
    # Made by the app: a checksum and a random stored name (os2org.attachments.services).
    ("attachments.Attachment", "sha256"),
    ("attachments.Attachment", "storage_name"),
    # Shown only by the include attachments/list.html, which no page of this walk draws yet; it is
    # rendered with every INLINE payload as a name in tests/attachments/test_list_include.py.
    ("attachments.Attachment", "original_name"),
    # An address made from the name, and a mail's Message-ID: shown on no page.
    ("inquiries.Topic", "slug"),
    ("inquiries.Inquiry", "message_id"),
    # An SPDX identifier by a pattern and a database-checked list of http(s) addresses (portfolio.models).
    ("portfolio.Profile", "licence"),
    ("portfolio.Profile", "repositories"),
    # Codes of communication.models.Audience only (communication.services.save_issue keeps no other).
    ("communication.NewsletterIssue", "audiences"),
}


def text_fields():
    """Every (model, field) of the project's apps that can hold text a person wrote."""
    found = set()
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for model_field in model._meta.get_fields():
                text = isinstance(model_field, (models.CharField, models.TextField, models.JSONField))
                if text and model_field.concrete and not model_field.choices:
                    found.add((model._meta.label, model_field.name))
    return found


# What the reflected query parameters carry: the attribute breakouts.
REFLECTED = quote(" ".join(payload.text for payload in INLINE if payload.id.startswith("attr-")))


def audit_log_pages():
    return Paginator(Entry.objects.all(), PER_PAGE).page_range


def _each(key, objects, query=""):
    return [({key: getattr(item, key)}, query) for item in objects]


def _some(key, objects, query=""):
    """Three of a kind: the first two, whose short fields carry the breakouts, and the last."""
    return _each(key, [*objects[:2], objects[-1]], query)


ONE = [({}, "")]

# Each view with its addresses in the world: (URL arguments, query). Lists
# show every object; a page of one object is visited for every object where
# it is the only page that shows that object's fields, and for three of a
# kind where every object's fields are shown elsewhere too.
ADDRESSES = {
    "handbook:home": lambda world: ONE,
    "handbook:accessibility": lambda world: ONE,
    # One page per payload: each goes through the sanitiser on its own.
    "handbook:page": lambda world: _each("slug", world.pages),
    "handbook:page-edit": lambda world: _some("slug", world.corpus_pages),
    "handbook:page-history": lambda world: _some("slug", world.edited) + _some("slug", world.edited, "?fra=1&til=2"),
    "search:results": lambda world: [({}, "?q=xss"), ({}, f"?q={REFLECTED}")],
    "roles:catalogue": lambda world: ONE,
    "roles:detail": lambda world: _each("slug", world.roles),
    "handbook:role-history": lambda world: _some("slug", world.roles),
    "organisation:overview": lambda world: ONE,
    "organisation:chart": lambda world: ONE,
    "organisation:coverage": lambda world: ONE,
    "organisation:body": lambda world: _some("slug", world.bodies),
    "organisation:body-create": lambda world: ONE,
    "organisation:body-edit": lambda world: _some("slug", world.bodies),
    "organisation:bodies": lambda world: ONE,
    "organisation:organisations": lambda world: ONE,
    "organisation:organisation": lambda world: _some("slug", world.organisations),
    "organisation:organisation-create": lambda world: ONE,
    "organisation:organisation-edit": lambda world: _some("slug", world.organisations),
    "organisation:people": lambda world: ONE,
    "organisation:person": lambda world: _some("slug", world.people),
    "organisation:person-create": lambda world: ONE,
    "organisation:person-edit": lambda world: _some("slug", world.people),
    "organisation:assignment-create": lambda world: _some("slug", world.people),
    "organisation:assignment": lambda world: _some("pk", world.assignments),
    "organisation:assignment-edit": lambda world: _some("pk", world.assignments),
    "organisation:assignment-end": lambda world: _some("pk", world.assignments),
    "governance:cycle": lambda world: ONE,
    "governance:upcoming": lambda world: ONE,
    "governance:activities": lambda world: ONE,
    "governance:activity": lambda world: _some("pk", world.activities),
    "governance:activity-create": lambda world: ONE,
    "governance:activity-edit": lambda world: _some("pk", world.activities),
    "governance:feeds": lambda world: ONE,
    "governance:meetings": lambda world: [({}, ""), ({}, "?tid=tidligere"), ({}, f"?organ={REFLECTED}")],
    "governance:meeting": lambda world: _some("pk", world.meetings[: len(world.items)]),
    "governance:meeting-create": lambda world: ONE,
    "governance:meeting-edit": lambda world: _some("pk", world.meetings),
    "governance:meeting-cancel": lambda world: _some("pk", world.meetings),
    "governance:item-remove": lambda world: _some("pk", world.items),
    "governance:own-feed": lambda world: ONE,
    "governance:activity-preview": lambda world: [({}, f"?schedule=custom&starts=2099-01-05&rule={REFLECTED}")],
    "reminders:preferences": lambda world: ONE,
    "api:search-list": lambda world: [({}, f"?q={REFLECTED}")],
    "governance:item-create": lambda world: _some("pk", world.meetings),
    "governance:item-edit": lambda world: _some("pk", world.items),
    "governance:brief-edit": lambda world: _some("pk", world.items),
    "governance:outcome-edit": lambda world: _some("pk", world.items),
    "governance:follow-up-create": lambda world: _some("pk", world.items),
    "governance:follow-up": lambda world: _some("pk", world.follow_ups),
    "governance:follow-ups": lambda world: ONE,
    "governance:minutes-edit": lambda world: _some("pk", world.meetings),
    "governance:minutes-answer": lambda world: _some("pk", world.approved_minutes + world.pending_minutes),
    "governance:decisions": lambda world: [({}, ""), ({}, f"?q={REFLECTED}")],
    "governance:agenda": lambda world: _some("pk", world.meetings[: len(world.items)]),
    "governance:minutes": lambda world: _some("pk", world.approved_minutes + world.pending_minutes),
    "overview:mine": lambda world: ONE,
    "login": lambda world: [({}, ""), ({}, f"?next={REFLECTED}")],
    "password_change": lambda world: ONE,
    "password_change_done": lambda world: ONE,
    "password_reset": lambda world: ONE,
    "password_reset_done": lambda world: ONE,
    "password_reset_confirm": lambda world: [({"uidb64": "eA", "token": "x"}, "")],
    "password_reset_complete": lambda world: ONE,
    "sync:status": lambda world: ONE,
    "sync:conflict": lambda world: _some("pk", world.conflicts),
    "audit:log": lambda world: [({}, f"?side={number}") for number in audit_log_pages()]
    + [({}, f"?type={REFLECTED}&hvem={REFLECTED}")],
    # The API as a browser gets it: rendered as HTML by the browsable API, if that is on.
    "members:overview": lambda world: ONE,
    "members:agreements": lambda world: [({}, ""), ({}, f"?q={REFLECTED}")],
    "members:agreement": lambda world: _some("pk", world.agreements),
    "members:agreement-create": lambda world: ONE,
    "members:agreement-edit": lambda world: _some("pk", world.agreements),
    "members:agreement-notice": lambda world: _some("pk", world.agreements),
    "members:contributions": lambda world: ONE,
    "members:outstanding": lambda world: ONE,
    "members:contribution": lambda world: _some("pk", world.contributions),
    "members:payments": lambda world: ONE,
    "members:organisation": lambda world: _some("slug", world.organisations),
    "onboarding:checklists": lambda world: [({}, ""), ({}, f"?q={REFLECTED}")],
    "onboarding:checklist": lambda world: _each("pk", world.onboarding_checklists),
    "onboarding:checklist-start": lambda world: ONE,
    "onboarding:templates": lambda world: ONE,
    "onboarding:template-create": lambda world: ONE,
    "onboarding:template-edit": lambda world: _some("pk", world.onboarding_templates),
    "communication:plan": lambda world: ONE,
    "communication:activity-create": lambda world: ONE,
    "communication:activity-edit": lambda world: _some("pk", world.plan_activities),
    "communication:issues": lambda world: ONE,
    "communication:issue-create": lambda world: ONE,
    "communication:issue-edit": lambda world: _some("pk", world.newsletter_issues),
    "communication:recipients": lambda world: ONE,
    "inquiries:public-form": lambda world: ONE,
    "inquiries:thanks": lambda world: ONE,
    "inquiries:inbox": lambda world: [({}, ""), ({}, f"?status=alle&assignee={REFLECTED}")],
    "inquiries:inquiry": lambda world: _each("pk", world.inquiries),
    "inquiries:create": lambda world: ONE,
    "inquiries:upload": lambda world: ONE,
    "inquiries:statistics": lambda world: ONE,
    "inquiries:topics": lambda world: ONE,
    "inquiries:topic-create": lambda world: ONE,
    "inquiries:topic-edit": lambda world: _some("slug", world.topics),
    "standards:products": lambda world: ONE,
    "standards:product": lambda world: _some("slug", [review.product for review in world.product_reviews]),
    "standards:review-create": lambda world: _some("slug", [review.product for review in world.product_reviews]),
    "standards:review": lambda world: _each("pk", world.product_reviews),
    "standards:review-answer": lambda world: _some("pk", world.product_reviews),
    "standards:review-complete": lambda world: _some("pk", world.product_reviews),
    "standards:deviations": lambda world: [({}, ""), ({}, f"?produkt={REFLECTED}")],
    "standards:deviation": lambda world: _some("pk", world.deviations),
    "standards:deviation-close": lambda world: _some("pk", world.deviations),
    "standards:checklists": lambda world: ONE,
    "standards:checklist": lambda world: _each("pk", world.checklists),
    "standards:checklist-create": lambda world: ONE,
    "standards:checklist-edit": lambda world: _some("pk", world.checklists),
    "portfolio:overview": lambda world: ONE,
    "portfolio:community": lambda world: _each("slug", world.portfolio_bodies),
    "portfolio:community-edit": lambda world: _some("slug", world.portfolio_bodies),
    "portfolio:milestone-create": lambda world: _some("slug", world.portfolio_bodies),
    "portfolio:milestone-edit": lambda world: _some("pk", world.milestones),
    "portfolio:report-create": lambda world: _some("slug", world.portfolio_bodies),
    "portfolio:report": lambda world: _each("pk", world.status_reports),
    "portfolio:report-edit": lambda world: _some("pk", world.status_reports),
    "portfolio:programme": lambda world: _each("slug", world.programmes),
    "portfolio:gate": lambda world: _each("pk", world.gates),
    "portfolio:gate-templates": lambda world: ONE,
    "portfolio:gate-template": lambda world: [({"stage": "project"}, "")],
    "portfolio:board-pack": lambda world: ONE,
    "budgets:budgets": lambda world: ONE,
    "budgets:budget": lambda world: _each("pk", world.budgets),
    "budgets:budget-create": lambda world: ONE,
    "budgets:budget-approve": lambda world: _some("pk", world.budgets),
    "budgets:line-create": lambda world: _some("pk", world.budgets),
    "budgets:line-edit": lambda world: _some("pk", world.budget_lines),
    "budgets:line-comment": lambda world: _some("pk", world.budget_lines),
    "budgets:accounts": lambda world: ONE,
    "budgets:actuals": lambda world: ONE,
    "budgets:approvers": lambda world: ONE,
    "budgets:approver-create": lambda world: ONE,
    "budgets:approver-edit": lambda world: _some("pk", world.approvers),
    "api:pages-list": lambda world: ONE,
    "api:pages-detail": lambda world: _some("slug", world.corpus_pages),
    "api:roles-list": lambda world: ONE,
    "api:roles-detail": lambda world: _some("pk", world.roles),
    "api:bodies-list": lambda world: ONE,
    "api:bodies-detail": lambda world: _some("pk", world.bodies),
    "api:organisations-list": lambda world: ONE,
    "api:organisations-detail": lambda world: _some("pk", world.organisations),
    "api:people-list": lambda world: ONE,
    "api:people-detail": lambda world: _some("pk", world.people),
    "api:assignments-list": lambda world: ONE,
    "api:assignments-detail": lambda world: _some("pk", world.assignments),
    "api:activities-list": lambda world: ONE,
    "api:activities-detail": lambda world: _some("pk", world.activities),
    "api:meetings-list": lambda world: ONE,
    "api:meetings-detail": lambda world: _some("pk", world.meetings),
    "api:agenda-items-list": lambda world: ONE,
    "api:agenda-items-detail": lambda world: _some("pk", world.items),
    "api:decisions-list": lambda world: ONE,
    "api:decisions-detail": lambda world: _some("pk", world.items),
    "api:follow-ups-list": lambda world: ONE,
    "api:follow-ups-detail": lambda world: _some("pk", world.follow_ups),
    "api:minutes-list": lambda world: ONE,
    "api:minutes-detail": lambda world: _some("pk", world.minutes),
    "api:agreements-list": lambda world: ONE,
    "api:agreements-detail": lambda world: _some("pk", world.agreements),
    "api:accounts-list": lambda world: ONE,
    "api:accounts-detail": lambda world: _some("pk", list(BudgetAccount.objects.order_by("pk"))),
    "api:actuals-list": lambda world: ONE,
    "api:actuals-detail": lambda world: _some("pk", list(Actual.objects.order_by("pk"))),
    "api:invoice-approvers-list": lambda world: ONE,
    "api:invoice-approvers-detail": lambda world: _some("pk", world.approvers),
    "api:contacts-list": lambda world: ONE,
    "api:budgets-list": lambda world: ONE,
    "api:budgets-detail": lambda world: _some("pk", world.budgets),
    "api:contributions-list": lambda world: ONE,
    "api:contributions-detail": lambda world: _some("pk", world.contributions),
    "api:inquiries-list": lambda world: ONE,
    "api:product-reviews-list": lambda world: ONE,
    "api:product-reviews-detail": lambda world: _some("pk", world.product_reviews),
    "api:deviations-list": lambda world: ONE,
    "api:deviations-detail": lambda world: _some("pk", world.deviations),
    "api:portfolio-list": lambda world: ONE,
    "api:portfolio-detail": lambda world: _some("pk", [body.portfolio for body in world.portfolio_bodies]),
    "api:status-reports-list": lambda world: ONE,
    "api:status-reports-detail": lambda world: _some("pk", world.status_reports),
    "api:inquiries-detail": lambda world: _some("pk", world.inquiries),
}
# Minutes still waiting for answers are the secretariat's to read: the URL arguments the public is not shown.
SECRETARIAT_ONLY = {
    "governance:minutes": lambda world: {meeting.pk for meeting in world.pending_minutes},
    "api:minutes-detail": lambda world: {minutes.pk for minutes in world.minutes if not minutes.is_locked},
}

# Text downloads: each view with its addresses and the exact content type.
EXPORTS = {
    "governance:agenda-markdown": (lambda world: _some("pk", world.meetings), "text/markdown; charset=utf-8"),
    "governance:minutes-markdown": (
        lambda world: _some("pk", world.approved_minutes + world.pending_minutes),
        "text/markdown; charset=utf-8",
    ),
    "governance:feed": (lambda world: _each("token", world.feeds), "text/calendar; charset=utf-8"),
    "organisation:coverage-csv": (lambda world: ONE, "text/csv; charset=utf-8"),
    "members:export": (lambda world: [({"extension": "csv"}, "")], "text/csv; charset=utf-8"),
    "communication:recipients-csv": (lambda world: ONE, "text/csv; charset=utf-8"),
    "api:schema": (lambda world: ONE, "application/vnd.oai.openapi; charset=utf-8"),
}

SKIPPED_VIEWS = {
    # They answer POST only: there is no page to look at.
    "logout": "POST only",
    "governance:item-move": "POST only",
    "handbook:page-preview": "POST only: its answer is JSON, whose HTML the page editor shows (walked there)",
    "governance:minutes-send": "POST only",
    "governance:meeting-restore": "POST only",
    "governance:item-restore": "POST only",
    "members:contributions-raise": "POST only",
    "portfolio:gate-create": "POST only",
    "portfolio:gate-pass": "POST only",
    # The board pack's PDF: the same sections as its page (walked), laid out by WeasyPrint; no browser runs it.
    "portfolio:board-pack-pdf": "a PDF of the board pack page, not a page",
    "onboarding:task-done": "POST only",
    "communication:consent": "POST only",
    "inquiries:status": "POST only",
    "inquiries:note": "POST only",
    "inquiries:reply": "POST only",
    "inquiries:route": "POST only",
    "api:token": "POST only",
    # A handbook file byte for byte, never a page: sent with nosniff and a sandboxing policy (tests/handbook).
    "handbook:file": "a stored file, not a page",
    # An attachment byte for byte, as a download with nosniff and a sandboxing policy (tests/attachments).
    "attachments:download": "a stored file, not a page",
    "sync:webhook": "POST only, and answers in JSON",
    # The 404 of any other address under /api/: it shows nothing stored.
    "api:nowhere": "no stored text",
    # Ids and a choice only: whom a relation joins is named on the pages of the person and the product.
    "api:contacts-detail": "no stored text",
}


def public_views(names):
    """The views the public may open at all (the rest send them to the log-in page, or refuse)."""
    arguments = {view.name: view.arguments for view in views()}

    def opens(name):
        if name.startswith("api:"):
            endpoint = name.removeprefix("api:").rsplit("-", 1)[0]
            return api_rules.allows(ANONYMOUS, endpoint, method="GET")
        return allows(ANONYMOUS, name, **dict.fromkeys(arguments[name], "0"))

    return sorted(filter(opens, names))


def address(name, arguments, query):
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, kwargs=arguments) + query


def addresses(world, name, table, *, public):
    found = table[name](world)
    if public and name in SECRETARIAT_ONLY:
        hidden = SECRETARIAT_ONLY[name](world)
        found = [(arguments, query) for arguments, query in found if arguments.get("pk") not in hidden]
    return [address(name, arguments, query) for arguments, query in found]


# Set up in every page before its own scripts: what the policy refused, and where.
#
# A sanitiser in the page (DOMPurify, inside Mermaid) parses untrusted
# markup with DOMParser into a document that never runs script, yet Chromium
# reports the inline handlers it meets there as refused. Parsing goes through
# the one-line wrapper below, so those reports point at its line, and only
# those are let pass: any other refusal means a handler reached a live document.
WATCH_POLICY = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push([event.violatedDirective, event.sourceFile, event.lineNumber, event.blockedURI, event.sample]);
}, true);
const parseInert = DOMParser.prototype.parseFromString;
const lineOf = (error) => Number(error.stack.split("\\n")[1].match(/:(\\d+):\\d+\\)?$/)[1]);
DOMParser.prototype.parseFromString = function (...args) { return parseInert.apply(this, args); }; window.__inertLine = lineOf(new Error());
"""

# What a payload that got through leaves in the DOM, once the diagrams are
# drawn and their images loaded. Values are read as a browser's URL parser
# reads them: without spaces, tabs and control characters.
INSPECT = """async ([staticUrl, timeout]) => {
  const found = [];
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  const deadline = Date.now() + timeout;
  const waitFor = async (done, what) => {
    while (!done()) {
      if (Date.now() > deadline) return found.push(`still waiting: ${what}`);
      await pause();
    }
  };
  if (document.querySelector("script[src*='mermaid']")) {
    const diagrams = [...document.querySelectorAll("pre.mermaid")];
    await waitFor(() => diagrams.every((diagram) => diagram.querySelector("svg")), "diagrams to be drawn");
    await waitFor(() => [...document.querySelectorAll("pre.mermaid img")].every((image) => image.complete), "images");
    await pause();
  }
  const addresses = new Set(["href", "xlink:href", "src", "srcset", "action", "formaction", "data", "poster",
    "background", "ping", "cite", "codebase", "to", "from", "values", "by"]);
  const scripted = /^(javascript|vbscript|livescript):|^data:(text\\/html|application\\/xhtml|image\\/svg)/i;
  const runs = /^(|module|(text|application)\\/(x-)?(java|ecma)script)$/i;
  const describe = (element) => element.outerHTML.slice(0, 300);
  // A script that runs (not data such as type="application/json") is one of the app's own files.
  const ownScript = (element) => {
    const source = element.getAttribute("src") || element.getAttribute("href") || element.getAttribute("xlink:href");
    try {
      return Boolean(source) && new URL(source, location.href).href.startsWith(location.origin + staticUrl)
        && !element.textContent.trim();
    } catch {
      return false;
    }
  };
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName;
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "");
      if (name.startsWith("on") || name === "srcdoc") {
        found.push(`${tag}[${name}]: ${describe(element)}`);
      } else if (addresses.has(name) && scripted.test(value)) {
        found.push(`${tag}[${name}=${attribute.value}]: ${describe(element)}`);
      } else if (name === "style" && /javascript:|expression\\(/i.test(value)) {
        found.push(`${tag}[style]: ${describe(element)}`);
      }
    }
    if (["iframe", "frame", "frameset", "object", "embed", "applet", "base"].includes(tag)) {
      found.push(`<${tag}>: ${describe(element)}`);
    } else if (tag === "meta" && /^refresh$/i.test(element.httpEquiv.trim())) {
      found.push(`<meta http-equiv=refresh>: ${describe(element)}`);
    } else if (tag === "script" && runs.test((element.getAttribute("type") || "").trim()) && !ownScript(element)) {
      found.push(`<script>: ${describe(element)}`);
    }
  }
  if (window.__xss !== undefined) found.push(`ran: ${String(window.__xss)}`);
  for (const [directive, source, line, blocked, sample] of window.__refused) {
    const inert = directive === "script-src-attr" && source === "" && line === window.__inertLine;
    if (!inert) found.push(`refused by the policy: ${directive} at ${source}:${line} ${blocked} ${sample}`);
  }
  return found;
}"""


@dataclass
class Visitor:
    page: object
    dialogs: list = field(default_factory=list)

    def problems(self, url):
        """What a payload left on the page at `url` (an empty list: nothing)."""
        # The walk looks for payloads, not for speed (make bench times pages): a page full of
        # payloads, such as the change log's line diffs, may take long on a loaded machine.
        response = self.page.goto(url, timeout=3 * TIMEOUT_MS)
        found = [] if response.status == 200 else [f"status {response.status}"]
        found += self.page.evaluate(INSPECT, [settings.STATIC_URL, TIMEOUT_MS])
        found += [f"dialog: {message}" for message in self.dialogs]
        self.dialogs.clear()
        return found


@pytest.fixture(scope="module")
def world(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, served; (world, the server's address). Made once for all the tests here."""
    with served_once(django_db_blocker, lambda: xss_world.build(tmp_path_factory.mktemp("handbook"))) as served:
        yield served


def _visitor(browser, server_url, session=None):
    context = browser.new_context(locale="da-DK", base_url=server_url)
    context.add_init_script(WATCH_POLICY)
    if session is not None:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server_url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    visitor = Visitor(page)

    def dismiss(dialog):
        visitor.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return context, visitor


@pytest.fixture(scope="module")
def secretariat(browser, world):
    client = Client()
    client.force_login(User.objects.get(username=xss_world.SECRETARIAT))
    context, visitor = _visitor(browser, world[1], client.cookies[settings.SESSION_COOKIE_NAME].value)
    yield visitor
    context.close()


@pytest.fixture(scope="module")
def public(browser, world):
    context, visitor = _visitor(browser, world[1])
    yield visitor
    context.close()


def test_corpus_payloads_each_leave_their_own_mark():
    assert [witnessed(payload.text) for payload in ALL] == [[payload.id] for payload in ALL]


def test_every_view_is_visited_exported_or_skipped():
    names = {view.name for view in views()}
    known = ADDRESSES.keys() | EXPORTS.keys() | SKIPPED_VIEWS.keys()

    assert {"not visited": sorted(names - known), "gone": sorted(known - names)} == {"not visited": [], "gone": []}


def test_every_text_field_is_covered_or_skipped_with_a_reason():
    assert sorted(xss_world.COVERED) == sorted(text_fields() - SKIPPED_FIELDS)


def test_every_covered_field_holds_payloads(world):
    empty = []
    for label, name in sorted(xss_world.COVERED):
        values = apps.get_model(label).objects.values_list(name, flat=True)
        if not any(carries_payload(str(value)) for value in values):
            empty.append((label, name))

    assert empty == []


@pytest.mark.parametrize("name", sorted(ADDRESSES))
def test_no_payload_runs_for_the_secretariat(secretariat, world, name):
    urls = addresses(world[0], name, ADDRESSES, public=False)
    found = {url: secretariat.problems(url) for url in urls}

    assert found == dict.fromkeys(urls, [])


@pytest.mark.parametrize("name", public_views(ADDRESSES))
def test_no_payload_runs_for_the_public(public, world, name):
    urls = addresses(world[0], name, ADDRESSES, public=True)
    found = {url: public.problems(url) for url in urls}

    assert found == dict.fromkeys(urls, [])


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_exports_are_text_not_html(secretariat, world, name):
    pages, content_type = EXPORTS[name]
    urls = addresses(world[0], name, {name: pages}, public=False)
    found = {}
    for url in urls:
        response = secretariat.page.request.get(url)
        found[url] = (response.status, response.headers["content-type"], response.headers["x-content-type-options"])

    assert found == dict.fromkeys(urls, (200, content_type, "nosniff"))

