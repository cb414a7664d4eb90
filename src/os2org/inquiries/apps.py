from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "os2org.inquiries"
    verbose_name = _("Inquiries")

    def ready(self):
        # The coverage page says which topics go to the fallback role; organisation cannot import this app.
        from os2org.inquiries.routing import fallback_topics
        from os2org.organisation.coverage import add_finding

        add_finding(fallback_topics)
