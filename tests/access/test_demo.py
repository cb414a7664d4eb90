"""`os2org access demo`: one log-in per group on the demo organisation, never in production."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_yaml
from tests.conftest import DEMO

pytestmark = pytest.mark.django_db

USERNAMES = ["sekretariat", "bestyrelse", "koordinator", "kontakt"]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    import_handbook([DEMO])
    load_yaml(DEMO.parent / "organisation.yaml")


def logins():
    users = User.objects.order_by("username").select_related("account__person", "account__authority")
    return {
        user.username: (
            list(user.groups.values_list("name", flat=True)),
            str(user.account.person),
            str(user.account.authority) if user.account.authority else None,
        )
        for user in users
    }


def test_demo_adds_one_login_per_group_tied_to_demo_people(demo):
    call_command("access", "demo")

    assert logins() == {
        "bestyrelse": (["board"], "Birgitte Skov", None),
        "kontakt": (["member-contact"], "Peter Holm", "Region Vestkyst"),
        "koordinator": (["coordinator"], "Mads Kjær", None),
        "sekretariat": (["secretariat"], "Karen Lund", None),
    }


def test_demo_twice_keeps_four_logins(demo):
    call_command("access", "demo")
    call_command("access", "demo")

    assert sorted(User.objects.values_list("username", flat=True)) == sorted(USERNAMES)


def test_demo_prints_the_usernames(demo, capsys):
    call_command("access", "demo")

    assert capsys.readouterr().out.splitlines() == USERNAMES


def test_demo_writes_an_audit_entry_per_login_added(demo):
    call_command("access", "demo")
    call_command("access", "demo")

    assert sorted(Entry.objects.filter(action="access.demo_login").values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in User.objects.values_list("pk", flat=True)
    )


def test_demo_password_is_the_default(demo, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("access", "demo")

    assert User.objects.get(username="kontakt").check_password("demo-os2org") is True


def test_demo_password_comes_from_the_environment(demo, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    call_command("access", "demo")

    assert User.objects.get(username="kontakt").check_password("another-demo-password") is True


def test_demo_refuses_without_debug(demo, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as refused, translation.override("en"):
        call_command("access", "demo")

    assert (str(refused.value), User.objects.count()) == (
        "Demo log-ins must never exist in production; this command runs only with DEBUG on.",
        0,
    )


def test_demo_without_the_demo_organisation_adds_nothing(settings):
    settings.DEBUG = True

    with pytest.raises(CommandError) as refused, translation.override("en"):
        call_command("access", "demo")

    assert (str(refused.value), User.objects.count()) == (
        "Karen Lund is missing: load the demo organisation first (os2org org load src/os2org/demo/organisation.yaml).",
        0,
    )
