from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import dump_yaml
from os2org.organisation.models import Assignment, Person
from tests.conftest import DEMO

pytestmark = pytest.mark.django_db

DEMO_ORGANISATION = DEMO.parent / "organisation.yaml"


def run(*args):
    """Run `os2org org …` in English; return what it printed."""
    out = StringIO()
    with translation.override("en"):
        call_command("org", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo():
    import_handbook([DEMO])
    run("load", DEMO_ORGANISATION)


def test_load_prints_a_summary():
    import_handbook([DEMO])
    assert run("load", DEMO_ORGANISATION) == (
        f"Loaded {DEMO_ORGANISATION}: organisations 6, bodies 11, people 15, assignments 19, task estimates 7 "
        "(new: 51, changed: 7, unchanged: 0).\n"
    )


def test_load_again_reports_everything_unchanged(demo):
    assert run("load", DEMO_ORGANISATION).endswith("(new: 0, changed: 0, unchanged: 58).\n")


def test_load_error_is_a_command_error_with_file_and_line(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text("people:\n  - name: Ane Holm\n    employer: Ingen\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("load", path)
    assert (str(raised.value), Person.objects.count(), Entry.objects.count()) == (
        f"{path}:3: employer: there is no organisation named “Ingen”.",
        0,
        0,
    )


def test_load_csv(demo, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "name,body,function,from,hours_per_week\nAne Holm,Fælleskode Tilsyn,coordinator,2026-01-01,7.4\n",
        encoding="utf-8",
    )
    assert run("load", "--csv", path) == (
        f"Loaded {path}: organisations 0, bodies 0, people 1, assignments 1, task estimates 0 "
        "(new: 2, changed: 0, unchanged: 0).\n"
    )


def test_load_csv_error_names_the_row(demo, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name;body;from;hours_per_week\nAne Holm;Fælleskode Tilsyn;2026-01-01;-1\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("load", "--csv", path)
    assert (str(raised.value), Assignment.objects.count()) == (
        f"{path}:2: hours_per_week: must be more than 0 and at most 168 hours a week.",
        19,
    )


def test_dump_prints_the_organisation(demo):
    assert run("dump") == dump_yaml()


def test_dump_writes_a_file(demo, tmp_path):
    path = tmp_path / "dump.yaml"
    assert (run("dump", path), path.read_text(encoding="utf-8")) == (f"Wrote the organisation to {path}.\n", dump_yaml())


def test_dump_then_load_changes_nothing(demo, tmp_path):
    path = tmp_path / "dump.yaml"
    run("dump", path)
    entries = Entry.objects.count()
    assert (run("load", path).endswith("(new: 0, changed: 0, unchanged: 58).\n"), Entry.objects.count()) == (
        True,
        entries,
    )
