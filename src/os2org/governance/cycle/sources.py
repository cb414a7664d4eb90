"""Dates that apps above governance add to the annual cycle from their own data.

When contributions fall due and when an agreement ends (os2org.members),
when budgets are to be approved and followed up each quarter
(os2org.budgets): these are in those apps' data already, so the cycle reads
them there instead of having them typed in twice as activities. Governance
may not import those apps; each adds a function to SOURCES when it starts
(its AppConfig.ready). A function takes (start, end, viewer=, body=) and
returns the Occurrences (governance.cycle.selectors) in that period that
the viewer may read, each made of an unsaved Activity, in a few queries
however much data there is.
"""

from os2org.common.visibility import Viewer

SOURCES = []


def add_source(source):
    """Add a source of dates once (AppConfig.ready may run more than once in tests)."""
    if source not in SOURCES:
        SOURCES.append(source)


def dated_elsewhere(start, end, *, viewer, body=None):
    """The occurrences every source has from `start` to `end` (both included).

    Only for a person looking (a Viewer): a calendar feed, whose address is
    handed out, and a draft written for a meeting's readers (governance.readers)
    read no money, whatever visibility they reach.
    """
    if not isinstance(viewer, Viewer):
        return []
    found = []
    for source in SOURCES:
        found += source(start, end, viewer=viewer, body=body)
    return found
