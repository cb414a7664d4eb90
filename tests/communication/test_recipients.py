from datetime import date

import pytest

from os2org.communication.recipients import recipient_list, recipients_csv, split_name
from os2org.communication.services import record_consent
from os2org.members.services import relate_contact
from os2org.organisation.services import save_person
from tests.communication.builders import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return register()


def test_recipients_csv_is_exactly_the_newsletter_layout(world):
    assert (
        recipients_csv(recipient_list())
        == (
            "email;fornavn;efternavn;organisation;produktrelation\r\n"
            "'-frida@kode.dk;Frida;Fisker;Kode ApS;\r\n"
            "anne@egeby.dk;Anne Marie;Andersen;Egeby Kommune;Booking (kontaktperson)|Tilsyn (styregruppe)\r\n"
            "bo@egeby.dk;Bo;Berg;Egeby Kommune;Booking (anvender)\r\n"
        ).encode()
    )


def test_recipient_list_counts_who_is_left_out(world):
    found = recipient_list()
    assert (found.without_consent, found.unsubscribed, found.without_email) == (1, 1, 1)


def test_recipient_list_of_an_audience_keeps_only_it(world):
    assert [r.email for r in recipient_list(audiences=["coordinators"]).recipients] == ["-frida@kode.dk"]


def test_recipient_list_of_a_product_segment_keeps_its_contacts(world):
    assert [r.email for r in recipient_list(products=[world.tilsyn]).recipients] == ["anne@egeby.dk"]


def test_recipient_list_writes_an_address_shared_by_two_records_once(world):
    twin = save_person(name="Anne Andersen", email="anne@egeby.dk", employer=world.egeby)
    relate_contact(twin, product=world.booking, kind="user")
    record_consent(twin, on=date(2026, 2, 1))
    assert [r.relations for r in recipient_list().recipients if r.email == "anne@egeby.dk"] == [
        ["Booking (anvender)", "Booking (kontaktperson)", "Tilsyn (styregruppe)"]
    ]


def test_split_name_takes_the_last_word_as_the_surname():
    assert split_name("Anne Marie Andersen") == ("Anne Marie", "Andersen")


def test_recipient_list_costs_five_queries(world, django_assert_num_queries):
    with django_assert_num_queries(5):
        recipient_list()
