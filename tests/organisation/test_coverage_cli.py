import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from tests.organisation.coverage_org import EXPECTED_CSV, build, expected_report

pytestmark = pytest.mark.django_db


def run(*args):
    """Run `os2org org coverage …` in English on 2026-11-23; return its output."""
    out = StringIO()
    with translation.override("en"):
        call_command("org", "coverage", "--on", "2026-11-23", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def made(tmp_path):
    return build(tmp_path)


def test_coverage_json(made):
    output = run("--json")

    assert output == json.dumps(expected_report(made), ensure_ascii=False, indent=2) + "\n"


def test_coverage_json_keeps_danish_letters(made):
    assert '"Føre regnskabet."' in run("--json")


def test_coverage_csv(made):
    assert run("--csv") == EXPECTED_CSV


def test_coverage_text_for_a_reader(made):
    assert run().splitlines() == [
        "Coverage on 2026-11-23",
        "MUST tasks nobody holds: 2",
        "  Kasserer: Føre regnskabet.",
        "  Kasserer: Betale regningerne.",
        "Vacant roles: 1",
        "  Kasserer (2 MUST tasks)",
        "MUST tasks beyond the hours: 1",
        "  Programleder, Ane Holm: Lede programmet.",
        "Communities without a coordinator: 1",
        "  OS2mo (product community)",
        "Steering groups without members: 1",
        "  Styregruppen for OS2mo (OS2mo)",
        "People over 100 %: 1",
        "  Ane Holm: 44.4 of 37 hours (120 %)",
        "Yearly reviews past due: 1",
        "  Programleder: reviewed 2024-01-01, due 2025-01-01",
        "Never reviewed: 1",
        "  Kasserer",
    ]


def test_coverage_without_a_day_reports_on_today(made):
    out = StringIO()
    call_command("org", "coverage", "--json", stdout=out)

    assert json.loads(out.getvalue())["date"] == timezone.localdate().isoformat()
