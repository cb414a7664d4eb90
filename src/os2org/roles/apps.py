from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "os2org.roles"
    verbose_name = _("Role descriptions")
