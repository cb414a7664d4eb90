"""How fast `handbook import` reads a fifty-page handbook, beside `mkdocs build` of the same pages.

`make bench` runs this after the page benchmark. A handbook of 50 pages is
made from the demo handbook's pages (copied into folders until there are
50), then the two take turns, for BENCH_ROUNDS (default 7) rounds, so
that a busy moment of the machine falls on both alike:

- os2org: `import_handbook` of all 50 pages into an empty, migrated SQLite
  database (a fresh copy each time), under production settings (so the
  pages are read in up to WORK_PROCESSES worker processes, one per core);
- MkDocs: `mkdocs build` of the same Markdown files (its default theme).

In each round each runs in a Python process of its own, once to warm up
and then TIMES (3) times, so neither pays for starting Python or importing
its framework. The median of all the timed runs of each and their ratio
are printed. A report, not a test: nothing passes or fails on time.

    python bench/handbook_import.py [--json]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "src" / "os2org" / "demo" / "handbook"
PAGES = 50

OS2ORG = """
import os, shutil, sys, time
from pathlib import Path
work = Path(sys.argv[1])
os.environ.update(DJANGO_SETTINGS_MODULE="os2org.settings", SECRET_KEY="bench-only", DEBUG="0",
                  DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}")
import django
django.setup()
from django.core.management import call_command
from django.db import connections
if not (work / "empty.sqlite3").exists():
    call_command("migrate", verbosity=0)
    connections.close_all()
    shutil.copy(work / "db.sqlite3", work / "empty.sqlite3")
from os2org.handbook.services import import_handbook
times = []
for _ in range(1 + int(sys.argv[3])):
    connections.close_all()
    shutil.copy(work / "empty.sqlite3", work / "db.sqlite3")
    started = time.perf_counter()
    import_handbook([sys.argv[2]], replace=True)
    times.append(time.perf_counter() - started)
print(times[1:])
"""

MKDOCS = """
import logging, sys, time
logging.disable(logging.WARNING)
from mkdocs.commands.build import build
from mkdocs.config import load_config
times = []
for _ in range(1 + int(sys.argv[3])):
    started = time.perf_counter()
    build(load_config(config_file=sys.argv[1] + "/mkdocs.yml", site_dir=sys.argv[1] + "/site"))
    times.append(time.perf_counter() - started)
print(times[1:])
"""
TIMES = 3


def make_handbook(folder):
    """50 pages: the demo's pages copied into k1/, k2/, … (the site settings at the root)."""
    sources = sorted(path for path in DEMO.rglob("*.md") if path.stat().st_size)
    count, copy = 0, 1
    while count < PAGES:
        for source in sources:
            if count == PAGES:
                break
            target = folder / f"k{copy}" / source.relative_to(DEMO)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            count += 1
        copy += 1
    shutil.copy(DEMO / "_config.yml", folder / "_config.yml")
    return count


def run(code, *args):
    result = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    rounds = int(os.environ.get("BENCH_ROUNDS") or 7)
    with tempfile.TemporaryDirectory(prefix="os2org-import-bench-") as work:
        work = Path(work)
        handbook = work / "handbook"
        pages = make_handbook(handbook)
        # MkDocs reads a docs folder beside its mkdocs.yml: the same files.
        shutil.copytree(handbook, work / "mkdocs" / "docs", ignore=shutil.ignore_patterns("_config.yml"))
        (work / "mkdocs" / "mkdocs.yml").write_text("site_name: Bench\n", encoding="utf-8")
        os2org, mkdocs = [], []
        for round_ in range(1, rounds + 1):
            print(f"Round {round_} of {rounds}: importing {pages} pages, then building them with MkDocs…", file=sys.stderr)
            os2org += run(OS2ORG, work, handbook, TIMES)
            mkdocs += run(MKDOCS, work / "mkdocs", "", TIMES)
    result = {
        "pages": pages,
        "runs": len(os2org),
        "os2org_import_s": round(statistics.median(os2org), 4),
        "mkdocs_build_s": round(statistics.median(mkdocs), 4),
    }
    result["mkdocs_over_os2org"] = round(result["mkdocs_build_s"] / result["os2org_import_s"], 2)
    if arguments.json:
        print(json.dumps(result))
        return
    print(f"handbook import of {pages} pages: {result['os2org_import_s'] * 1000:.0f} ms (median of {len(os2org)})")
    print(f"mkdocs build of the same pages: {result['mkdocs_build_s'] * 1000:.0f} ms (median of {len(os2org)})")
    print(f"the import takes 1/{result['mkdocs_over_os2org']} of the time MkDocs takes")


if __name__ == "__main__":
    main()
