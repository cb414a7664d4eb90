from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "os2org.sync"
    verbose_name = _("Git repository")

    def ready(self):
        from django.db.models import Q

        from os2org.handbook.lint import DATA_CHECKS
        from os2org.handbook.management.commands.handbook import ACTIONS
        from os2org.handbook.services import REFRESHED
        from os2org.handbook.signals import page_edited
        from os2org.organisation.management.commands.org import ACTIONS as ORG_ACTIONS
        from os2org.sync import cycle_page, organisation_page
        from os2org.sync.commands import ImportPage, Pull, Push
        from os2org.sync.services import push_after_edit

        # The handbook and the organisation stand below this app and cannot
        # import it: their commands take `pull`, `push` and `import-page` from
        # here, and the handbook tells of each edit by a signal.
        ACTIONS.update(pull=Pull(), push=Push())
        ORG_ACTIONS["import-page"] = ImportPage()
        # `handbook export --refresh` draws the organisation page's charts and roles table from the data,
        # and the annual cycle where a page marks its place; lint holds the cycle's pages to the activities.
        REFRESHED.append((Q(describes_organisation=True), organisation_page.refreshed_if_organisation))
        REFRESHED.append((Q(source__contains=cycle_page.MARK), cycle_page.refreshed_source))
        DATA_CHECKS.append(cycle_page.check_cycle)
        page_edited.connect(push_after_edit, dispatch_uid="sync.push_after_edit")
