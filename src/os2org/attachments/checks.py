"""The check every uploaded attachment passes, for the form field and the service alike.

An upload is refused, with a message that says what to choose instead, if
it is empty, larger than ATTACHMENT_MAX_BYTES, or not a PDF, Word, Excel
or image file by its bytes (os2org.attachments.sniffing).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from os2org.attachments.names import clean_file_name
from os2org.attachments.sizes import format_size
from os2org.attachments.sniffing import sniff


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


def what_to_choose() -> str:
    return _("Choose a PDF, Word, Excel or image file of at most %(limit)s.") % {"limit": format_size(max_bytes())}


def check_upload(upload) -> str:
    """The content type of `upload` (an UploadedFile), found from its bytes; ValidationError if it is refused.

    Reads at most the file's first bytes and, for a zip, its table of contents.
    """
    name = clean_file_name(upload.name)
    if not upload.size:
        raise _refused(_("“%(name)s” is empty.") % {"name": name}, "empty")
    if upload.size > max_bytes():
        raise _refused(
            _("“%(name)s” is larger than %(limit)s.") % {"name": name, "limit": format_size(max_bytes())}, "too_large"
        )
    content_type = sniff(upload)
    if content_type is None:
        raise _refused(_("“%(name)s” is not a PDF, Word, Excel or image file.") % {"name": name}, "kind")
    return content_type


def _refused(problem, code):
    return ValidationError(f"{problem} {what_to_choose()}", code=code)
