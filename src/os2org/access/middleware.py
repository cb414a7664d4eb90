import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from os2org.access.rules import allows, rule_for
from os2org.access.viewer import viewer_of

logger = logging.getLogger(__name__)


class RuleMiddleware:
    """Lets a view run only when its app's rule allows the viewer.

    The API is left to its own permission class, which asks the same rules
    once the API has read the caller's token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.namespace == "api":
            return None
        rule = rule_for(match.view_name)
        if rule is None:
            # Fail closed: a view nobody wrote a rule for is nobody's.
            logger.error("No access rule for the view %r; refusing it.", match.view_name)
            raise PermissionDenied
        viewer = viewer_of(request)
        if allows(viewer, match.view_name, method=request.method, **view_kwargs):
            return None
        if not viewer.signed_in:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
