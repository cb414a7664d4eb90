"""What apps above governance say about a decision, shown on the decision's page.

Governance may not import the apps that point at its decisions (a budget
the board approved, say). Such an app adds a function to DECISION_LINKS when
it starts (its AppConfig.ready); the meeting page asks each function once
for all its decisions, so the page costs one query per app however many
decisions it holds. A function takes (viewer, decision ids) and returns
{decision id: [(label, address)]}, only what the viewer may read.
"""

from os2org.governance.models import AgendaItem

DECISION_LINKS = []


def add_decision_links(viewer, items):
    """Give each item of `items` its `decision_links`: [(label, address)], empty for an item that is no decision."""
    decisions = [item.pk for item in items if item.outcome == AgendaItem.Outcome.DECISION]
    found = {}
    for links in DECISION_LINKS if decisions else ():
        for item_id, pairs in links(viewer, decisions).items():
            found.setdefault(item_id, []).extend(pairs)
    for item in items:
        item.decision_links = found.get(item.pk, [])
