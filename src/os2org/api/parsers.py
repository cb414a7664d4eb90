"""The API's one parser: JSON, nested no deeper than any request of ours needs."""

import io

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from os2org.common.limits import MAX_DEPTH, UntrustedText, check_json_depth


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, after a look at how deep the body nests.

    Python's json module recurses once per level, so a body of a few
    thousand brackets ends in a RecursionError: a 500, before anyone has
    logged in. Such a body is refused with 400 before it is parsed; the
    rest (invalid JSON, NaN) DRF answers as ever.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        body = stream.read()
        try:
            # A byte that is no text is replaced here; DRF refuses it below, as ever.
            check_json_depth(body.decode(encoding, errors="replace"))
        except UntrustedText as error:
            message = _("The JSON nests deeper than %(depth)d levels (line %(line)d).")
            raise ParseError(message % {"depth": MAX_DEPTH, "line": error.line}) from None
        return super().parse(io.BytesIO(body), media_type, parser_context)
