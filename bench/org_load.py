"""How fast `org load` reads an organisation of 1,000 people.

An organisation file is made up: 100 organisations, a board, a secretariat,
10 programmes and 100 product communities each with a steering, a
coordination and a working group, 1,000 people and about 1,500
assignments. It is loaded with `os2org org load` into a migrated database
that holds the demo handbook's role descriptions, then loaded again (when
everything is unchanged). Each load is timed inside an already started
Python process: wall-clock and this process's CPU time (on a busy machine the
latter varies less; on PostgreSQL it leaves out the server's share), and
its number of queries.

The database is a temporary SQLite file, or DATABASE_URL's (which must be
empty: it is migrated and filled). A report, not a test.

    python bench/org_load.py [--json]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "src" / "os2org" / "demo" / "handbook"

FIRST = "Anna Birgitte Carsten Dorthe Erik Frida Gustav Hanne Ib Jette Karl Lise Mads Nina Ole Pia Rasmus Sara Ulla"
LAST = "Andersen Bach Dahl Friis Holm Juhl Krogh Lund Møller Nielsen Olsen Poulsen Skov Thorsen Vestergaard"
# Each product community's groups: name, kind and number of members.
GROUPS = (
    ("Styregruppen", "steering_group", 4),
    ("Koordinationsgruppen", "coordination_group", 4),
    ("Faggruppen", "working_group", 6),
)

LOAD = """
import json, os, sys, time
os.environ.update(DJANGO_SETTINGS_MODULE="os2org.settings", SECRET_KEY="bench-only", DEBUG="0")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{sys.argv[1]}/db.sqlite3")
import django
django.setup()
from io import StringIO
from django.core.management import call_command
from django.db import connection
from os2org.handbook.services import import_handbook
call_command("migrate", verbosity=0)
import_handbook([sys.argv[3]])
def count(execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)
loads = []
for _ in range(2):
    queries = []
    with connection.execute_wrapper(count):
        started, cpu = time.perf_counter(), time.process_time()
        call_command("org", "load", sys.argv[2], stdout=StringIO())
        loads.append((time.perf_counter() - started, time.process_time() - cpu, len(queries)))
print(json.dumps(loads))
"""


def people():
    """1,000 distinct names: a first name, a middle initial and a last name."""
    names = [f"{first} {middle}. {last}" for middle in "ABCD" for first in FIRST.split() for last in LAST.split()]
    return names[:1000]


def organisation_file():
    """The made-up organisation as an organisation file."""
    names = people()
    authorities = [f"Kommune {number:03}" for number in range(1, 96)]
    suppliers = [f"Leverandør {number} A/S" for number in range(1, 6)]
    lines = ["organisations:"]
    lines += [f"  - {{name: {name}, kind: municipality, member: true}}" for name in authorities]
    lines += [f"  - {{name: {name}, kind: company, supplier: true}}" for name in suppliers]
    lines += [
        "bodies:",
        "  - {name: Bestyrelsen, kind: board}",
        "  - {name: Sekretariatet, kind: secretariat, parent: Bestyrelsen}",
    ]
    lines += [f"  - {{name: Program {p}, kind: programme, parent: Sekretariatet}}" for p in range(1, 11)]
    assignments = []
    person = iter(names * 2)

    def assign(body, *, function="member", extra=""):
        line = f"  - {{person: {next(person)}, body: {body}, function: {function}, from: 2025-01-01{extra}}}"
        assignments.append(line)

    for number in range(1, 101):
        product = f"Produkt {number:03}"
        # Who is a member of a product is no longer part of an organisation file: it follows from
        # agreements, loaded by `os2org members load`, which this bench does not time.
        lines.append(
            f"  - {{name: {product}, kind: product_community, parent: Program {number % 10 + 1}, "
            f"programme: Program {number % 10 + 1}, suppliers: [{suppliers[number % 5]}]}}"
        )
        assign(product, function="coordinator", extra=", role: Produktkoordinator, share: 1/3")
        for group, kind, size in GROUPS:
            lines.append(f"  - {{name: {group} for {product}, kind: {kind}, parent: {product}}}")
            first = "chair" if kind == "steering_group" else "member"
            assign(f"{group} for {product}", function=first, extra=", hours_per_week: 2")
            for _ in range(size - 1):
                assign(f"{group} for {product}", extra=", hours_per_week: 1")
    lines.append("people:")
    lines += [
        f"  - {{name: {name}, email: p{number}@example.org, employer: {authorities[number % len(authorities)]}, "
        f"contract_hours: 37}}"
        for number, name in enumerate(names)
    ]
    assign("Bestyrelsen", function="chair", extra=", until: 2027-05-01, hours_per_week: 3")
    for _ in range(6):
        assign("Bestyrelsen", extra=", until: 2027-05-01, hours_per_week: 1.5")
    for _ in range(5):
        assign("Sekretariatet", extra=f", hours_per_week: 37, reports_to: {names[0]}")
    lines += ["assignments:", *assignments]
    lines += ["task_hours:", "  - {role: Produktkoordinator, priority: MUST, task: 1, hours: 3}"]
    return "\n".join(lines) + "\n", len(names), len(assignments)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    text, people_count, assignment_count = organisation_file()
    with tempfile.TemporaryDirectory(prefix="os2org-load-bench-") as work:
        path = Path(work) / "organisation.yaml"
        path.write_text(text, encoding="utf-8")
        print(f"Loading {people_count} people and {assignment_count} assignments twice…", file=sys.stderr)
        run = subprocess.run([sys.executable, "-c", LOAD, work, path, DEMO], capture_output=True, text=True)
        if run.returncode:
            sys.exit(run.stderr)
        (first, first_cpu, first_queries), (again, again_cpu, again_queries) = json.loads(
            run.stdout.strip().splitlines()[-1]
        )
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    result = {
        "database": database,
        "people": people_count,
        "assignments": assignment_count,
        "load_s": round(first, 2),
        "load_cpu_s": round(first_cpu, 2),
        "load_queries": first_queries,
        "load_again_s": round(again, 2),
        "load_again_cpu_s": round(again_cpu, 2),
        "load_again_queries": again_queries,
    }
    if arguments.json:
        print(json.dumps(result))
        return
    times = f"{first:.2f} s ({first_cpu:.2f} s CPU, {first_queries} queries)"
    print(f"org load of {people_count} people on {database}: {times}")
    print(f"the same file again, nothing changes: {again:.2f} s ({again_cpu:.2f} s CPU, {again_queries} queries)")


if __name__ == "__main__":
    main()
