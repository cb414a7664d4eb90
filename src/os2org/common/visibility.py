"""Who may read what: the visibility every item carries, and the viewer who asks.

The levels (public, members, internal), the group names a viewer may be
in, and the `Viewer`: worked out once per request (access.viewer.viewer_for
makes it from a log-in) and then answering every question about reading
and editing without touching the database again, so list pages do not pay
per row for their permission checks. Each model says who reads one of its
objects (`read_scope`) and a query of them (`READ_FILTER`); `readable`,
`name_for` and `choosable` ask them. Low in the tree: every app asks these
questions, and none of this needs to know any app.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The groups the organisation really has, by their stored names (access.groups labels them).
SECRETARIAT = "secretariat"
BOARD = "board"
COORDINATOR = "coordinator"
MEMBER_CONTACT = "member-contact"


class Visibility(models.TextChoices):
    """Who may read an item. Every item the app shows carries one."""

    # Anyone, without logging in: the handbook, the role catalogue, the
    # organisation chart, decisions the board has made public.
    PUBLIC = "public", _("public")
    # Anyone with an account: members' contacts, coordinators, the board.
    MEMBERS = "members", _("members")
    # The secretariat and the board, and the coordinators and member
    # contacts of the community the item belongs to.
    INTERNAL = "internal", _("internal")


def visibility_field(default):
    return models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=default)


PUBLIC_ONLY = (Visibility.PUBLIC,)
MEMBERS_UP = (Visibility.PUBLIC, Visibility.MEMBERS)
EVERYTHING = (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.INTERNAL)


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    groups: frozenset = frozenset()
    person_id: int | None = None
    # Bodies whose internal items this viewer reads (a community and the
    # groups under it), and those they may edit.
    reads_bodies: frozenset = field(default_factory=frozenset)
    edits_bodies: frozenset = field(default_factory=frozenset)
    # A member contact's own organisation: its agreements and invoices are theirs to read.
    authority_id: int | None = None

    @property
    def signed_in(self):
        return self.user_id is not None

    @property
    def secretariat(self):
        return SECRETARIAT in self.groups

    @property
    def board(self):
        return BOARD in self.groups

    @property
    def coordinator(self):
        return COORDINATOR in self.groups

    @property
    def reads_everything(self):
        return self.secretariat or self.board

    @property
    def sees_hours(self):
        """May see named people's hours: contract hours, each assignment's hours and share, workload,
        and the history of changes to them. One rule for pages, API, exports and charts."""
        return self.reads_everything

    @property
    def cache_key(self):
        """Everything that decides what this viewer is shown and offered, but who they are, as a short text.

        Two viewers with the same key see the same page (but for their own
        name in its header), so a page made for one may be served to the other
        (os2org.caching): their groups, and the bodies whose internal items
        they read and those they may change, and a member contact's organisation.
        """
        if not self.signed_in:
            return "public"
        parts = (sorted(self.groups), sorted(self.reads_bodies), sorted(self.edits_bodies), self.authority_id)
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]

    @property
    def reads_money(self):
        """Reads some agreements and invoices: the board and the secretariat all, a member contact their
        own organisation's (reads_money_of). One rule for pages, API, exports and the annual cycle."""
        return self.reads_everything or self.authority_id is not None

    def reads_money_of(self, organisation_id):
        return self.reads_everything or (self.authority_id is not None and self.authority_id == organisation_id)

    def money_filter(self, organisation):
        """A filter for the items of the organisations whose money the viewer reads (`organisation` leads
        to the item's organisation id), or None for none at all."""
        if self.reads_everything:
            return Q()
        return Q(**{organisation: self.authority_id}) if self.authority_id is not None else None

    @property
    def sees_emails(self):
        """May see people's e-mail addresses, and find people by them: anyone signed in.
        One rule for pages, API and search."""
        return self.signed_in

    @property
    def levels(self):
        """The visibilities this viewer reads everywhere."""
        if self.reads_everything:
            return EVERYTHING
        return MEMBERS_UP if self.signed_in else PUBLIC_ONLY

    def reads(self, visibility, body_id=None):
        return visibility in self.levels or (body_id is not None and body_id in self.reads_bodies)

    def edits(self, body_id=None):
        """May change items of this body; without a body, anything at all."""
        if self.secretariat:
            return True
        return body_id is not None and body_id in self.edits_bodies

    @property
    def edits_some(self):
        return self.secretariat or bool(self.edits_bodies)

    def visible(self, prefix="", body=None):
        """A filter for items this viewer may read.

        `prefix` leads to the item holding the visibility ("item__"), `body`
        to the body the item belongs to ("meeting__body"), if any.
        """
        if self.reads_everything:
            return Q()
        q = Q(**{f"{prefix}visibility__in": self.levels})
        if body is not None and self.reads_bodies:
            q |= Q(**{f"{body}__in": self.reads_bodies})
        return q


ANONYMOUS = Viewer()
# What a reader sees in place of the name of something they may not read.
HIDDEN = _("(not shown)")


def readable(viewer, obj):
    """Whether `viewer` may read `obj` on its own page.

    Every model that a page names (a person, a body, a role, a meeting…)
    says what decides that in `read_scope`: its visibility and the body it
    belongs to, if any. Nothing is readable that is not there.
    """
    if obj is None:
        return False
    # Money and agreements are read by whom they concern, not by a visibility level.
    own_rule = getattr(obj, "readable_by", None)
    if own_rule is not None:
        return own_rule(viewer)
    visibility, body_id = obj.read_scope
    return viewer.reads(visibility, body_id)


def readable_of(viewer, queryset):
    """The objects of `queryset` the viewer may read, by the filter its model declares (READ_FILTER)."""
    return queryset.filter(viewer.visible(**queryset.model.READ_FILTER))


def choosable(viewer, queryset, chosen=()):
    """What a viewer may choose among `queryset` on a form or through the API: what they may read,
    and what is chosen already (so that saving keeps a value they may not read)."""
    kept = [obj.pk for obj in chosen if obj is not None]
    return queryset.filter(Q(pk__in=readable_of(viewer, queryset.model.objects.all()).values("pk")) | Q(pk__in=kept))


def name_for(viewer, obj):
    """The name of `obj` as `viewer` may see it: the name, or a neutral placeholder.

    A model whose name is made of another's (a meeting called by its body
    and day) says so in `name_as_read_by(viewer)`.
    """
    if not readable(viewer, obj):
        return HIDDEN
    made = getattr(obj, "name_as_read_by", None)
    return made(viewer) if made else str(obj)
