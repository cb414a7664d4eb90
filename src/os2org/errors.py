"""The page a reader gets when the app itself fails.

403 and 404 are Django's own handlers with the templates 403.html and
404.html, drawn in the site's layout like every page. A 500 may come from
the database being down or a request that never got its user, and the
layout reads both (the menu, the reader's header); so the layout is tried
first, and a page that needs neither is the fallback.
"""

import logging

from django.http import HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token
from rest_framework.exceptions import server_error as api_server_error

logger = logging.getLogger(__name__)


@requires_csrf_token
def server_error(request):
    """The 500 page: in the site's layout if it can be drawn, else 500_plain.html; JSON for the API."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "api":
        return api_server_error(request)
    try:
        content = render_to_string("500.html", request=request)
    except Exception:
        # What broke the request may break its layout too; the first error is logged already.
        logger.warning("The 500 page could not be drawn in the site's layout.", exc_info=True)
        content = render_to_string("500_plain.html")
    return HttpResponseServerError(content)
