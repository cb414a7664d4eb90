import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from os2org.common.forms import add_service_errors
from os2org.handbook.diff import line_diff
from os2org.sync.forms import ResolveForm
from os2org.sync.git import SyncError
from os2org.sync.models import Conflict
from os2org.sync.selectors import sync_status
from os2org.sync.services import pull, resolve_conflict
from os2org.sync.webhooks import pushed_branch, signed

logger = logging.getLogger(__name__)


@require_safe
def status(request):
    context = {
        "status": sync_status(),
        "auto_push": settings.HANDBOOK_GIT_AUTO_PUSH,
        "webhook": bool(settings.HANDBOOK_GIT_WEBHOOK_SECRET),
    }
    return render(request, "sync/status.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def conflict(request, pk):
    """A conflict: Git's version of the page beside os2org's, and the form that settles it while it is open."""
    conflict = get_object_or_404(Conflict.objects.select_related("page", "resolved_by"), pk=pk)
    form = ResolveForm(request.POST if request.method == "POST" else None, conflict=conflict)
    status = 200
    if request.method == "POST" and not conflict.is_open:
        status = 409
    elif request.method == "POST" and form.is_valid():
        try:
            resolve_conflict(conflict, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conflict is settled."))
            return redirect("sync:status")
    theirs = conflict.page.source if conflict.page else ""
    context = {"conflict": conflict, "form": form, "diff": line_diff(theirs, conflict.ours)}
    return render(request, "sync/conflict.html", context, status=status)


@csrf_exempt  # GitHub and GitLab post without a CSRF token: the signature stands in for it.
@require_POST
def webhook(request):
    """A push event from GitHub or GitLab: pull, if it is signed with the secret and about the handbook's branch."""
    if _length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return _answer(_("The event is larger than this address takes."), 413)
    secret = settings.HANDBOOK_GIT_WEBHOOK_SECRET
    if not secret or not signed(request.headers, request.body, secret):
        return _answer(_("The event is not signed with the webhook's secret; nothing was done."), 403)
    try:
        branch = pushed_branch(request.headers, request.body)
    except ValueError:
        return _answer(_("The event is not JSON; nothing was done."), 400)
    if branch != settings.HANDBOOK_GIT_BRANCH:
        return _answer(_("The event is about no push to the handbook's branch; nothing was done."), 202)
    try:
        result = pull()
    except SyncError as error:
        logger.warning("A push event could not be pulled: %s", error)
        return _answer(str(error), 503)
    return JsonResponse({"commit": result.commit, "conflicts": result.conflicts})


def _length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _answer(detail, status):
    return JsonResponse({"detail": detail}, status=status)
