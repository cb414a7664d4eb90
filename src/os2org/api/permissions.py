import logging

from rest_framework.permissions import SAFE_METHODS, BasePermission

from os2org.access.viewer import viewer_for
from os2org.api import rules

logger = logging.getLogger(__name__)


def caller(request):
    """The viewer behind an API request, worked out once per request.

    Not `viewer_of`: the API knows its caller only once it has read the
    token, after Django's middleware has run.
    """
    viewer = getattr(request, "api_viewer", None)
    if viewer is None:
        viewer = request.api_viewer = viewer_for(request.user)
    return viewer


class ByRule(BasePermission):
    """Lets a request through only when `os2org.api.rules` allows it."""

    def has_permission(self, request, view):
        basename = getattr(view, "basename", None)
        if basename not in rules.RULES:
            # Fail closed: an endpoint nobody wrote a rule for is nobody's.
            logger.error("No API rule for %r; refusing it.", basename)
            return False
        return rules.allows(caller(request), basename, method=request.method)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            # The view found the item among those the caller may read.
            return True
        return rules.allows(caller(request), view.basename, method=request.method, body=view.body_of(obj))
