from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "os2org.sync"
    verbose_name = _("Git repository")

    def ready(self):
        from os2org.handbook.management.commands.handbook import ACTIONS
        from os2org.handbook.services import REFRESHED
        from os2org.handbook.signals import page_edited
        from os2org.organisation.management.commands.org import ACTIONS as ORG_ACTIONS
        from os2org.sync.commands import ImportPage, Pull, Push
        from os2org.sync.organisation_page import refreshed_source
        from os2org.sync.services import push_after_edit

        # The handbook and the organisation stand below this app and cannot
        # import it: their commands take `pull`, `push` and `import-page` from
        # here, and the handbook tells of each edit by a signal.
        ACTIONS.update(pull=Pull(), push=Push())
        ORG_ACTIONS["import-page"] = ImportPage()
        # `handbook export --refresh` draws the organisation page's charts and roles table from the data.
        REFRESHED["describes_organisation"] = refreshed_source
        page_edited.connect(push_after_edit, dispatch_uid="sync.push_after_edit")
