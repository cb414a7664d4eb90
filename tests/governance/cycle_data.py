"""Building blocks for the annual-cycle tests: role descriptions, activities, and a frozen today.

Activities are public unless a test says otherwise, as the builders' meetings
are (see builders.py); the role reviews are always for members.
"""

from datetime import UTC, date, datetime, time

from django.utils import timezone

from os2org.common.visibility import Visibility
from os2org.governance.cycle.services import save_activity
from os2org.handbook.models import Page
from os2org.roles.models import RoleDescription
from tests.governance.builders import COPENHAGEN


def make_role(name, *, reviewed_on=None, slug=None):
    """A role description with the handbook page it comes from."""
    slug = slug or name.lower().replace(" ", "-")
    page = Page.objects.create(path=f"roller/{slug}.md", slug=f"roller/{slug}", source=f"# {name}\n", kind="role")
    return RoleDescription.objects.create(page=page, name=name, slug=slug, reviewed_on=reviewed_on)


def make_activity(title="Bestyrelsesmøde", *, kind="meeting", starts=date(2026, 1, 1), **fields):
    fields.setdefault("visibility", Visibility.PUBLIC)
    return save_activity(title=title, kind=kind, starts=starts, **fields)


def freeze(monkeypatch, day, clock=time(12, 0)):
    """Let Django's clock say `day` (noon in Copenhagen) for the rest of the test."""
    moment = datetime.combine(day, clock, tzinfo=COPENHAGEN).astimezone(UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
