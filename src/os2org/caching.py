"""Serving read-mostly pages from the cache.

A secretariat edits a few times a day and is read all day. Pages are kept
whole in the cache under the data's version (see audit.selectors), the
interface language, the address and the query parameters the page reads,
so a page served again costs a few tiny queries, and any change shows at once
on every instance. The cache is bounded in bytes (BoundedMemoryCache), so
no stream of odd addresses can make a worker grow.

Signed-in readers get cached pages too. Their key adds what decides what
they are shown and offered (Viewer.cache_key: their groups and, for a
coordinator or a member contact, their communities), and for a page that
depends on who they are (a meeting they take part in) their person. What
is theirs alone is cut out before a page is kept and put back for each
reader: the header with their name and log-out button (between
`<!--account-->` markers, "account.html"), and the CSRF token of every form.

A message waiting for the reader ("The meeting is saved.", django.contrib.
messages) is theirs and shown once: a request with one is answered by the
view itself, so the page after a save shows it even when a copy is kept,
and the page that shows it is never kept.
"""

import hashlib
import re
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

from os2org.audit.selectors import request_data_version

# How long a page stays at most: its key names the day and the data's
# version, so a page kept longer would never be asked for again anyway.
PAGE_SECONDS = 24 * 60 * 60

ACCOUNT = re.compile(r"<!--account-->.*?<!--/account-->", re.DOTALL)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Where a kept page's personal parts go back in.
ACCOUNT_HOLE = "<!--account-hole-->"
TOKEN_HOLE = "os2org-csrf-token-hole"


def cached_page(*parameters, personal=False):
    """Cache a read page whole, keyed by the query `parameters` it reads and by what the reader may see.

    `@cached_page` for a page that reads none, `@cached_page("aar")` for one
    that reads `?aar=`. Any other parameter (a tracking tag, `?n=1…1000`)
    does not make another copy of the page. `personal=True` for a page that
    shows a signed-in reader something because of who they are (the minutes
    they are to answer): it is kept per person.
    """
    if len(parameters) == 1 and callable(parameters[0]):
        return _cached(parameters[0], (), personal)
    return lambda view: _cached(view, tuple(sorted(parameters)), personal)


def page_key(request, parameters, reader="public"):
    """The cache key of a page for one kind of reader.

    Today's date is in it: who holds a role (and what is overdue) changes
    at midnight without any change to the data. The address is hashed: it
    may be long or hold any character, and a cache key must be short and
    plain.
    """
    read = [(name, value) for name in parameters for value in request.GET.getlist(name)]
    address = hashlib.sha256(f"{request.path}?{urlencode(read)}".encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"page:{request.data_version}:{day}:{get_language()}:{reader}:{address}"


def reader_key(viewer, personal):
    if personal and viewer.signed_in:
        return f"{viewer.cache_key}:person-{viewer.person_id}"
    return viewer.cache_key


def _cached(view, parameters, personal):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # Counting the reader's waiting messages reads them without using them up.
        if get_messages(request):
            return view(request, *args, **kwargs)
        request_data_version(request)
        key = page_key(request, parameters, reader_key(request.viewer, personal))
        if not request.user.is_authenticated:
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                # Only plain successes are shared; nothing personal is cached.
                if _keepable(response):
                    cache.set(key, response, PAGE_SECONDS)
            return response
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(_personalised(content, request), headers=headers)
        response = view(request, *args, **kwargs)
        if _keepable(response):
            kept = _impersonal(response.content.decode(response.charset)), dict(response.headers)
            cache.set(key, kept, PAGE_SECONDS)
        return response

    return wrapped


def _keepable(response):
    return response.status_code == 200 and not response.cookies and not response.streaming


def _impersonal(content):
    """A page as any reader of its kind gets it: without the reader's header and CSRF tokens."""
    return TOKEN.sub(rf"\g<1>{TOKEN_HOLE}\g<2>", ACCOUNT.sub(ACCOUNT_HOLE, content, count=1))


def _personalised(content, request):
    """A kept page with this reader's header and a CSRF token of theirs put back."""
    if ACCOUNT_HOLE in content:
        content = content.replace(ACCOUNT_HOLE, _account(request.user), 1)
    if TOKEN_HOLE in content:
        content = content.replace(TOKEN_HOLE, get_token(request))
    return content


# The header of each signed-in reader, per language, as _account renders it; bounded, and
# emptied when full, since a worker meets only so many readers between two restarts.
_accounts = {}
ACCOUNTS_KEPT = 1000


def _account(user):
    """A signed-in reader's part of the header, with a hole for the CSRF token.

    It is the same on every page they read (their name, and links that name
    no page), so it is rendered once per reader and language, not on each
    hit: rendering it was half the cost of serving a kept page.
    """
    key = (get_language(), user.get_username())
    account = _accounts.get(key)
    if account is None:
        # Rendered without the context processors: the header needs only these.
        context = {"user": user, "csrf_token": TOKEN_HOLE}
        account = ACCOUNT.search(get_template("account.html").render(context)).group(0)
        if len(_accounts) >= ACCOUNTS_KEPT:
            _accounts.clear()
        _accounts[key] = account
    return account


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
