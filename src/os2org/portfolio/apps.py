from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "os2org.portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        # A decision's page names the stage gates it passed; governance cannot import this app.
        from os2org.governance.meetings.links import DECISION_LINKS
        from os2org.portfolio.selectors import gates_decided_by

        if gates_decided_by not in DECISION_LINKS:
            DECISION_LINKS.append(gates_decided_by)
        # The coverage report lists missing status reports; organisation cannot import this app.
        from os2org.organisation.coverage import add_finding
        from os2org.portfolio.selectors import coverage_finding

        add_finding(coverage_finding)
