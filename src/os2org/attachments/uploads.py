"""Django's upload handlers, told to keep no more of a file than an attachment may be.

Django keeps a small uploaded file in memory and writes a larger one to a
temporary file whole, however large. This handler, first in
FILE_UPLOAD_HANDLERS, passes on each file's bytes only up to one byte
past ATTACHMENT_MAX_BYTES and drops the rest: memory and disk stay bounded,
and the form still gets the file, one byte too large, so that it refuses
it at its own field with a message saying what to choose
(os2org.attachments.forms) rather than failing the whole request.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler


class LimitedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = settings.ATTACHMENT_MAX_BYTES + 1 - self.received
        if room <= 0:
            return None
        kept = raw_data[:room]
        self.received += len(kept)
        return kept

    def file_complete(self, file_size):
        # The handlers after this one make the file.
        return None
