"""The public form's protection, without any third-party service: a honeypot field and a rate limit.

The honeypot is PublicInquiryForm.website. The rate limit counts the form's
submissions per client address in Django's cache: INQUIRY_RATE_LIMIT within
INQUIRY_RATE_WINDOW seconds, counted from the first. Every submission
counts, spam or not, so a robot cannot learn the limit by the answers.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(address):
    # The address is personal data: the cache keeps only a digest of it.
    return "inquiries:rate:" + hashlib.sha256(str(address).encode()).hexdigest()


def within_rate(request) -> bool:
    """Count one submission from the request's client; False once the client is over the limit."""
    # The client's address as the trusted proxies report it (settings.client_ip_address).
    key = _key(settings.AXES_CLIENT_IP_CALLABLE(request))
    if cache.add(key, 1, timeout=settings.INQUIRY_RATE_WINDOW):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        # Expired between the two calls: this is the first of a new window.
        cache.add(key, 1, timeout=settings.INQUIRY_RATE_WINDOW)
        return True
    return count <= settings.INQUIRY_RATE_LIMIT
