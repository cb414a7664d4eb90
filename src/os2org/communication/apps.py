from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "os2org.communication"
    verbose_name = _("Communication")

    def ready(self):
        # The plan's activities belong in the annual cycle; governance cannot import this app.
        from os2org.communication.cycle import dates
        from os2org.governance.cycle.sources import add_source

        add_source(dates)
