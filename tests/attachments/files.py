"""Real, minimal files of each kind an attachment may be, and files that only pretend to be one."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from os2org.attachments.models import Kind

CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def png():
    """A 1×1 white PNG, chunk by chunk."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff")) + chunk(b"IEND", b"")
    )


def jpeg():
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def gif():
    return b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


def webp():
    body = b"WEBPVP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx():
    """A Word document as Word writes one: its content types first, then its parts."""
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document><w:body><w:p><w:r><w:t>Bilag</w:t></w:r></w:p></w:body></w:document>",
        }
    )


def xlsx():
    """A workbook made by openpyxl, as a spreadsheet program saves one."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Budget"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def doc():
    """The start of a Word 97–2003 file: the compound file header, then the Word stream's magic at its first sector."""
    return OLE_MAGIC + b"\x00" * 504 + b"\xec\xa5\xc1\x00" + b"\x00" * 1020


def xls():
    """The start of an Excel 97–2003 file: the compound file header, then a workbook's BOF record."""
    return OLE_MAGIC + b"\x00" * 504 + b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\x00" * 1016


ALLOWED = {
    Kind.PDF: ("bilag.pdf", pdf),
    Kind.DOCX: ("referat.docx", docx),
    Kind.DOC: ("gammelt referat.doc", doc),
    Kind.XLSX: ("budget.xlsx", xlsx),
    Kind.XLS: ("gammelt budget.xls", xls),
    Kind.PNG: ("logo.png", png),
    Kind.JPEG: ("foto.jpg", jpeg),
    Kind.GIF: ("ikon.gif", gif),
    Kind.WEBP: ("billede.webp", webp),
}


def html():
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def plain_zip():
    return _zip({"readme.txt": "Ikke et dokument."})


def word_lookalike():
    """A zip whose first entry is named like Word's, without the parts Word needs: no document."""
    return _zip({"word/evil.html": "<script>alert(1)</script>"})


def exe():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def upload(name, data, content_type="application/pdf"):
    """A file as a browser uploads it; the header's content type is what the browser claims."""
    return SimpleUploadedFile(name, data, content_type=content_type)
