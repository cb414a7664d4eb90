"""Who is looking: the groups, person and communities of a request's user.

A viewer is worked out once per request (a few small queries for a
signed-in user, none for the public) and then answers every question about
reading and editing without touching the database again, so list pages do
not pay per row for their permission checks.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.access import groups
from os2org.access.models import Visibility

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

    @property
    def signed_in(self):
        return self.user_id is not None

    @property
    def secretariat(self):
        return groups.SECRETARIAT in self.groups

    @property
    def board(self):
        return groups.BOARD in self.groups

    @property
    def coordinator(self):
        return groups.COORDINATOR in self.groups

    @property
    def reads_everything(self):
        return self.secretariat or self.board

    @property
    def sees_hours(self):
        """May see named people's hours: contract hours, each assignment's hours and share, workload,
        and the history of changes to them. One rule for pages, API, exports and charts."""
        return self.reads_everything

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
COMMUNITY_KINDS = ("product_community", "project_community")
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


def viewer_of(request):
    """The request's viewer, worked out on first use."""
    viewer = getattr(request, "_viewer", None)
    if viewer is None:
        viewer = viewer_for(getattr(request, "user", None))
        request._viewer = viewer
    return viewer


def viewer_for(user, on=None):
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    from os2org.access.models import Account
    from os2org.organisation.models import Assignment, Body

    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add(groups.SECRETARIAT)
    account = Account.objects.filter(user=user).first()
    person_id = account.person_id if account else None
    authority_id = account.authority_id if account else None

    coordinated, contact_of = set(), set()
    if groups.COORDINATOR in names and person_id:
        on = on or timezone.localdate()
        coordinated = set(
            Assignment.objects.current(on)
            .filter(person_id=person_id, function=Assignment.Function.COORDINATOR)
            .values_list("body_id", flat=True)
        )
    if groups.MEMBER_CONTACT in names and authority_id:
        contact_of = set(Body.objects.filter(member_authorities=authority_id).values_list("id", flat=True))

    reads, edits = frozenset(), frozenset()
    if coordinated or contact_of:
        rows = Body.objects.values_list("id", "parent_id", "kind")
        tree = {body_id: parent_id for body_id, parent_id, _ in rows}
        communities = {body_id for body_id, _, kind in rows if kind in COMMUNITY_KINDS}
        edits = frozenset(_community_of({_root(b, tree, communities) for b in coordinated}, tree))
        reads = edits | frozenset(_community_of(contact_of, tree))
    return Viewer(
        user_id=user.pk,
        groups=frozenset(names),
        person_id=person_id,
        reads_bodies=reads,
        edits_bodies=edits,
    )


def _root(body_id, tree, communities):
    """The community a body belongs to: a coordinator of its coordination
    group runs the whole community."""
    seen, current = set(), body_id
    while current is not None and current not in seen:
        if current in communities:
            return current
        seen.add(current)
        current = tree.get(current)
    return body_id


def _community_of(body_ids, tree):
    """The bodies and every body under them (a community's groups)."""
    found = set(body_ids)
    changed = True
    while changed:
        changed = False
        for body_id, parent_id in tree.items():
            if parent_id in found and body_id not in found:
                found.add(body_id)
                changed = True
    return found
