"""The name an uploaded file is kept under for people, and the name a download offers."""

import posixpath
import unicodedata

from os2org.attachments.models import SUFFIXES, Attachment

MAX_LENGTH = Attachment._meta.get_field("original_name").max_length
# What a file is called when nothing of its own name is left.
FALLBACK = "bilag"


def clean_file_name(name: str) -> str:
    """The last part of `name`, without control or formatting characters, at most MAX_LENGTH long.

    A browser may send a whole path ("C:\\Users\\…\\budget.pdf"); only the
    file's own name is kept. A cut keeps the suffix.
    """
    name = (name or "").replace("\\", "/")
    name = posixpath.basename(name)
    name = "".join(_kept(char) for char in name)
    name = " ".join(name.split()).strip(". ")
    if not name:
        return FALLBACK
    return _shortened(name)


def _kept(char):
    """A space for any kind of space; nothing for a control, formatting or line-breaking character."""
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    return "" if category[0] in "CZ" else char


def _shortened(name):
    if len(name) <= MAX_LENGTH:
        return name
    stem, suffix = posixpath.splitext(name)
    suffix = suffix[:10]
    return stem[: MAX_LENGTH - len(suffix)] + suffix


def download_name(attachment) -> str:
    """The attachment's name, with the suffix of its kind if it lacks it (a PDF named "budget" → "budget.pdf")."""
    suffixes = SUFFIXES.get(attachment.content_type, ())
    name = attachment.original_name
    if suffixes and not name.lower().endswith(suffixes):
        name += suffixes[0]
    return name
