from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from os2org.attachments.models import Attachment
from os2org.attachments.names import download_name
from os2org.attachments.storage import attachment_storage
from os2org.common.visibility import readable


def _attachment_for(viewer, pk):
    """The attachment, if `viewer` may read the item it belongs to; else 404, as if it were not there."""
    attachment = get_object_or_404(Attachment.objects.select_related("owner_type"), pk=pk)
    if not readable(viewer, attachment.owner):
        raise Http404
    return attachment


@require_safe
def download(request, pk):
    """An attachment's file, as a download that can never act as a page of this site.

    Its type is the one found from its bytes; the browser may not guess
    another (nosniff), must save it rather than show it, and would run
    nothing in it (a sandbox that allows nothing). No shared cache keeps it.
    HEAD is answered from the row alone, without opening the file.
    """
    attachment = _attachment_for(request.viewer, pk)
    if request.method == "HEAD":
        response = HttpResponse(content_type=attachment.content_type)
    else:
        response = FileResponse(_opened(attachment), content_type=attachment.content_type)
    return _as_download(response, attachment)


def _as_download(response, attachment):
    response["Content-Length"] = str(attachment.size)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=download_name(attachment))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _opened(attachment):
    try:
        return attachment_storage().open(attachment.storage_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
