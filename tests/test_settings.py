import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory

from os2org.settings import client_ip_address, env_bool, env_cache, env_int, env_list


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("0", False), ("yes", True), ("no", False), (" On ", True)])
def test_env_bool_reads_yes_and_no(monkeypatch, raw, value):
    monkeypatch.setenv("OS2ORG_FLAG", raw)
    assert env_bool("OS2ORG_FLAG", not value) is value


def test_env_bool_empty_is_no(monkeypatch):
    monkeypatch.setenv("OS2ORG_FLAG", "")
    assert env_bool("OS2ORG_FLAG", True) is False


def test_env_bool_missing_gives_default(monkeypatch):
    monkeypatch.delenv("OS2ORG_FLAG", raising=False)
    assert env_bool("OS2ORG_FLAG", True) is True


def test_env_bool_refuses_other_words(monkeypatch):
    monkeypatch.setenv("OS2ORG_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured) as raised:
        env_bool("OS2ORG_FLAG", False)
    assert str(raised.value) == "OS2ORG_FLAG='maybe' is not a yes/no value; use 1 or 0."


def test_env_int_reads_number(monkeypatch):
    monkeypatch.setenv("OS2ORG_NUMBER", "60")
    assert env_int("OS2ORG_NUMBER", 0) == 60


def test_env_int_missing_gives_default(monkeypatch):
    monkeypatch.delenv("OS2ORG_NUMBER", raising=False)
    assert env_int("OS2ORG_NUMBER", 7) == 7


def test_env_int_refuses_text(monkeypatch):
    monkeypatch.setenv("OS2ORG_NUMBER", "abc")
    with pytest.raises(ImproperlyConfigured) as raised:
        env_int("OS2ORG_NUMBER", 0)
    assert str(raised.value) == "OS2ORG_NUMBER='abc' is not a whole number."


def test_env_list_splits_commas(monkeypatch):
    monkeypatch.setenv("OS2ORG_HOSTS", "os2.eu, www.os2.eu,,localhost ")
    assert env_list("OS2ORG_HOSTS", []) == ["os2.eu", "www.os2.eu", "localhost"]


def test_env_list_missing_gives_default(monkeypatch):
    monkeypatch.delenv("OS2ORG_HOSTS", raising=False)
    assert env_list("OS2ORG_HOSTS", ["127.0.0.1"]) == ["127.0.0.1"]


def test_env_cache_unset_keeps_each_process_its_own(monkeypatch):
    monkeypatch.delenv("OS2ORG_CACHE", raising=False)
    assert env_cache("OS2ORG_CACHE")["BACKEND"] == "os2org.caching.BoundedMemoryCache"


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "rediss://:secret@cache.example.org:6380/1"])
def test_env_cache_shares_the_cache_through_redis(monkeypatch, url):
    monkeypatch.setenv("OS2ORG_CACHE", url)
    assert env_cache("OS2ORG_CACHE") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "os2org",
    }


@pytest.mark.parametrize("url", ["memcached://:secret@127.0.0.1:11211", "127.0.0.1:6379"])
def test_env_cache_refuses_what_is_no_redis_address_without_repeating_it(monkeypatch, url):
    monkeypatch.setenv("OS2ORG_CACHE", url)
    with pytest.raises(ImproperlyConfigured) as raised:
        env_cache("OS2ORG_CACHE")
    assert str(raised.value) == (
        "OS2ORG_CACHE must be a Redis address, redis://host:6379/0 or rediss://…; "
        "leave it unset for each process's own cache."
    )


def test_database_is_the_one_configured():
    # CI runs the suite a second time with DATABASE_URL=postgres://…; this
    # proves that run really is on PostgreSQL.
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def production_check(**environment):
    """`os2org check --deploy` under the production environment the README lists."""
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "os2org.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://os2org.example.org",
        "DATABASE_URL": "postgres://os2org@db.example.org:5432/os2org",
        "SITE_URL": "https://os2org.example.org",
        "SECURE_SSL_REDIRECT": "1",
        **environment,
    }
    command = [sys.executable, "-m", "os2org", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production():
    result = production_check()

    clean = "System check identified no issues (0 silenced).\n"
    assert (result.returncode, result.stdout, result.stderr) == (0, clean, "")


def test_check_deploy_asks_for_the_redirect_to_https():
    result = production_check(SECURE_SSL_REDIRECT="0")

    assert (result.returncode, "(security.W008)" in result.stderr) == (1, True)


def test_limits_by_default():
    limits = (
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
        settings.IMPORT_MAX_BYTES,
        settings.AXES_FAILURE_LIMIT,
    )
    assert limits == (2_621_440, 1000, 2_621_440, 5_242_880, 5)


def request_from(address, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=address, headers=headers)


def test_client_ip_address_without_proxy_is_the_peer(monkeypatch):
    monkeypatch.setattr("os2org.settings.PROXY_COUNT", 0)
    # A client can send the header itself; without a proxy it means nothing.
    assert client_ip_address(request_from("192.0.2.1", forwarded="10.9.9.9")) == "192.0.2.1"


def test_client_ip_address_behind_one_proxy_is_the_last_forwarded(monkeypatch):
    monkeypatch.setattr("os2org.settings.PROXY_COUNT", 1)
    # The client made up the first address; the proxy appended the real one.
    assert client_ip_address(request_from("10.0.0.2", forwarded="10.9.9.9, 192.0.2.1")) == "192.0.2.1"


def test_client_ip_address_behind_two_proxies(monkeypatch):
    monkeypatch.setattr("os2org.settings.PROXY_COUNT", 2)
    assert client_ip_address(request_from("10.0.0.3", forwarded="10.9.9.9, 192.0.2.1, 10.0.0.2")) == "192.0.2.1"


def test_client_ip_address_without_the_header_is_the_peer(monkeypatch):
    monkeypatch.setattr("os2org.settings.PROXY_COUNT", 1)
    assert client_ip_address(request_from("10.0.0.2")) == "10.0.0.2"


def test_passwords_are_stored_with_djangos_default_hasher():
    from django.conf import global_settings

    import os2org.settings as project

    # Tests swap in a fast hasher (tests/conftest.py); the project itself sets none.
    assert (hasattr(project, "PASSWORD_HASHERS"), global_settings.PASSWORD_HASHERS[0]) == (
        False,
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    )


def test_handbook_git_url_with_a_token_in_it_stops_the_start():
    result = production_check(HANDBOOK_GIT_URL="https://os2org:ghp_hemmeligt@git.example.org/haandbog.git")

    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        1,
        "django.core.exceptions.ImproperlyConfigured: HANDBOOK_GIT_URL must not hold a password or token; "
        "put the token in HANDBOOK_GIT_TOKEN instead.",
    )


def test_handbook_git_branch_that_git_refuses_stops_the_start():
    result = production_check(HANDBOOK_GIT_BRANCH="--upload-pack=touch")

    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        1,
        "django.core.exceptions.ImproperlyConfigured: HANDBOOK_GIT_BRANCH='--upload-pack=touch' is not a branch "
        "name git accepts.",
    )


def test_handbook_git_settings_by_default():
    git = (
        settings.HANDBOOK_GIT_BRANCH,
        settings.HANDBOOK_GIT_REVIEW_BRANCH,
        settings.HANDBOOK_GIT_TOKEN_ENV,
        settings.HANDBOOK_GIT_AUTO_PUSH,
        settings.HANDBOOK_GIT_AUTHOR,
    )
    assert git == ("main", "", "HANDBOOK_GIT_TOKEN", False, "os2org <os2org@localhost>")
