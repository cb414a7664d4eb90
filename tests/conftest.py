"""Shared test fixtures.

The seeds are the user's own handbook pages, read from ../shared/seeds.
A test that needs something missing (the seeds, Chromium, PostgreSQL)
skips with its reason on a developer's machine and fails when CI is set.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "src" / "os2org" / "demo" / "handbook"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def require(condition, reason):
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so a missing requirement fails instead of skipping)")
    pytest.skip(reason)


def seed(prefix):
    """The path of the seed page whose name starts with `prefix` (e.g. "004")."""
    require(SEEDS.is_dir(), f"the seed pages are missing: {SEEDS}")
    (found,) = SEEDS.glob(f"{prefix}_*")
    return found


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test log-ins hash their passwords with a fast hasher: the real one takes
    a deliberate half second per password, hundreds of times over. (The
    production setting keeps Django's default; test_settings checks it.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def static_files_from_source():
    """Templates name static files plainly: the hashed manifest that the
    production storage reads exists only after `collectstatic`.

    It holds for the whole session, not per test: a live server made once
    for a module also answers the browser's late requests between tests.
    """
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True, scope="session")
def attachments_in_a_temporary_folder(tmp_path_factory):
    """Attachments' files go to a folder of the test run's own, never to the user's data folder."""
    from django.test import override_settings

    folder = tmp_path_factory.mktemp("attachments")
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(folder)}}
    with override_settings(STORAGES={**settings.STORAGES, "attachments": storage}):
        yield folder


@pytest.fixture(autouse=True)
def default_language():
    """A page under /en/ activates English; the next test starts in Danish again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a freshly started server does.

    (Rolled-back tests can reuse audit entry ids on SQLite, and cache keys
    are made from them.)
    """
    cache.clear()


@pytest.fixture
def seeds_dir():
    require(SEEDS.is_dir(), f"the seed pages are missing: {SEEDS}")
    return SEEDS


@pytest.fixture
def demo_dir():
    return DEMO


@pytest.fixture
def staff(client):
    """A member of the secretariat, logged in on the test client."""
    from tests.accounts import make_user

    user = make_user("staff", "secretariat")
    client.force_login(user)
    return user


@pytest.fixture
def board_member(client):
    """A board member (reads everything, edits nothing), logged in on the test client."""
    from tests.accounts import make_user

    user = make_user("board", "board")
    client.force_login(user)
    return user


def _rename_table(name, to):
    from django.db import connection

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {quote(name)} RENAME TO {quote(to)}")


@pytest.fixture
def lose_table(transactional_db):
    """Take a table from the database, as a broken database would; it is back after the test.

    Outside a transaction: on PostgreSQL one failed query spoils every later
    query of its transaction, and a request in production shares none with a test.
    """
    lost = []

    def lose(name):
        _rename_table(name, f"{name}_lost")
        lost.append(name)

    yield lose
    for name in lost:
        _rename_table(f"{name}_lost", name)


@pytest.fixture
def latest_afterwards():
    """A test that migrates back unapplies the later migrations (and those that depend on them); the next tests
    on the same database need them, so it migrates to the latest again."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """One browser for all the browser tests of a worker, closed when the worker is done.

    Defined here, once, for every test module that drives Chromium. Once per
    worker process, not per package: `make test` hands each worker
    whole files, browser files between others, and Playwright's sync API
    cannot be started again in a thread where it ran before.
    """
    require(CHROMIUM.exists(), f"Chromium is missing: {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django would
    # otherwise refuse the tests' own database queries while it runs (and
    # those of the tests after it, in the same thread, until it is closed).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
