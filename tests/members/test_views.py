from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from os2org.access.groups import MEMBER_CONTACT, SECRETARIAT
from os2org.members.models import Agreement, Contribution
from os2org.members.services import raise_contributions
from os2org.organisation.services import save_body, save_organisation
from tests.accounts import make_user
from tests.agreements import join
from tests.dom import element, parse, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    booking = save_body(name="Booking", kind="product_community")
    egeby = save_organisation(name="Egeby Kommune", cvr="38990608")
    join(egeby, booking, annual_fee=Decimal(36500), starts=date(2026, 1, 1))
    return {"booking": booking, "egeby": egeby}


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def test_raising_contributions_leads_to_the_outstanding_list(client, world, secretariat):
    response = client.post("/en/medlemmer/bidrag/beregn/", {"year": "2026"})
    assert (response.status_code, response["Location"], Contribution.objects.get().amount) == (
        302,
        "/en/medlemmer/bidrag/udestaaende/?aar=2026",
        Decimal("36500.00"),
    )


def test_payments_upload_names_the_line_of_a_bad_row_and_changes_nothing(client, world, secretariat):
    raise_contributions(2026)
    line = Contribution.objects.get()
    upload = SimpleUploadedFile("betalinger.csv", f"line;status\n{line.pk};betalt-ish\n".encode())

    response = client.post("/en/medlemmer/betalinger/", {"file": upload})

    error = text(element(parse(response), "div", id="field-file"))
    assert "betalinger.csv:2: status: “betalt-ish” is not one of: to_invoice, invoiced, paid, written_off." in error
    line.refresh_from_db()
    assert line.status == "to_invoice"


def test_agreement_form_refuses_an_active_agreement_without_its_signed_day(client, world, secretariat):
    other = save_body(name="Tilsyn", kind="product_community")
    fields = {
        "organisation": world["egeby"].pk,
        "product": other.pk,
        "status": "active",
        "starts": "2026-01-01",
        "notice_months": "6",
    }

    response = client.post("/en/medlemmer/aftaler/ny/", fields)

    assert (response.status_code, Agreement.objects.count()) == (200, 1)
    assert "Give the day it was signed: only a draft may be without one." in text(
        element(parse(response), "div", id="field-signed")
    )


def test_agreement_form_refuses_a_renamed_executable_as_its_document(client, world, secretariat):
    other = save_body(name="Tilsyn", kind="product_community")
    fields = {
        "organisation": world["egeby"].pk,
        "product": other.pk,
        "status": "active",
        "signed": "2025-12-01",
        "starts": "2026-01-01",
        "notice_months": "6",
        "document": SimpleUploadedFile("aftale.pdf", b"MZ\x90\x00" + b"\0" * 200),
    }

    response = client.post("/en/medlemmer/aftaler/ny/", fields)

    error = text(element(parse(response), "div", id="field-document"))
    assert (response.status_code, Agreement.objects.count(), "“aftale.pdf” is not a PDF" in error) == (200, 1, True)


def test_member_contact_does_not_find_another_authoritys_agreement(client, world):
    other = save_organisation(name="Nyby Kommune")
    client.force_login(make_user("kontakt", MEMBER_CONTACT, authority=other))
    agreement = Agreement.objects.get()
    assert client.get(f"/en/medlemmer/aftaler/{agreement.pk}/").status_code == 404
