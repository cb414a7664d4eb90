from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "os2org.budgets"
    verbose_name = _("Budgets")

    def ready(self):
        # A decision's page names the budgets it approved; governance cannot import this app.
        from os2org.budgets.selectors import approved_by
        from os2org.governance.meetings.links import DECISION_LINKS

        if approved_by not in DECISION_LINKS:
            DECISION_LINKS.append(approved_by)
        # The annual cycle shows the budgets' deadlines and follow-ups; governance cannot import this app.
        from os2org.budgets.cycle import dates
        from os2org.governance.cycle.sources import add_source

        add_source(dates)
