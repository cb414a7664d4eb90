"""Who may use the governance pages.

Reading pages are open; each lists only the items the viewer may read. The
secretariat edits everything, a product coordinator the meetings, agenda
items, follow-ups, minutes and annual-cycle items of their own community.
Minutes are answered by the meeting's participants themselves (and by the
secretariat on a participant's behalf).
"""

from os2org.common.rules import ReadWrite, anyone, body_of, edits_body_of, edits_some, secretariat, signed_in
from os2org.governance.models import Activity, AgendaItem, FollowUp, Meeting

_meeting = edits_body_of(body_of(Meeting))
_item = edits_body_of(body_of(AgendaItem, path="meeting__body_id"))


def takes_part(viewer, pk, **kwargs):
    """A participant of the meeting who may read it answers its minutes (selectors.may_answer);
    the secretariat answers for any participant."""
    if viewer.secretariat:
        return True
    if viewer.person_id is None:
        return False
    readable = Meeting.objects.filter(viewer.visible(body="body"), pk=pk, participants=viewer.person_id)
    return readable.exists()


RULES = {
    "cycle": anyone,
    "upcoming": anyone,
    "activities": anyone,
    "activity": anyone,
    "activity-create": edits_some,
    "activity-preview": edits_some,
    "activity-edit": edits_body_of(body_of(Activity)),
    "feeds": secretariat,
    "own-feed": signed_in,
    # The address is the secret: calendar programs cannot log in.
    "feed": anyone,
    "meetings": anyone,
    "meeting": anyone,
    "meeting-create": edits_some,
    "meeting-edit": _meeting,
    "meeting-cancel": _meeting,
    "meeting-restore": _meeting,
    "item-create": _meeting,
    "item-restore": _meeting,
    "item-remove": _item,
    "item-edit": _item,
    "item-move": _item,
    "brief-edit": _item,
    "outcome-edit": _item,
    "follow-up-create": _item,
    "follow-up": ReadWrite(anyone, edits_body_of(body_of(FollowUp, path="item__meeting__body_id"))),
    "minutes-edit": _meeting,
    "minutes-send": _meeting,
    "minutes-answer": takes_part,
    "decisions": anyone,
    "follow-ups": signed_in,
    "agenda": anyone,
    "agenda-markdown": anyone,
    "minutes": anyone,
    "minutes-markdown": anyone,
}
