from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "os2org.members"
    verbose_name = _("Members and money")

    def ready(self):
        # The annual cycle shows when contributions fall due; governance cannot import this app.
        from os2org.governance.cycle.sources import add_source
        from os2org.members.cycle import dates

        add_source(dates)
