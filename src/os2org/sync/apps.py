from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "os2org.sync"
    verbose_name = _("Git repository")

    def ready(self):
        from os2org.handbook.management.commands.handbook import ACTIONS
        from os2org.handbook.signals import page_edited
        from os2org.sync.commands import Pull, Push
        from os2org.sync.services import push_after_edit

        # The handbook stands below this app and cannot import it: its command
        # takes `pull` and `push` from here, and tells of each edit by a signal.
        ACTIONS.update(pull=Pull(), push=Push())
        page_edited.connect(push_after_edit, dispatch_uid="sync.push_after_edit")
