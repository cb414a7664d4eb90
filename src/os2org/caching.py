"""Serving read-mostly pages from the cache.

A secretariat edits a few times a day and is read all day. Pages are kept
whole in the cache under the data's version (see audit.selectors), the
interface language, the address and the query parameters the page reads,
so a page served again costs one tiny query, and any change shows at once
on every instance. The cache is bounded in bytes (BoundedMemoryCache), so
no stream of odd addresses can make a worker grow.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from django.utils.translation import get_language

from os2org.audit.selectors import data_version

# How long a page stays at most: its key names the day and the data's
# version, so a page kept longer would never be asked for again anyway.
PAGE_SECONDS = 24 * 60 * 60


def cached_page(*parameters):
    """Cache a read page whole for the public, keyed by the query `parameters` it reads.

    `@cached_page` for a page that reads none, `@cached_page("aar")` for one
    that reads `?aar=`. Any other parameter (a tracking tag, `?n=1…1000`)
    does not make another copy of the page.
    """
    if len(parameters) == 1 and callable(parameters[0]):
        return _cached(parameters[0], ())
    return lambda view: _cached(view, tuple(sorted(parameters)))


def page_key(request, parameters):
    """The cache key of the public's copy of a page.

    Today's date is in it: who holds a role (and what is overdue) changes
    at midnight without any change to the data. The address is hashed: it
    may be long or hold any character, and a cache key must be short and
    plain.
    """
    read = [(name, value) for name in parameters for value in request.GET.getlist(name)]
    address = hashlib.sha256(f"{request.path}?{urlencode(read)}".encode()).hexdigest()
    return f"page:{request.data_version}:{timezone.localdate().isoformat()}:{get_language()}:{address}"


def _cached(view, parameters):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.data_version = data_version()
        if request.user.is_authenticated:
            # A signed-in reader sees their own name, and staff see personal
            # data: such pages are made fresh and never shared.
            return view(request, *args, **kwargs)
        key = page_key(request, parameters)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            # Only plain successes are shared; nothing personal is cached.
            if response.status_code == 200 and not response.cookies:
                cache.set(key, response, PAGE_SECONDS)
        return response

    return wrapped


class BoundedMemoryCache(LocMemCache):
    """Django's per-process memory cache, bounded in bytes as well as in entries.

    OPTIONS["MAX_BYTES"] caps the pickled size of everything kept; the
    entries used least recently go first to make room, and a value larger
    than the whole budget is not kept at all. (Django's own bound counts
    entries, whatever their size: a thousand 300 KB pages are 300 MB.)
    """

    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 64 * 1024 * 1024))
        # The size of each kept value, and their sum, shared like the values.
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def size(self):
        """The bytes the cache holds now."""
        return self._total[0]

    def _set(self, key, value, timeout=None):
        self._delete(key)
        if len(value) > self._max_bytes:
            return
        while self._cache and self._total[0] + len(value) > self._max_bytes:
            # The least recently used entry is last (LocMemCache moves a used one to the front).
            self._delete(next(reversed(self._cache)))
        super()._set(key, value, timeout)
        self._sizes[key] = len(value)
        self._total[0] += len(value)

    def _cull(self):
        super()._cull()
        for key in set(self._sizes) - set(self._cache):
            self._total[0] -= self._sizes.pop(key)

    def _delete(self, key):
        self._total[0] -= self._sizes.pop(key, 0)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0


# Per named cache, as LocMemCache keeps its values: each value's size, and their sum.
_sizes = {}
_totals = {}
