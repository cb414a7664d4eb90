"""Who is looking: the groups, person and communities of a request's user, as a `Viewer`.

A viewer is worked out once per request (a few small queries for a
signed-in user, none for the public); the `Viewer` itself, and every
question it answers, live low in the tree (os2org.common.visibility).

A signed-in reader's viewer is kept in the cache under the data's version
and the day: what it is made of (groups, account, assignments, the body
tree) changes only through the services, each of which writes an audit
entry, or at midnight, when assignments begin and end. So a page served
from the cache asks nothing about its reader but who is signed in.
"""

from django.core.cache import cache
from django.utils import timezone

from os2org.access import groups
from os2org.access.models import Account
from os2org.audit.selectors import request_data_version
from os2org.common.visibility import ANONYMOUS, Viewer
from os2org.organisation.models import Assignment, Body

COMMUNITY_KINDS = ("product_community", "project_community")


# As long as a kept page (os2org.caching): its key names the day anyway.
VIEWER_SECONDS = 24 * 60 * 60


def viewer_of(request):
    """The request's viewer, worked out on first use (or taken from the cache)."""
    viewer = getattr(request, "_viewer", None)
    if viewer is None:
        viewer = request._viewer = _kept_viewer(getattr(request, "user", None), request)
    return viewer


def _kept_viewer(user, request):
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    # is_superuser is set outside the app (createsuperuser), with no audit entry.
    day = timezone.localdate().isoformat()
    key = f"viewer:{user.pk}:{int(user.is_superuser)}:{request_data_version(request)}:{day}"
    viewer = cache.get(key)
    if viewer is None:
        viewer = viewer_for(user)
        cache.set(key, viewer, VIEWER_SECONDS)
    return viewer


def viewer_for(user, on=None):
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS

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
        authority_id=authority_id if groups.MEMBER_CONTACT in names else None,
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
