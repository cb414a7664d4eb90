"""Where attachments are kept, as the settings read it from the environment, and the names they are kept under."""

from pathlib import Path

from os2org.attachments.storage import STORED_NAME, new_name
from os2org.settings import PROJECT_DIR, env_attachment_storage


def test_storage_is_a_folder_in_the_users_data_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("ATTACHMENTS_S3_BUCKET", raising=False)
    monkeypatch.delenv("ATTACHMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    assert env_attachment_storage() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "os2org" / "attachments")},
    }


def test_storage_folder_is_outside_the_source_tree_by_default(monkeypatch):
    monkeypatch.delenv("ATTACHMENTS_S3_BUCKET", raising=False)
    monkeypatch.delenv("ATTACHMENTS_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)

    folder = Path(env_attachment_storage()["OPTIONS"]["location"])

    assert folder.is_relative_to(PROJECT_DIR) is False


def test_storage_folder_is_the_one_given(monkeypatch, tmp_path):
    monkeypatch.delenv("ATTACHMENTS_S3_BUCKET", raising=False)
    monkeypatch.setenv("ATTACHMENTS_DIR", str(tmp_path / "bilag"))

    assert env_attachment_storage()["OPTIONS"] == {"location": str(tmp_path / "bilag")}


def test_storage_is_a_private_bucket_when_one_is_named(monkeypatch):
    monkeypatch.setenv("ATTACHMENTS_S3_BUCKET", "bilag")
    monkeypatch.setenv("ATTACHMENTS_S3_ENDPOINT_URL", "https://s3.example.org")
    monkeypatch.setenv("ATTACHMENTS_S3_REGION", "eu-north-1")
    monkeypatch.delenv("ATTACHMENTS_S3_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("ATTACHMENTS_S3_SECRET_ACCESS_KEY", raising=False)

    assert env_attachment_storage() == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "bilag",
            "endpoint_url": "https://s3.example.org",
            "region_name": "eu-north-1",
            "access_key": None,
            "secret_key": None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


def test_new_names_are_random_and_of_the_one_stored_form():
    names = {new_name() for _ in range(100)}

    assert (len(names), all(STORED_NAME.fullmatch(name) for name in names)) == (100, True)
