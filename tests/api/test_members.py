"""Agreements and contributions through the API: the same rules as the pages (members.rules)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from os2org.attachments.services import attach
from os2org.members.models import Agreement, Contribution
from os2org.members.services import raise_contributions, relate_contact, save_agreement
from os2org.organisation.services import save_organisation, save_person
from tests.agreements import join

pytestmark = pytest.mark.django_db


@pytest.fixture
def money(world):
    """Egebjerg's agreement on Booking (from the world) with a fee, and Nyby's on OS2mo; 2026 worked out."""
    egebjerg = Agreement.objects.get(organisation=world.egebjerg)
    save_agreement(egebjerg, annual_fee=Decimal(12000))
    nyby = join(save_organisation(name="Nyby Kommune"), world.mo, annual_fee=Decimal(6000))
    raise_contributions(2026)
    return egebjerg, nyby


def listed(client, address, headers):
    response = client.get(address, headers=headers)
    return response.status_code, [row["id"] for row in response.json().get("results", [])]


def test_member_contact_lists_only_their_own_agreements(client, money, member_contact):
    egebjerg, _nyby = money
    assert listed(client, "/api/agreements/", member_contact) == (200, [egebjerg.pk])


def test_member_contact_does_not_find_another_authoritys_contribution(client, money, member_contact):
    _egebjerg, nyby = money
    line = Contribution.objects.get(agreement=nyby)
    assert client.get(f"/api/contributions/{line.pk}/", headers=member_contact).status_code == 404


def test_board_lists_every_contribution(client, money, board):
    assert listed(client, "/api/contributions/", board) == (
        200,
        list(Contribution.objects.order_by("pk").values_list("pk", flat=True)),
    )


def test_coordinator_is_refused_the_money(client, money, coordinator):
    assert client.get("/api/agreements/", headers=coordinator).status_code == 403


def test_public_is_asked_to_sign_in(client, money):
    assert client.get("/api/contributions/").status_code == 401


def test_secretariat_creates_an_agreement_and_the_product_gets_its_member(client, world, secretariat):
    authority = save_organisation(name="Nyby Kommune")
    data = {
        "organisation": authority.pk,
        "product": world.mo.pk,
        "status": "active",
        "signed": "2025-12-01",
        "starts": "2026-01-01",
        "annual_fee": "6000.00",
    }

    response = client.post("/api/agreements/", data, content_type="application/json", headers=secretariat)

    assert (response.status_code, list(world.mo.member_authorities.all())) == (201, [authority])


def test_secretariat_is_told_contributions_are_not_posted(client, money, secretariat):
    response = client.post("/api/contributions/", {}, content_type="application/json", headers=secretariat)
    assert response.status_code == 405


def test_secretariat_marks_a_contribution_paid(client, money, secretariat):
    egebjerg, _nyby = money
    line = Contribution.objects.get(agreement=egebjerg)
    address = f"/api/contributions/{line.pk}/"
    etag = client.get(address, headers=secretariat)["ETag"]

    response = client.patch(
        address,
        {"status": "paid", "paid_on": "2026-03-02"},
        content_type="application/json",
        headers={**secretariat, "If-Match": etag},
    )

    line.refresh_from_db()
    assert (response.status_code, line.status, line.paid_on, line.amount) == (
        200,
        "paid",
        date(2026, 3, 2),
        Decimal("12000.00"),
    )


def test_contribution_amount_is_not_changed_through_the_api(client, money, secretariat):
    egebjerg, _nyby = money
    line = Contribution.objects.get(agreement=egebjerg)
    address = f"/api/contributions/{line.pk}/"
    etag = client.get(address, headers=secretariat)["ETag"]

    client.patch(
        address, {"amount": "1.00"}, content_type="application/json", headers={**secretariat, "If-Match": etag}
    )

    line.refresh_from_db()
    assert line.amount == Decimal("12000.00")


def test_agreement_lists_its_signed_document(client, money, board):
    egebjerg, _nyby = money
    document = attach(egebjerg, SimpleUploadedFile("aftale.pdf", b"%PDF-1.4\n%%EOF\n"))

    listed_documents = client.get("/api/agreements/", headers=board).json()["results"][0]["documents"]

    assert listed_documents == [
        {"name": "aftale.pdf", "content_type": "application/pdf", "size": 15, "download": f"/bilag/{document.pk}/"}
    ]


def test_member_contact_reads_the_relations_of_their_own_organisations_people(client, world, money, member_contact):
    own = relate_contact(world.karen, product=world.booking, kind="contact")
    relate_contact(save_person(name="Nina Nyby"), product=world.mo, kind="user")

    assert listed(client, "/api/contacts/", member_contact) == (200, [own.pk])
