import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.roles.models import RoleDescription, Task
from tests.conftest import ROOT

# parse and lint read the stored site's settings and which pages are public.
pytestmark = pytest.mark.django_db

BROKEN = "---\ntitle: Ødelagt\nparent: Organisation: og Roller\n---\n\n# Ødelagt\n"


def run(*args):
    """Run `os2org handbook …` in English; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("handbook", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def parse_json(folder):
    return json.loads(run("parse", folder, "--json")[0])


def counts():
    return (Page.objects.count(), RoleDescription.objects.count(), Task.objects.count(), Entry.objects.count())


def test_parse_json_top_level_keys(seeds_dir):
    assert list(parse_json(seeds_dir)) == ["pages", "nav", "roles", "findings"]


def test_parse_json_pages(seeds_dir):
    def summary(path, title, nav_order, kind, parent="Organisation og Roller"):
        return {
            "path": path,
            "title": title,
            "parent": parent,
            "grand_parent": None,
            "nav_order": nav_order,
            "nav_exclude": False,
            "kind": kind,
        }

    assert parse_json(seeds_dir)["pages"] == [
        summary("000_4dff61e3b6ef9578.txt", "Sekretariatschef", 1, "role"),
        summary("001_32309d65a2a482eb.txt", "Organisation og Roller", 3, "page", parent=None),
        summary("002_732739d95dfc85da.txt", "Funktionsbeskrivelse – Programleder i OS2", 7, "role"),
        summary("003_30aefb0d176d687f.txt", "Forretningskoordinator", 5, "role"),
        summary("004_b27aa161d9b97970.txt", "Funktionsbeskrivelse – Produktkoordinator i OS2", 4, "role"),
    ]


def test_parse_json_nav(seeds_dir):
    (top,) = parse_json(seeds_dir)["nav"]
    assert (top["path"], [child["path"][:3] for child in top["children"]]) == (
        "001_32309d65a2a482eb.txt",
        ["000", "004", "003", "002"],
    )


def test_parse_json_role_task_counts(seeds_dir):
    roles = parse_json(seeds_dir)["roles"]
    assert [(role["name"], {p: len(t) for p, t in role["tasks"].items()}) for role in roles] == [
        ("Sekretariatschef", {"MUST": 4, "SHOULD": 3, "COULD": 3}),
        ("Programleder", {"MUST": 8, "SHOULD": 6, "COULD": 5}),
        ("Forretningskoordinator", {"MUST": 5, "SHOULD": 4, "COULD": 3}),
        ("Kommunikationsmedarbejder", {"MUST": 4, "SHOULD": 4, "COULD": 4}),
    ]


def test_parse_json_role_hours(seeds_dir):
    assert [role["hours_per_week"] for role in parse_json(seeds_dir)["roles"]] == [
        None,
        {"min": 37, "max": 37},
        None,
        {"min": 37, "max": 37},
    ]


def test_parse_json_findings(seeds_dir):
    findings = parse_json(seeds_dir)["findings"]
    assert (len(findings), findings[-1]["code"], findings[-1]["line"]) == (10, "title-mismatch", 2)


def test_parse_json_keeps_danish_letters(seeds_dir):
    assert "Øvrige forhold" in run("parse", seeds_dir, "--json")[0]


def test_parse_text_lists_pages_and_roles(seeds_dir):
    lines = run("parse", seeds_dir)[0].splitlines()
    assert (len(lines), lines[0], lines[5]) == (
        9,
        "000_4dff61e3b6ef9578.txt: role “Sekretariatschef”",
        "000_4dff61e3b6ef9578.txt: role Sekretariatschef: MUST 4 SHOULD 3 COULD 3",
    )


def test_parse_missing_path_is_a_command_error(tmp_path):
    with pytest.raises(CommandError) as raised:
        run("parse", tmp_path / "væk")
    assert str(raised.value) == f"{tmp_path / 'væk'}:0: no such file or folder"


def test_lint_seeds_fails_with_status_1(seeds_dir):
    with translation.override("en"), pytest.raises(CommandError) as raised:
        run("lint", seeds_dir)
    assert (str(raised.value), raised.value.returncode) == ("1 error in the handbook", 1)


def test_lint_seeds_prints_the_title_mismatch(seeds_dir):
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("handbook", "lint", str(seeds_dir), stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        "004_b27aa161d9b97970.txt:2: error: title-mismatch: The title “Funktionsbeskrivelse – Produktkoordinator "
        "i OS2” names another role than the heading “Kommunikationsmedarbejder”.",
        "10 findings, 1 error",
    ]


def test_lint_demo_passes(demo_dir):
    out, _ = run("lint", demo_dir)
    assert out.splitlines()[-1] == "13 findings, 0 errors"


def test_import_stores_pages(db, seeds_dir):
    out, err = run("import", seeds_dir)
    assert (out, err.splitlines(), counts()[:2]) == (
        "Imported 5 pages (5 new, 0 updated, 0 removed, 4 role descriptions).\n"
        "New pages by who may read them: public: 5.\n",
        [f"[{n}/5] {path.name}" for n, path in enumerate(sorted(seeds_dir.iterdir()), start=1)],
        (5, 4),
    )


def test_import_quietly(db, seeds_dir):
    err = StringIO()
    call_command("handbook", "import", str(seeds_dir), verbosity=0, stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_import_replace_reports_removed_pages(db, seeds_dir, demo_dir):
    run("import", seeds_dir)
    out, _ = run("import", "--replace", demo_dir)
    assert out == (
        "Imported 18 pages (18 new, 0 updated, 5 removed, 5 role descriptions).\n"
        "New pages by who may read them: public: 18.\n"
    )


def test_import_broken_file_is_a_command_error(db, tmp_path):
    (tmp_path / "god.md").write_text("---\ntitle: God\n---\n", encoding="utf-8")
    (tmp_path / "broken.md").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("import", tmp_path)
    assert str(raised.value) == "broken.md:3: front matter is not valid YAML: mapping values are not allowed here"


def test_import_broken_file_leaves_the_database_unchanged(db, seeds_dir, tmp_path):
    run("import", seeds_dir)
    before = counts()
    (tmp_path / "god.md").write_text("---\ntitle: God\n---\n", encoding="utf-8")
    (tmp_path / "broken.md").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CommandError):
        run("import", "--replace", tmp_path)
    assert counts() == before


def test_export_writes_the_files(db, seeds_dir, tmp_path):
    run("import", seeds_dir)
    out, _ = run("export", tmp_path / "ud")
    assert (out, sorted(path.name for path in (tmp_path / "ud").iterdir())) == (
        f"Wrote 5 pages to {tmp_path / 'ud'}.\n",
        sorted(path.name for path in seeds_dir.iterdir()),
    )


def test_export_of_empty_database_writes_nothing(db, tmp_path):
    out, _ = run("export", tmp_path)
    assert (out, list(tmp_path.iterdir())) == (f"Wrote 0 pages to {tmp_path}.\n", [])


def test_console_script_parses_without_secret_key(seeds_dir, tmp_path):
    # On a database never migrated, as on a fresh clone: parse reads files only.
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    env.pop("SECRET_KEY", None)
    script = Path(sys.executable).parent / "os2org"
    command = [script, "handbook", "parse", seeds_dir, "--json"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert (done.returncode, len(json.loads(done.stdout)["roles"])) == (0, 4)


def test_console_script_lint_exits_1(seeds_dir, tmp_path):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    script = Path(sys.executable).parent / "os2org"
    done = subprocess.run([script, "handbook", "lint", seeds_dir], capture_output=True, text=True, env=env, check=False)
    assert (done.returncode, done.stderr) == (1, "CommandError: 1 fejl i håndbogen\n")
