"""Attachments kept in an S3-compatible bucket: a real S3 service (moto's server, in its own process),
reached through the settings' own storage, the services and the download view."""

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from os2org import settings as project_settings
from os2org.attachments.services import attach, remove_attachment
from os2org.common.visibility import Visibility
from tests.attachments import files, owners
from tests.conftest import require

pytestmark = pytest.mark.django_db
BUCKET = "os2org-bilag"
KEYS = {"ATTACHMENTS_S3_ACCESS_KEY_ID": "test-key", "ATTACHMENTS_S3_SECRET_ACCESS_KEY": "test-secret"}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url, process, log):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"moto's server stopped at start: {log.read_text(errors='replace')}")
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("moto's server did not answer within 30 seconds")


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    """An S3-compatible server on a free port of this machine, for this module.

    Its log goes to a file: a pipe nobody reads fills up with one line per
    request, and the server would stop answering when it is full."""
    for module in ("moto", "flask", "boto3", "storages"):
        require(importlib.util.find_spec(module) is not None, f"{module} is missing: pip install -e '.[dev,s3]'")
    port = _free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    log = tmp_path_factory.mktemp("moto") / "server.log"
    with log.open("wb") as written:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=written)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3_bucket(s3_server, monkeypatch):
    """A new, empty bucket, and the attachments storage made by settings from the environment that names it."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    environment = {
        **KEYS,
        "ATTACHMENTS_S3_BUCKET": BUCKET,
        "ATTACHMENTS_S3_ENDPOINT_URL": s3_server,
        "ATTACHMENTS_S3_REGION": "eu-north-1",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    storage = project_settings.env_attachment_storage()
    with override_settings(STORAGES={**settings.STORAGES, "attachments": storage}):
        yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _object(client, key):
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def _keys(client):
    return [stored["Key"] for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_settings_choose_the_s3_storage_when_a_bucket_is_named(s3_bucket):
    storage = settings.STORAGES["attachments"]

    assert (storage["BACKEND"], storage["OPTIONS"]["bucket_name"], storage["OPTIONS"]["default_acl"]) == (
        "storages.backends.s3.S3Storage",
        BUCKET,
        None,
    )


def test_attach_stores_the_file_in_the_bucket(s3_bucket):
    data = files.docx()

    attachment = attach(owners.body(), files.upload("referat.docx", data))

    assert (_keys(s3_bucket), _object(s3_bucket, attachment.storage_name)) == ([attachment.storage_name], data)


def test_download_reads_the_file_back_from_the_bucket(s3_bucket, client):
    data = files.pdf()
    attachment = attach(owners.body(Visibility.PUBLIC), files.upload("bilag.pdf", data))

    response = client.get(reverse("attachments:download", args=[attachment.pk]))

    assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)) == (
        200,
        "application/pdf",
        data,
    )


def test_remove_attachment_deletes_the_object_once_committed(s3_bucket, django_capture_on_commit_callbacks):
    attachment = attach(owners.body(), files.upload("logo.png", files.png()))

    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment)

    assert _keys(s3_bucket) == []
