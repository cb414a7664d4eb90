"""Serving read-mostly pages from the cache.

A secretariat edits a few times a day and is read all day. Pages are kept
whole in the cache under the data's version (see audit.selectors), the
interface language and the address, so a page served again costs one
tiny query, and any change shows at once on every instance.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from os2org.audit.selectors import data_version


def cached_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        version = data_version()
        request.data_version = version
        if request.user.is_authenticated:
            # A signed-in reader sees their own name, and staff see personal
            # data: such pages are made fresh and never shared.
            return view(request, *args, **kwargs)
        # Today's date too: who holds a role (and what is overdue) changes at
        # midnight without any change to the data.
        # The address is hashed: a query string may be long or hold any
        # character, and a cache key must be short and plain. (The cache holds
        # at most CACHE_MAX_ENTRIES pages, so odd query strings cannot grow it.)
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version}:{timezone.localdate().isoformat()}:{get_language()}:{address}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            # Only plain successes are shared; nothing personal is cached.
            if response.status_code == 200 and not response.cookies:
                cache.set(key, response, None)
        return response

    return wrapped
