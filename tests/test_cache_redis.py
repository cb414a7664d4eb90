"""Instances that share a cache in Redis (CACHE_URL=redis://…) serve each other's pages and never an old one.

The Redis is REDIS_URL's (CI starts a throw-away one), or else one that
the session starts from Debian's redis-server on a free port. Without
either the tests skip, and fail when CI is set.
"""

import importlib.util
import os
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches

from os2org.organisation.models import Organisation
from os2org.organisation.services import save_organisation
from tests.conftest import require

pytestmark = pytest.mark.django_db

REDIS_SERVER = Path("/usr/bin/redis-server")
PAGE = "/organisation/organisationer/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, server):
    """Wait until the new redis-server answers (it takes a few milliseconds)."""
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if server.poll() is not None:
                pytest.fail(f"redis-server stopped at once with status {server.returncode}")
            time.sleep(0.05)
    pytest.fail(f"redis-server did not answer at {url}")


@pytest.fixture(scope="session")
def redis_url():
    """REDIS_URL, or a throw-away redis-server that keeps nothing on disk, for the session."""
    require(importlib.util.find_spec("redis") is not None, "the redis package is not installed (make install)")
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    require(REDIS_SERVER.exists(), f"Debian's redis-server is missing: {REDIS_SERVER} (apt-get install redis-server)")
    port = free_port()
    command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(url, server)
        yield url
    finally:
        server.terminate()
        server.wait()


@pytest.fixture
def instances(redis_url, settings):
    """Two instances of the app: each its own connection to the cache in Redis, as two processes have.

    Each test keeps its keys apart (audit entry ids, and so data versions,
    come again after a rolled-back test) and removes them afterwards.
    """
    import redis

    prefix = f"test-{uuid.uuid4().hex}"
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": redis_url, "KEY_PREFIX": prefix}}
    yield caches.create_connection("default"), caches.create_connection("default")
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def page_from(instance, client):
    """The page as the instance whose cache is `instance` serves it to the public."""
    caches["default"] = instance
    return client.get(PAGE).content.decode()


def test_a_page_one_instance_cached_is_served_by_the_other(instances, client):
    first, second = instances
    egeby = save_organisation(name="Egeby Kommune")
    page_from(first, client)
    # Changed behind the app's back (no audit entry, so the data's version stays):
    # a page made now would say so, a page from the cache does not.
    Organisation.objects.filter(pk=egeby.pk).update(name="Nyby Kommune")

    page = page_from(second, client)

    assert ("Egeby Kommune" in page, "Nyby Kommune" in page) == (True, False)


def test_an_edit_shows_at_once_on_both_instances(instances, client):
    first, second = instances
    egeby = save_organisation(name="Egeby Kommune")
    page_from(first, client)
    page_from(second, client)

    save_organisation(egeby, name="Nyby Kommune")

    pages = [page_from(first, client), page_from(second, client)]
    assert [("Egeby Kommune" in page, "Nyby Kommune" in page) for page in pages] == [(False, True), (False, True)]
