from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "os2org.organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from os2org.handbook.services import REFRESHED
        from os2org.organisation.handbook_page import refreshed_source

        # `handbook export --refresh` draws the organisation page's charts and roles table from the data.
        REFRESHED["describes_organisation"] = refreshed_source
