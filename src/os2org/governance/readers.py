"""Who reads the governance's items, for both of its domains (the annual cycle and the meetings).

A `Viewer` (common.visibility) is a person looking. Where nobody logs in — a
calendar feed whose address is handed out, the first draft of minutes
written for the readers of a meeting or of an item — an `UpTo` reads
every item up to one visibility, and answers the viewer's questions the
same way. The paths below say where an item's visibility and body are,
for `viewer.visible(**…)`.
"""

from dataclasses import dataclass

from django.db.models import Q

from os2org.common.visibility import Visibility

# Where an item's visibility and body are, for `viewer.visible(**…)`: a
# meeting and an activity have their own, an agenda item (a decision) has its
# own and its meeting's body, a follow-up or case brief follows its item.
OWN = {"body": "body"}
OF_ITEM = {"body": "meeting__body"}
OF_FOLLOW_UP = {"prefix": "item__", "body": "item__meeting__body"}


@dataclass(frozen=True)
class UpTo:
    """A reader of every item up to one visibility, whichever body it belongs to.

    What a calendar feed shows (its address is handed out, nobody logs in),
    and what an editor's own drafts draw on. It answers the viewer's
    questions `reads` and `visible` the same way a `Viewer` does.
    """

    visibility: str

    @property
    def levels(self):
        values = Visibility.values
        return tuple(values[: values.index(self.visibility) + 1])

    def reads(self, visibility, body_id=None):
        return visibility in self.levels

    def visible(self, prefix="", body=None):
        return Q(**{f"{prefix}visibility__in": self.levels})

    # Nobody looking: no named person's hours (common.visibility.Viewer.sees_hours).
    sees_hours = False


@dataclass(frozen=True)
class Both:
    """Reads what both `first` and `second` read: a person's calendar feed, read as that person and no
    further than the feed's own visibility (cycle.ical.feed_reader)."""

    first: object
    second: object

    @property
    def levels(self):
        return tuple(level for level in self.first.levels if level in self.second.levels)

    def reads(self, visibility, body_id=None):
        return self.first.reads(visibility, body_id) and self.second.reads(visibility, body_id)

    def visible(self, prefix="", body=None):
        return self.first.visible(prefix, body) & self.second.visible(prefix, body)

    sees_hours = False


# Every item: for the editors' own work on a body they edit (they read all of it).
UNFILTERED = UpTo(Visibility.INTERNAL)
