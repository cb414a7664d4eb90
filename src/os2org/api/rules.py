"""Who may read and change what through the API, in one place.

`RULES` maps each endpoint (the router's basename) to a pair of rules,
(read, write), made of the building blocks in `os2org.access.rules`. A rule
takes the viewer and answers yes or no. Reading rules decide who may use an
endpoint at all; which items it then lists is the viewer's visibility filter
(`Viewer.visible`), so an item the viewer may not read is not found.

Write rules are asked twice: before the item is known (may this viewer
write here at all?) and with `body=` the body the item belongs to, before
and after the change (may they change this one, and put it there?).
"""

from rest_framework.permissions import SAFE_METHODS

from os2org.budgets.rules import reads as reads_budgets
from os2org.common.rules import anyone, reads_everything, secretariat
from os2org.members.rules import reads_money
from os2org.portfolio.rules import reads_reports

# Asked before the item is known.
ANY_BODY = object()


def nobody(viewer, **kwargs):
    return False


def edits_community(viewer, body=ANY_BODY, **kwargs):
    """The secretariat writes everything; a coordinator what belongs to a body of their community.

    An item of no body (`body=None`: an activity of the whole organisation,
    and a new body, which belongs to no body yet) is the secretariat's.
    """
    if body is ANY_BODY:
        return viewer.edits_some
    return viewer.edits(body)


RULES = {
    "pages": (anyone, nobody),
    "roles": (anyone, nobody),
    "bodies": (anyone, edits_community),
    "organisations": (anyone, secretariat),
    # As on the pages: a person and who holds what are as visible as the
    # person and the body; e-mail addresses need a log-in, named people's
    # hours are for the secretariat and the board (the serializers leave
    # them out for anyone else, as the pages do).
    "people": (anyone, secretariat),
    "assignments": (anyone, secretariat),
    "activities": (anyone, edits_community),
    "meetings": (anyone, edits_community),
    "agenda-items": (anyone, edits_community),
    "follow-ups": (anyone, edits_community),
    "minutes": (anyone, nobody),
    "decisions": (anyone, nobody),
    # What the search page finds: only what the caller may read.
    "search": (anyone, nobody),
    # Money, as on the pages (members.rules): each lists only what the caller may read.
    "agreements": (reads_money, secretariat),
    "contributions": (reads_money, secretariat),
    # Personal data, as on the pages (inquiries.rules): the secretariat alone, read only.
    "inquiries": (secretariat, nobody),
    "budgets": (reads_budgets, nobody),
    "accounts": (reads_budgets, nobody),
    "actuals": (reads_budgets, nobody),
    "invoice-approvers": (reads_everything, nobody),
    "contacts": (reads_money, nobody),
    # The portfolio, as on its pages (portfolio.rules): profiles as visible as the community, reports as budgets.
    "portfolio": (anyone, nobody),
    "status-reports": (reads_reports, nobody),
    # Reviews against the standards, as on their pages (standards.rules): as visible as the product, read only.
    "product-reviews": (anyone, nobody),
    "deviations": (anyone, nobody),
}


def allows(viewer, basename, *, method, **kwargs):
    """Whether `viewer` may use endpoint `basename` with `method`; an endpoint without a rule is nobody's."""
    if basename not in RULES:
        return False
    read, write = RULES[basename]
    rule = read if method in SAFE_METHODS else write
    return rule(viewer, **kwargs)
