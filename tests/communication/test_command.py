from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.communication.builders import register

pytestmark = pytest.mark.django_db

HEADER = b"email;fornavn;efternavn;organisation;produktrelation\r\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_newsletter_recipients_writes_the_file_and_the_summary_on_stderr(tmp_path):
    register()
    err = StringIO()
    call_command("newsletter", "recipients", "--audience", "coordinators", str(tmp_path / "ud.csv"), stderr=err)
    assert ((tmp_path / "ud.csv").read_bytes(), err.getvalue()) == (
        HEADER + b"'-frida@kode.dk;Frida;Fisker;Kode ApS;\r\n",
        "1 recipient; left out: 0 without consent, 0 unsubscribed, 0 without an e-mail address.\n",
    )


def test_newsletter_recipients_writes_to_standard_output_without_a_file(capsysbinary):
    register()
    call_command("newsletter", "recipients", "--product", "tilsyn", stderr=StringIO())
    assert capsysbinary.readouterr().out == (
        HEADER + "anne@egeby.dk;Anne Marie;Andersen;Egeby Kommune;Tilsyn (styregruppe)\r\n".encode()
    )


def test_newsletter_recipients_names_an_unknown_product():
    with pytest.raises(CommandError, match="No product has the address “ukendt”."):
        call_command("newsletter", "recipients", "--product", "ukendt")


def test_newsletter_recipients_names_a_file_it_cannot_write(tmp_path):
    with pytest.raises(CommandError, match=f"Cannot write {tmp_path}: Is a directory"):
        call_command("newsletter", "recipients", str(tmp_path), stderr=StringIO())
