from django import forms
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    reminders = forms.BooleanField(
        label=_("Send me reminders and my weekly overview by e-mail"),
        required=False,
        help_text=_(
            "Once a week, what waits for you; and when a follow-up of yours falls due or is overdue, "
            "when minutes wait for your answer, and when a role description you agree is due for review."
        ),
    )
