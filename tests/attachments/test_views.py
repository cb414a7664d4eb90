import pytest
from django.urls import reverse

from os2org.attachments.models import Attachment
from os2org.attachments.services import attach
from os2org.attachments.storage import attachment_storage
from os2org.common.visibility import Visibility
from tests.accounts import make_user
from tests.attachments import files, owners

pytestmark = pytest.mark.django_db


def download_url(attachment):
    return reverse("attachments:download", args=[attachment.pk])


def sign_in(client, *group_names):
    client.force_login(make_user("reader", *group_names))


def body_of(response):
    return b"".join(response.streaming_content)


def test_download_gives_the_exact_bytes_to_a_reader_of_the_owner(client):
    data = files.xlsx()
    attachment = attach(owners.body(Visibility.INTERNAL), files.upload("budget.xlsx", data))
    sign_in(client, "secretariat")

    response = client.get(download_url(attachment))

    assert (response.status_code, body_of(response)) == (200, data)


def test_download_is_sent_with_safe_headers(client):
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload("budget 2026.pdf", files.pdf()))

    response = client.get(download_url(attachment))

    headers = {
        name: response[name]
        for name in (
            "Content-Type",
            "Content-Length",
            "Content-Disposition",
            "X-Content-Type-Options",
            "Content-Security-Policy",
            "Cache-Control",
        )
    }
    assert headers == {
        "Content-Type": "application/pdf",
        "Content-Length": str(len(files.pdf())),
        "Content-Disposition": 'attachment; filename="budget 2026.pdf"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
    }


def test_download_of_a_danish_name_is_named_by_rfc_5987(client):
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload('Bilag til møde, "udkast".docx', files.docx()))

    response = client.get(download_url(attachment))

    assert (
        response["Content-Disposition"] == "attachment; filename*=utf-8''Bilag%20til%20m%C3%B8de%2C%20%22udkast%22.docx"
    )


def test_download_has_the_type_of_its_bytes_not_of_its_upload(client):
    upload = files.upload("side.html", files.png(), content_type="text/html")
    attachment = attach(owners.body(Visibility.PUBLIC), upload)

    response = client.get(download_url(attachment))

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "image/png",
        'attachment; filename="side.html.png"',
    )


@pytest.mark.parametrize(
    ("visibility", "groups", "status"),
    [
        (Visibility.INTERNAL, (), 404),
        (Visibility.INTERNAL, ("member-contact",), 404),
        (Visibility.INTERNAL, ("board",), 200),
        (Visibility.MEMBERS, (), 404),
        (Visibility.MEMBERS, ("member-contact",), 200),
        (Visibility.PUBLIC, (), 200),
    ],
)
def test_download_is_for_whoever_may_read_the_owner(client, visibility, groups, status):
    attachment = attach(owners.body(visibility), files.upload("bilag.pdf", files.pdf()))
    if groups:
        sign_in(client, *groups)

    assert client.get(download_url(attachment)).status_code == status


def test_download_of_an_attachment_whose_owner_is_gone_is_not_found(client):
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload("bilag.pdf", files.pdf()))
    # As when the owner's row is deleted: the generic key points at nothing.
    Attachment.objects.filter(pk=attachment.pk).update(owner_id=attachment.owner_id + 1000)

    assert client.get(download_url(attachment)).status_code == 404


def test_download_of_a_file_missing_from_the_storage_is_not_found(client):
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload("bilag.pdf", files.pdf()))
    attachment_storage().delete(attachment.storage_name)

    assert client.get(download_url(attachment)).status_code == 404


def test_download_of_an_unknown_attachment_is_not_found(client):
    assert client.get(reverse("attachments:download", args=[999999])).status_code == 404


def test_head_of_a_download_has_its_headers_and_no_body(client):
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload("bilag.pdf", files.pdf()))

    response = client.head(download_url(attachment))

    assert (response.status_code, response["Content-Length"], response["Content-Disposition"], response.content) == (
        200,
        str(len(files.pdf())),
        'attachment; filename="bilag.pdf"',
        b"",
    )


def test_download_refuses_a_post(client):
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload("bilag.pdf", files.pdf()))

    assert client.post(download_url(attachment)).status_code == 405
