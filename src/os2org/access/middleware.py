import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from os2org.access.rules import allows, rule_for
from os2org.access.viewer import viewer_of

logger = logging.getLogger(__name__)


class RuleMiddleware:
    """Gives every request its viewer (`request.viewer`, worked out on first use), and
    lets a view run only when its app's rule allows the viewer.

    The views read `request.viewer` rather than ask this app, which stands
    above the apps whose pages it guards. The API is left to its own
    permission class, which asks the same rules once the API has read the
    caller's token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = SimpleLazyObject(lambda: viewer_of(request))
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


class PrivateMiddleware:
    """Marks every response to a signed-in reader `Cache-Control: private`.

    Such a page may hold personal data (e-mail addresses, hours, who changed
    what), so no shared cache on the way (a proxy, a CDN) may keep it. Asked
    after the response is made, so that an API caller signed in by a token
    counts too: DRF sets the request's user once it has read the token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        return response
