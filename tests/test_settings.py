import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from os2org.settings import env_bool, env_int, env_list


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


def test_database_is_the_one_configured():
    # CI runs the suite a second time with DATABASE_URL=postgres://…; this
    # proves that run really is on PostgreSQL.
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
