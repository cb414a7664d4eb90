from datetime import date

import pytest

from os2org.access.groups import SECRETARIAT
from os2org.audit.selectors import revision
from os2org.communication.models import Consent, PlannedActivity
from os2org.communication.services import record_consent, save_activity, save_issue
from os2org.members.services import relate_contact
from os2org.organisation.services import save_body, save_person
from tests.accounts import make_user
from tests.communication.builders import register
from tests.dom import attribute, element, elements, parse, text
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return register()


@pytest.fixture
def secretariat(client):
    client.force_login(make_user("sekretaer", SECRETARIAT))


def test_recipients_csv_download_is_the_list(client, world, secretariat):
    response = client.get("/en/kommunikation/modtagere.csv?audience=coordinators")
    assert (response["Content-Type"], response.content) == (
        "text/csv; charset=utf-8",
        b"email;fornavn;efternavn;organisation;produktrelation\r\n'-frida@kode.dk;Frida;Fisker;Kode ApS;\r\n",
    )


def test_recipients_page_says_how_many_are_left_out(client, world, secretariat):
    page = parse(client.get("/en/kommunikation/modtagere/"))
    assert text(element(page, "p", id="recipient-count")) == (
        "3 recipients. Left out: 1 without consent, 1 unsubscribed; 1 without an e-mail address."
    )


def test_recipients_page_lists_them_a_page_at_a_time_by_address(client, secretariat):
    product = save_body(name="Booking", kind="product_community")
    for number in range(51):
        person = save_person(name=f"Person {number:02}", email=f"P{number:02}@egeby.dk")
        relate_contact(person, product=product, kind="contact")
        record_consent(person, on=date(2026, 1, 5))

    pages = [parse(client.get(f"/en/kommunikation/modtagere/?side={number}")) for number in (1, 2)]

    assert [[text(row) for row in elements(page, "th", scope="row")] for page in pages] == [
        [f"p{number:02}@egeby.dk" for number in range(50)],
        ["p50@egeby.dk"],
    ]


def test_consent_form_records_an_unsubscribe(client, world, secretariat):
    client.post("/en/kommunikation/samtykke/", {"person": world.bo.pk, "answer": "unsubscribe", "on": "2026-05-07"})
    assert Consent.objects.get(person=world.bo).unsubscribed_on == date(2026, 5, 7)


def test_activity_form_refuses_an_activity_without_owner(client, world, secretariat):
    fields = {
        "title": "Nyhedsbrev",
        "day": "2026-06-01",
        "audience": "members",
        "channel": "newsletter",
        "status": "planned",
    }
    response = client.post("/en/kommunikation/aktiviteter/ny/", fields)
    error = text(element(parse(response), "div", id="field-owner_role"))
    assert ("Give the owner: a role or a person, one of them." in error, PlannedActivity.objects.count()) == (True, 0)


def test_activity_form_refuses_a_stale_revision(client, world, secretariat):
    role = make_role("Kommunikationsmedarbejder")
    activity = save_activity(
        title="Webinar", day=date(2026, 9, 1), audience="members", channel="webinar", owner_role=role
    )
    stale = revision(activity)
    save_activity(activity, title="Webinar om booking")
    fields = {
        "title": "Andet",
        "day": "2026-09-01",
        "audience": "members",
        "channel": "webinar",
        "status": "planned",
        "owner_role": role.pk,
        "revision": stale,
    }
    client.post(f"/en/kommunikation/aktiviteter/{activity.pk}/", fields)
    activity.refresh_from_db()
    assert activity.title == "Webinar om booking"


def test_plan_groups_the_year_by_month(client, world, secretariat):
    role = make_role("Kommunikationsmedarbejder")
    for title, day in [
        ("Nyhedsbrev", date(2026, 3, 2)),
        ("LinkedIn-kampagne", date(2026, 3, 20)),
        ("Webinar", date(2026, 9, 1)),
    ]:
        save_activity(title=title, day=day, audience="members", channel="linkedin", owner_role=role)
    page = parse(client.get("/en/kommunikation/?aar=2026"))
    months = [text(h) for h in elements(page, "h2") if (attribute(h, "id") or "").startswith("month-")]
    assert months == ["March", "September"]


def test_recipients_of_a_newsletter_issue_are_its_segment(client, world, secretariat):
    issue = save_issue(title="Nyt om Tilsyn", planned=date(2026, 6, 1), products=[world.tilsyn])
    response = client.get(f"/en/kommunikation/modtagere.csv?issue={issue.pk}")
    assert response.content.decode().splitlines()[1:] == [
        "anne@egeby.dk;Anne Marie;Andersen;Egeby Kommune;Tilsyn (styregruppe)"
    ]
