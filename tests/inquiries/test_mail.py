from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from os2org.inquiries.mail import Mail, MailError, import_files, parse_mail
from os2org.inquiries.models import Inquiry
from tests.inquiries.mails import HTML_ONLY, plain
from tests.inquiries.world import secretariat_world

pytestmark = pytest.mark.django_db


def test_parse_mail_reads_the_plain_text_message():
    assert parse_mail(plain(), name="a.eml") == Mail(
        sender_name="Jens Olsen",
        sender_email="jens@egeby.dk",
        subject="Spørgsmål om nyhedsbrevet",
        text="Hej\n\nKan vi komme med i næste nummer?",
        received=parse_mail(plain(), name="a.eml").received,
        message_id="<a1@egeby.dk>",
    )


def test_parse_mail_reads_the_date_in_its_time_zone():
    assert parse_mail(plain(), name="a.eml").received.astimezone(UTC) == datetime(2026, 5, 7, 7, 15, tzinfo=UTC)


def test_parse_mail_makes_an_html_only_message_into_text():
    mail = parse_mail(HTML_ONLY, name="b.eml")
    assert (mail.sender_name, mail.text) == ("ida@nyby.dk", "Hvornår er webinaret?")


def test_parse_mail_refuses_what_is_no_mail():
    with pytest.raises(MailError) as raised:
        parse_mail(b"%PDF-1.4\n1 0 obj\n", name="faktura.eml")
    assert str(raised.value) == "faktura.eml: is not an e-mail message: it has no From header with an address."


def test_parse_mail_refuses_a_message_over_the_size_limit(settings):
    settings.INQUIRY_MAX_EMAIL_BYTES = 100
    with pytest.raises(MailError) as raised:
        parse_mail(plain(), name="stor.eml")
    assert str(raised.value) == "stor.eml: is larger than 100 bytes."


def write(folder, name, content):
    path = folder / name
    path.write_bytes(content)
    return path


def test_import_stores_each_file_on_the_mail_topic_routed(tmp_path):
    world = secretariat_world()
    import_files([write(tmp_path, "a.eml", plain()), write(tmp_path, "b.eml", HTML_ONLY)])
    assert list(Inquiry.objects.order_by("pk").values_list("topic", "assignee", "channel")) == [
        (world["general"].pk, world["mette"].pk, "email"),
        (world["general"].pk, world["mette"].pk, "email"),
    ]


def test_import_of_one_bad_file_stores_none(tmp_path):
    secretariat_world()
    with pytest.raises(MailError):
        import_files([write(tmp_path, "a.eml", plain()), write(tmp_path, "b.eml", b"\x00\x01binary")])
    assert Inquiry.objects.count() == 0


def test_import_refuses_a_symbolic_link(tmp_path):
    secretariat_world()
    link = tmp_path / "link.eml"
    link.symlink_to(write(tmp_path, "a.eml", plain()))
    with pytest.raises(MailError) as raised:
        import_files([link])
    assert str(raised.value) == f"{link}: is a symbolic link; give the file itself."


def test_the_command_says_a_mail_read_twice_is_not_stored_again(tmp_path, capsys):
    secretariat_world()
    path = write(tmp_path, "a.eml", plain())
    call_command("inquiries", "import", str(path))
    call_command("inquiries", "import", str(path))
    number = Inquiry.objects.get().pk
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{path}: already stored as inquiry no. {number} (the same Message-ID); not stored again."
    )


def test_the_command_names_the_file_that_is_no_mail(tmp_path):
    secretariat_world()
    path = write(tmp_path, "x.eml", b"just some words")
    with pytest.raises(CommandError) as raised:
        call_command("inquiries", "import", str(path))
    assert str(raised.value) == (
        f"{path}: is not an e-mail message: it has no From header with an address. Nothing was imported."
    )


def test_the_command_says_when_the_mail_topic_is_missing(tmp_path, settings):
    settings.INQUIRY_MAIL_TOPIC = "post"
    secretariat_world()
    with pytest.raises(CommandError) as raised:
        call_command("inquiries", "import", str(write(tmp_path, "a.eml", plain())))
    assert str(raised.value) == (
        "INQUIRY_MAIL_TOPIC: There is no topic “post”. Known topics: generelt, presse-og-nyhedsbrev. "
        "Nothing was imported."
    )
