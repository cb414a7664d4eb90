import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from os2org.inquiries.models import Inquiry
from tests.inquiries.imap_server import serve
from tests.inquiries.mails import HTML_ONLY, plain
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings):
    def start(messages):
        server = serve(messages)
        host, port = server.server_address
        settings.INQUIRY_IMAP_HOST, settings.INQUIRY_IMAP_PORT, settings.INQUIRY_IMAP_SSL = host, port, False
        settings.INQUIRY_IMAP_USER, settings.INQUIRY_IMAP_PASSWORD = "sekretariat", "hemmelig"
        servers.append(server)
        return server

    servers = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_fetch_stores_unseen_messages_and_marks_them_seen(mailbox):
    secretariat_world()
    server = mailbox([plain(), HTML_ONLY])
    call_command("inquiries", "fetch")
    assert (
        sorted(Inquiry.objects.values_list("message_id", flat=True)),
        [seen for _content, seen in server.mailbox.values()],
    ) == (["<a1@egeby.dk>", "<b2@nyby.dk>"], [True, True])


def test_fetch_leaves_a_message_that_is_no_mail_unseen_and_stores_the_rest(mailbox, capsys):
    secretariat_world()
    server = mailbox([b"garbage without headers", plain()])
    call_command("inquiries", "fetch")
    assert (
        Inquiry.objects.count(),
        [seen for _content, seen in server.mailbox.values()],
        capsys.readouterr().err.strip(),
    ) == (
        1,
        [False, True],
        "message 1: is not an e-mail message: it has no From header with an address. Left unseen in the mailbox.",
    )


def test_fetch_does_not_store_a_message_read_before(mailbox):
    secretariat_world()
    mailbox([plain()])
    call_command("inquiries", "fetch")
    mailbox([plain()])
    call_command("inquiries", "fetch")
    assert Inquiry.objects.count() == 1


def test_fetch_without_a_mailbox_says_which_settings_to_give(settings):
    settings.INQUIRY_IMAP_HOST = ""
    with pytest.raises(CommandError) as raised:
        call_command("inquiries", "fetch")
    assert str(raised.value) == (
        "No mailbox is set: give INQUIRY_IMAP_HOST, INQUIRY_IMAP_USER and INQUIRY_IMAP_PASSWORD."
    )


def test_fetch_with_a_wrong_password_says_it_cannot_read_the_mailbox(mailbox, settings):
    mailbox([plain()])
    settings.INQUIRY_IMAP_PASSWORD = "forkert"
    with pytest.raises(CommandError) as raised:
        call_command("inquiries", "fetch")
    assert str(raised.value).startswith("Cannot read the mailbox 127.0.0.1: ")
