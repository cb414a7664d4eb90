"""Where attachments' files are kept: the `attachments` storage of settings.STORAGES.

A folder on disk by default, or an S3-compatible bucket (see settings).
Every file is stored under a random name in one folder, so no name a
person typed ever reaches a path, and no two files meet.
"""

import re
import secrets

from django.core.files.storage import storages

FOLDER = "attachments"
# What every stored name looks like: a restore takes no other (backup).
STORED_NAME = re.compile(rf"{FOLDER}/[0-9a-f]{{32}}")


def attachment_storage():
    """Asked each time, not kept: a test or a settings change may swap the storage."""
    return storages["attachments"]


def new_name() -> str:
    return f"{FOLDER}/{secrets.token_hex(16)}"
