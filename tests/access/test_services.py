import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.access.services import access_list, set_access, set_reminders
from os2org.audit.models import Entry
from os2org.organisation.services import save_organisation, save_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (the Danish is the catalogue's)."""
    translation.activate("en")


def test_a_new_log_in_gets_its_group_and_person_and_no_password():
    save_person(name="Ane Holm")

    user = set_access("ane", groups=["coordinator"], person="ane-holm")

    assert (access_list(), user.has_usable_password()) == ([("ane", "coordinator", "ane-holm", "-")], False)


def test_groups_given_replace_the_old_ones():
    set_access("ane", groups=["coordinator", "board"])

    set_access("ane", groups=["secretariat"])

    assert access_list() == [("ane", "secretariat", "-", "-")]


def test_a_change_is_audited_with_before_and_after():
    save_organisation(name="Aarhus Kommune", is_member=True)
    set_access("kim", groups=["member-contact"])

    set_access("kim", authority="aarhus-kommune")

    entry = Entry.objects.filter(action="access.user").first()
    assert (entry.data["before"], entry.data["after"]) == (
        {"groups": ["member-contact"], "person": None, "authority": None},
        {"groups": ["member-contact"], "person": None, "authority": "aarhus-kommune"},
    )


def test_an_unknown_person_changes_nothing():
    with pytest.raises(ValidationError) as raised:
        set_access("ane", groups=["coordinator"], person="ingen")

    assert (raised.value.message_dict, User.objects.count()) == (
        {"person": ["No person has the address ingen."]},
        0,
    )


def test_an_unknown_group_is_refused():
    with pytest.raises(ValidationError) as raised:
        set_access("ane", groups=["admins"])

    assert raised.value.message_dict == {
        "groups": ["Unknown group: admins. The groups are: secretariat, board, coordinator, member-contact."]
    }


def test_the_command_names_the_option_in_its_error():
    with pytest.raises(CommandError) as raised:
        call_command("access", "user", "bo", "--authority", "ingen")

    assert str(raised.value) == "--authority: No organisation has the address ingen."


def test_the_command_lists_log_ins(capsys):
    set_access("ane", groups=["board"])

    call_command("access", "user", "--list")

    assert capsys.readouterr().out == "ane\tboard\t-\t-\n"


def test_reminders_turned_off_are_audited_with_before_and_after():
    save_person(name="Ane Holm")
    account = set_access("ane", person="ane-holm").account

    account = set_reminders(account, on=False)

    entry = Entry.objects.get(action="access.reminders")
    assert (account.reminders, entry.summary, entry.data) == (
        False,
        "Ane Holm",
        {"before": {"reminders": True}, "after": {"reminders": False}},
    )
