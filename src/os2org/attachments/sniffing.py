"""What a file is, from its bytes: never from its name or what the browser says.

`filetype` reads the signatures (PDF, the images, the old Office formats
and the first entries of an Office Open XML zip). A zip that merely starts
like an Office document is not one: its table of contents must name the
parts Word or Excel cannot open a document without.
"""

import zipfile

import filetype

from os2org.attachments.models import Kind

# The bytes filetype reads a signature from.
HEAD_BYTES = 8192
# The parts without which Word or Excel opens no document.
OOXML_PARTS = {
    Kind.DOCX: {"[Content_Types].xml", "word/document.xml"},
    Kind.XLSX: {"[Content_Types].xml", "xl/workbook.xml"},
}


def sniff(file) -> str | None:
    """The content type (a Kind) of the open binary `file`, or None when it is none of the allowed kinds.

    Reads its first bytes, and for a zip its table of contents; leaves it at its start.
    """
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    found = filetype.guess_mime(head)
    if found not in Kind.values:
        return None
    if found in OOXML_PARTS and not _holds_parts(file, OOXML_PARTS[found]):
        return None
    return found


def _holds_parts(file, parts):
    """Whether the zip `file` names every one of `parts`; reads its central directory only, unpacks nothing."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return False
    finally:
        file.seek(0)
    return parts <= names
