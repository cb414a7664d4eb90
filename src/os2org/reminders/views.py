"""A person's own choice: reminders and the weekly overview by e-mail, or none."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from os2org.access.models import Account
from os2org.access.services import set_reminders
from os2org.reminders.forms import PreferencesForm


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    account = Account.objects.filter(user=request.user, person__isnull=False).select_related("person").first()
    form = None
    if account is not None:
        form = PreferencesForm(request.POST if request.method == "POST" else None, initial={"reminders": account.reminders})
        if request.method == "POST" and form.is_valid():
            on = form.cleaned_data["reminders"]
            set_reminders(account, on=on, actor=request.user)
            messages.success(request, _("Your reminders are on.") if on else _("Your reminders are off."))
            return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form, "account": account, "title": _("E-mail reminders")})
