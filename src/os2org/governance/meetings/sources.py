"""Follow-ups that apps above governance keep in their own data.

A deviation a product review found (os2org.standards) is an action with an
owner and a due date, as a decision's follow-up is, so the follow-up list,
"Mit overblik" and the reminders show it too. Governance may not import
those apps; each adds a Source here when it starts (its AppConfig.ready).

A source's items have the fields of a FollowUp that those pages use:
`title`, `due`, `owner_person`, `owner_role`, `status` (with its display)
and `get_absolute_url()`, and `origin`, a line saying where it comes from.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Source:
    # The prefix of the reminders' subject key ("deviation" gives "deviation:12").
    key: str
    # The heading of its part of the follow-up list (a function: translated when shown).
    title: Callable[[], str]
    # The URL name of the source's own list of every open item.
    list_view: str
    # (viewer) -> the open items the viewer may read, with what the pages show selected.
    open_for: Callable[..., QuerySet]


SOURCES: list[Source] = []


def add_source(source: Source) -> None:
    """Add a source once (AppConfig.ready may run more than once in tests)."""
    if source not in SOURCES:
        SOURCES.append(source)
