"""`os2org demo [--scale N]` — the demo organisation, or one N times the size of an association like OS2."""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from os2org.access.demo import DEFAULT_PASSWORD, add_demo_logins
from os2org.budgets import demo as budgets_demo
from os2org.budgets.loading import load_accounts
from os2org.common.progress import report
from os2org.common.tables import TableError
from os2org.communication import demo as communication_demo
from os2org.demo import scale
from os2org.governance import demo as governance_demo
from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook
from os2org.inquiries import demo as inquiries_demo
from os2org.members import demo as members_demo
from os2org.members import loading as members_loading
from os2org.onboarding import demo as onboarding_demo
from os2org.organisation.loading import LoadError, load_yaml
from os2org.organisation.models import Body
from os2org.portfolio import demo as portfolio_demo
from os2org.standards import demo as standards_demo

DEMO = Path(scale.__file__).resolve().parent
HANDBOOK = DEMO / "handbook"
ORGANISATION = DEMO / "organisation.yaml"
MEMBERS = DEMO / "members.yaml"


class Command(BaseCommand):
    help = (
        "Build the demo: its handbook, organisation, a year of meetings and the annual cycle, and (with DEBUG) "
        "a log-in per group. --scale N adds an association N times the size of one like OS2 (100 people, "
        "10 product communities and 1,000 decisions a unit), for trying and measuring os2org on years of data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            dest="units",
            metavar="N",
            help="Make the made-up association N units large, adding the units that are missing.",
        )

    def handle(self, *args, units=0, verbosity=1, **options):
        if units < 0:
            raise CommandError(_("--scale must be 0 or more, not %(units)s.") % {"units": units})
        self.quiet = not verbosity
        built = scale.units_built()
        if units and built >= units:
            self.say(_("The larger organisation has %(built)d units already; none is added.") % {"built": built})
        plan = scale.plan(units - built, taken=scale.names_in_use(), first=built) if units > built else None
        with tempfile.TemporaryDirectory(prefix="os2org-demo-") as work:
            handbook = Path(work) / "handbook"
            shutil.copytree(HANDBOOK, handbook)
            # The demo's handbook replaces the stored one, but for the pages of the units built.
            generated = dict(Page.objects.filter(path__startswith=f"{scale.GENERATED}/").values_list("path", "source"))
            for path, text in {**generated, **(scale.role_pages(plan) if plan else {})}.items():
                (handbook / path).parent.mkdir(parents=True, exist_ok=True)
                (handbook / path).write_text(text, encoding="utf-8")
            self.say(_("Importing the handbook…"))
            import_handbook([str(handbook)], replace=True, progress=None if self.quiet else self.progress)
            self.say(_("Loading the organisation…"))
            try:
                load_yaml(ORGANISATION)
                if plan:
                    organisation = Path(work) / "organisation.yaml"
                    organisation.write_text(scale.organisation_file(plan), encoding="utf-8")
                    load_yaml(organisation)
            except LoadError as error:
                raise CommandError(str(error)) from error
            self.say(_("Loading the member register…"))
            try:
                # The agreements name the income account their contributions are booked to.
                load_accounts(budgets_demo.ACCOUNTS)
                members_loading.load(MEMBERS)
                if plan:
                    members = Path(work) / "members.yaml"
                    members.write_text(scale.members_file(plan), encoding="utf-8")
                    members_loading.load(members)
            except TableError as error:
                raise CommandError(str(error)) from error
        if governance_demo.build():
            self.say(_("Added the demo's meetings, decisions and annual cycle."))
        if members_demo.build():
            self.say(_("Added the demo's contributions, paid and outstanding."))
        if budgets_demo.build():
            self.say(_("Added the demo's chart of accounts, budgets and two quarters of actuals."))
        if portfolio_demo.build():
            self.say(_("Added the demo's portfolio: stages, goals, milestones, stage gates and status reports."))
        if standards_demo.build():
            self.say(_("Added the demo's review checklist and a review of a product, with its deviations."))
        if inquiries_demo.build():
            self.say(_("Added the demo's inquiry topics and inquiries."))
        if onboarding_demo.build():
            self.say(_("Added the demo's onboarding checklists, one of them running."))
        if communication_demo.build():
            self.say(_("Added the demo's communication plan, a newsletter issue and contacts' consent."))
        if plan:
            self.say(_("Adding the meetings, decisions and annual cycle of %(units)d units…") % {"units": plan.units})
            scale.governance(plan, progress=None if self.quiet else self.progress)
            scale.contributions(plan)
            budgets_demo.add_units(Body.objects.filter(name__in=[*plan.programmes, *plan.communities]).order_by("name"))
            standards_demo.add_units(Body.objects.filter(name__in=plan.communities).order_by("name"))
        if settings.DEBUG:
            added = add_demo_logins(password=os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD)
            if added:
                self.say(_("Demo log-ins: %(names)s") % {"names": ", ".join(added)})
        self.say(_("The demo is ready."))

    def say(self, message):
        if not self.quiet:
            self.stdout.write(message)

    def progress(self, number, total, name):
        report(self.stderr, number, total, name)
