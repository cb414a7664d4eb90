"""The governance migrations that change data."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from os2org.governance.meetings import services
from os2org.governance.models import Activity, AgendaItem, CaseBrief
from tests.governance.builders import board, decision, meeting
from tests.governance.cycle_data import make_activity

pytestmark = pytest.mark.django_db


def test_markdown_rendered_once_fills_the_html_of_the_rows_there_are():
    item = decision(meeting(board(), "2026-03-05 16:00"), "Budget", "Budgettet **godkendes**.<script>x</script>")
    services.save_agenda_item(item, title="Budget", description="Et *nyt* budget.")
    services.save_case_brief(item, purpose="decision", date=date(2026, 2, 20), aim="Et **mål**.", analysis="Ingen.")
    make_activity(description="Husk *dagsordenen*.")
    # As the rows stood before the migration: no HTML.
    AgendaItem.objects.update(description_html="", outcome_html="")
    CaseBrief.objects.update(aim_html="", analysis_html="")
    Activity.objects.update(description_html="")
    migration = import_module("os2org.governance.migrations.0007_markdown_rendered_once")

    migration.render_markdown(apps, None)

    assert (
        AgendaItem.objects.values("description_html", "outcome_html").get(),
        CaseBrief.objects.values("aim_html", "background_html", "analysis_html").get(),
        Activity.objects.values_list("description_html", flat=True).get(),
    ) == (
        {
            "description_html": "<p>Et <em>nyt</em> budget.</p>\n",
            "outcome_html": "<p>Budgettet <strong>godkendes</strong>.</p>\n",
        },
        {"aim_html": "<p>Et <strong>mål</strong>.</p>\n", "background_html": "", "analysis_html": "<p>Ingen.</p>\n"},
        "<p>Husk <em>dagsordenen</em>.</p>\n",
    )
