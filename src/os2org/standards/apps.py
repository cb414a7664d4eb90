from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "os2org.standards"
    verbose_name = _("Reviews against the standards")

    def ready(self):
        # Deviations are follow-ups: the follow-up list, "Mit overblik" and the reminders
        # show them beside the decisions' follow-ups; governance cannot import this app.
        from os2org.governance.meetings.sources import add_source
        from os2org.standards.selectors import DEVIATIONS

        add_source(DEVIATIONS)
