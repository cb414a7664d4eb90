from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "os2org.access"
    verbose_name = _("Access")

    def ready(self):
        from os2org.access.tokens import end_tokens_with_password

        # A signal, not a step in each view: a password changes through
        # Django's own pages and commands too, and the tokens must end with
        # it whichever way it goes.
        pre_save.connect(end_tokens_with_password, sender=settings.AUTH_USER_MODEL, dispatch_uid="access.tokens")
