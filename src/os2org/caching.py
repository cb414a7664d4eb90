"""Serving read-mostly pages from the cache.

A secretariat edits a few times a day and is read all day. Pages are kept
whole in the cache under the data's version (see audit.selectors), the
interface language and the address, so a page served again costs one
tiny query, and any change shows at once on every instance.
"""

from functools import wraps

from django.core.cache import cache
from django.utils.translation import get_language

from os2org.audit.selectors import data_version


def cached_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        version = data_version()
        request.data_version = version
        key = f"page:{version}:{get_language()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            # Only plain successes are shared; nothing personal is cached.
            if response.status_code == 200 and not response.cookies:
                cache.set(key, response, None)
        return response

    return wrapped
