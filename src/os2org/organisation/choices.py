"""What a viewer may choose when they change a body: one rule for the form and the API.

A coordinator edits the bodies of their own community (access.viewer), so
they may put a body only under one of those, or leave it where it is; the
secretariat may put it anywhere. The form offers exactly these parents and
the API accepts exactly these (tests/access/test_choices.py holds them to it).
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from os2org.organisation.models import Body


def parent_choices(viewer, body=None):
    """The bodies `viewer` may put `body` (None: a new one) under."""
    bodies = Body.objects.only("name").order_by("name", "pk")
    if viewer.secretariat:
        return bodies
    allowed = Q(pk__in=viewer.edits_bodies)
    if body is not None and body.parent_id is not None:
        allowed |= Q(pk=body.parent_id)
    return bodies.filter(allowed)


def check_parent(viewer, body, parent):
    """Refuse putting `body` under `parent` (None: at the top) unless the viewer may; ValidationError on "parent"."""
    unchanged = body is not None and body.parent_id == (parent.pk if parent else None)
    if viewer.secretariat or unchanged or (parent is not None and viewer.edits(parent.pk)):
        return
    raise ValidationError(
        {"parent": _("You may put a body only under one of the bodies of your own community.")}, code="parent"
    )
