"""How fast gunicorn serves os2org's key pages at 1× and 10× the size, compared with a static file.

`make bench` runs this. Everything happens in a throw-away directory. For
each size in BENCH_SCALES (default "1 10") a SQLite database is built with
`os2org demo --scale N` (the demo and N units of a made-up association the
size of OS2; each size starts from a copy of the one before) and the demo's
log-ins. Then gunicorn serves it under production settings (DEBUG=0,
whitenoise) to the public and to a reader signed in as each group, and for
about ten key pages the bench reports

- the bytes, and the queries of a first hit and of a cached hit (counted
  in-process by bench/pages.py with Django's test client);
- the first hit: the first request for that page and reader after gunicorn
  starts (its workers have answered the log-in page, so Python's own start
  is not counted), before any warm-up;
- requests/s and p50/p95 latency of the cached page next to a static file
  with exactly the same bytes served by the same server in the same run,
  and their ratio: the page's cost in static files;
- each gunicorn worker's memory after the run.

It is a report: the targets (every page at 10× signed in at most 3× a
static file, cached public pages at most 2×, first hits at most 100 ms,
workers at most 120 MB) are shown as met or missed, never asserted.

    python bench/bench.py [--json]

BENCH_SCALES (default "1 10") the sizes, BENCH_REQUESTS (default 120)
requests per URL, BENCH_CONCURRENCY (default 8) client threads,
BENCH_WORKERS (default 2) gunicorn sync workers, BENCH_ROUNDS (default 4):
the URLs take turns in that many rounds so that other work on the machine
hits a page and its static twin alike. The client only ever talks to
127.0.0.1.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # run with .venv/bin/python, as the Makefile does
HOST = "127.0.0.1"
PUBLIC = "public"
# A page of the app that no row measures: it starts each worker's Django.
PRIMER = "/konto/login/"

# The targets, reported beside each row and never asserted.
SIGNED_IN_COST = 3.0  # × a static file of the same bytes
PUBLIC_COST = 2.0
FIRST_HIT_MS = 100.0
WORKER_MB = 120.0
PAGE_KB = 200.0  # no page over 200 KB


def env_positive_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        sys.exit(f"{name}={raw!r} is not a whole number.")
    if value < 1:
        sys.exit(f"{name}={raw!r} must be at least 1.")
    return value


def env_scales():
    raw = os.environ.get("BENCH_SCALES") or "1 10"
    try:
        scales = sorted({int(part) for part in raw.replace(",", " ").split()})
    except ValueError:
        sys.exit(f"BENCH_SCALES={raw!r} is not a list of whole numbers, e.g. \"1 10\".")
    if not scales or scales[0] < 1:
        sys.exit(f"BENCH_SCALES={raw!r}: every size must be at least 1.")
    return scales


def progress(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run(args, env):
    """Run a command and return its output; show its output only when it fails."""
    result = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"{' '.join(map(str, args))} exited with {result.returncode}")
    return result.stdout


def run_showing(args, env):
    """Run a long command, passing its progress on as it comes."""
    process = subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        progress(f"  {line.rstrip()}")
    if process.wait() != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} exited with {process.returncode}")


def cookie_header(jar):
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in jar.items())} if jar else {}


def fetch(port, path, headers=None, timeout=30):
    """(status, body, milliseconds, cookies set) of one GET on a new connection."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        cookies = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.update((name, morsel.value) for name, morsel in SimpleCookie(header).items())
        return response.status, body, elapsed, cookies
    finally:
        conn.close()


class Server:
    """gunicorn with sync workers, quiet, on a free port of 127.0.0.1."""

    def __init__(self, env, workers, tmp):
        self.env, self.workers, self.tmp = env, workers, tmp
        self.port = None
        self.process = None
        self.log = None

    def start(self):
        self.port = free_port()
        self.log = open(self.tmp / "gunicorn.log", "ab")
        self.process = subprocess.Popen(
            [
                BIN / "gunicorn", "os2org.wsgi:application",
                "--bind", f"{HOST}:{self.port}",
                "--workers", str(self.workers),
                "--threads", "1",
                "--worker-class", "sync",
                "--log-level", "warning",
                "--worker-tmp-dir", str(self.tmp),
                "--no-control-socket",
            ],
            env=self.env, cwd=self.tmp, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()}")
            try:
                status, _body, _elapsed, _cookies = fetch(self.port, PRIMER, timeout=5)
            except OSError:
                time.sleep(0.1)
                continue
            if status != 200:
                raise RuntimeError(f"GET {PRIMER} answered {status}:\n{self.log_text()}")
            break
        else:
            raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log_text()}")
        # Concurrent requests reach every worker, so no measured page pays for a worker's first request.
        load(self.port, PRIMER, 4 * self.workers, 2 * self.workers)

    def worker_memory(self):
        """[{pid, rss_mb, peak_mb}] of the arbiter's children, read from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if parent != self.process.pid:
                    continue
                status = dict(
                    line.split(":", 1) for line in (stat.parent / "status").read_text().splitlines() if ":" in line
                )
            except (OSError, IndexError, ValueError):
                continue  # a process that ended while it was read
            found.append({
                "pid": int(stat.parent.name),
                "rss_mb": int(status["VmRSS"].split()[0]) / 1024,
                "peak_mb": int(status["VmHWM"].split()[0]) / 1024,
            })
        return sorted(found, key=lambda worker: worker["pid"])

    def log_text(self):
        try:
            return (self.tmp / "gunicorn.log").read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the arbiter stops its workers
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only its workers
                self.process.wait()
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def load(port, path, requests, concurrency, expected_size=None, headers=None):
    """`requests` GETs from `concurrency` threads, each with its own connection.

    gunicorn's sync workers close the connection after every response;
    http.client then reconnects on the next request by itself.
    """
    counter = iter(range(requests))
    lock = threading.Lock()
    latencies, errors, sizes = [], [], set()

    def client():
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, bad = [], []
        try:
            while True:
                with lock:
                    if next(counter, None) is None:
                        break
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers or {})
                    response = conn.getresponse()
                    body = response.read()
                    elapsed = time.perf_counter() - started
                except (OSError, http.client.HTTPException) as error:
                    conn.close()
                    bad.append(f"{type(error).__name__}: {error}")
                    continue
                if response.will_close:
                    conn.close()
                if response.status != 200:
                    bad.append(f"HTTP {response.status}")
                elif expected_size is not None and len(body) != expected_size:
                    bad.append(f"{len(body)} bytes, expected {expected_size}")
                else:
                    mine.append(elapsed)
                    sizes.add(len(body))
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)
                errors.extend(bad)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "latencies": latencies,
        "errors": errors,
        "sizes": sizes,
        "seconds": time.perf_counter() - wall_started,
        "client_cpu_seconds": time.process_time() - cpu_started,
    }


def summarise(chunks, requests):
    """One URL's numbers from its rounds: throughput over the summed time."""
    latencies = sorted(value for chunk in chunks for value in chunk["latencies"])
    errors = [error for chunk in chunks for error in chunk["errors"]]
    wall = sum(chunk["seconds"] for chunk in chunks)
    cpu = sum(chunk["client_cpu_seconds"] for chunk in chunks)
    rounds = [len(chunk["latencies"]) / chunk["seconds"] for chunk in chunks if chunk["seconds"]]
    return {
        "requests": requests,
        "ok": len(latencies),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "seconds": wall,
        "rps": len(latencies) / wall if wall else float("nan"),
        "rps_per_round": [round(value, 1) for value in rounds],
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "max_ms": (latencies[-1] * 1000) if latencies else float("nan"),
        "client_cpu": cpu / wall if wall else float("nan"),  # 1.0 = one core busy in the client
    }


def ratio(numerator, denominator):
    return numerator / denominator if denominator else float("nan")


def build(scale, previous, tmp, env):
    """The environment of a database holding the demo at `scale`, built on a copy of the previous size's."""
    database = tmp / f"scale-{scale}.sqlite3"
    env = {**env, "DATABASE_URL": f"sqlite:///{database}"}
    if previous is None:
        progress("migrate")
        run([BIN / "os2org", "migrate", "--noinput"], env)
    else:
        shutil.copyfile(previous, database)
    progress(f"os2org demo --scale {scale} (the larger sizes take minutes)")
    run_showing([BIN / "os2org", "demo", "--scale", str(scale)], env)
    # The demo's log-ins are only made with DEBUG on; this database is thrown away.
    run([BIN / "os2org", "access", "demo"], {**env, "DEBUG": "1"})
    return database, env


def first_hits(server, pages, readers):
    """{(reader, label): {status, first_ms, body}}, each the first request of its page and reader.

    Like a browser, a reader sends back the cookies it was given (the CSRF token's).
    """
    hits = {}
    for reader, jar in readers.items():
        for label, url in pages.items():
            status, body, elapsed, cookies = fetch(server.port, url, cookie_header(jar))
            jar.update(cookies)
            hits[reader, label] = {"status": status, "first_ms": elapsed, "body": body}
    return hits


def twin_name(scale, reader, label):
    return f"bench-{scale}x-{reader}-{label.replace(' ', '-')}.html"


def measure(scale, env, tmp, static_root, options):
    """The rows of one size, and its workers' memory after the run."""
    progress(f"{scale}×: count each page's queries and sign the demo log-ins in (bench/pages.py)")
    found = json.loads(run([BIN / "python", REPO / "bench" / "pages.py"], env))
    pages = found["pages"]
    readers = {PUBLIC: {}, **{name: {found["cookie_name"]: value} for name, value in found["cookies"].items()}}
    server = Server(env, options["workers"], tmp)
    try:
        progress(f"{scale}×: start gunicorn; first hits of {len(pages)} pages for {len(readers)} readers")
        server.start()
        hits = first_hits(server, pages, readers)
        server.stop()

        # The static twins carry the pages' own bytes, so the sizes match
        # exactly; whitenoise only sees files present when gunicorn starts.
        targets = []
        for (reader, label), hit in hits.items():
            if hit["status"] == 200:
                twin = f"/static/{twin_name(scale, reader, label)}"
                (static_root / twin.removeprefix("/static/")).write_bytes(hit["body"])
                targets.append((reader, label, twin, pages[label]))
        progress(f"{scale}×: start gunicorn with {options['workers']} worker(s); {len(targets)} pages and their twins")
        server.start()
        for reader, label, twin, _url in targets:
            status, body, _elapsed, _cookies = fetch(server.port, twin)
            if status != 200 or body != hits[reader, label]["body"]:
                raise RuntimeError(f"{twin} answered {status} with {len(body)} bytes; whitenoise did not pick it up")
        chunks = run_rounds(server, targets, readers, options)
        workers = server.worker_memory()
    finally:
        server.stop()

    rows = []
    for reader in readers:
        for label, url in pages.items():
            hit, queries = hits[reader, label], found["queries"][f"{reader} {label}"]
            row = {
                "page": label, "reader": reader, "url": url, "status": hit["status"],
                "bytes": len(hit["body"]), "first_ms": hit["first_ms"],
                "queries_first": queries["first"], "queries_cached": queries["cached"],
            }
            twin = f"/static/{twin_name(scale, reader, label)}"
            if (reader, twin) in chunks:
                page = summarise(chunks[reader, url], options["requests"])
                static = summarise(chunks[reader, twin], options["requests"])
                row.update(
                    static_url=twin, served=page, static=static,
                    cost=ratio(static["rps"], page["rps"]),
                    p50_ratio=ratio(page["p50_ms"], static["p50_ms"]),
                    p95_ratio=ratio(page["p95_ms"], static["p95_ms"]),
                )
                for sample in page["error_samples"] + static["error_samples"]:
                    progress(f"  {reader} {url} error: {sample}")
            row["targets"] = row_targets(row)
            rows.append(row)
    return {"scale": scale, "size": found["size"], "rows": rows, "workers": workers}


def run_rounds(server, targets, readers, options):
    """{(reader, url): [chunk per round]}: a warm-up, then each page and its twin in turn, round by round."""
    requests, rounds, concurrency = options["requests"], options["rounds"], options["concurrency"]
    warmup = min(requests, 4 * options["workers"])
    for reader, _label, _twin, url in targets:
        load(server.port, url, warmup, min(concurrency, warmup), headers=cookie_header(readers[reader]))
    shares = [requests // rounds + (1 if i < requests % rounds else 0) for i in range(rounds)]
    chunks = {}
    for number, share in enumerate(shares, 1):
        started, errors = time.monotonic(), 0
        for reader, _label, twin, url in targets:
            for path, exact, headers in (
                (twin, None, {}),
                (url, None, cookie_header(readers[reader])),
            ):
                chunk = load(server.port, path, share, concurrency, expected_size=exact, headers=headers)
                chunks.setdefault((reader, path), []).append(chunk)
                errors += len(chunk["errors"])
        progress(
            f"  round {number}/{rounds}: {share} requests to each of {2 * len(targets)} URLs "
            f"in {time.monotonic() - started:.0f} s, {errors} errors"
        )
    return chunks


def row_targets(row):
    """{target: (limit, value, met)} of one row; the cost target is stricter for the public's cached pages."""
    if row["status"] != 200:
        return {}
    found = {
        "first hit ms": (FIRST_HIT_MS, row["first_ms"], row["first_ms"] <= FIRST_HIT_MS),
        "size KB": (PAGE_KB, row["bytes"] / 1024, row["bytes"] <= PAGE_KB * 1024),
    }
    if "cost" in row:
        limit = PUBLIC_COST if row["reader"] == PUBLIC else SIGNED_IN_COST
        found["cost ×static"] = (limit, row["cost"], row["cost"] <= limit)
    return found


def versions():
    import django

    return {"python": platform.python_version(), "django": django.get_version()}


def load_average():
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


SIZE_COLUMNS = f"{'bytes':>7} {'queries':>7} {'first ms':>8} {'p50 ms':>6} {'×static':>7}"


def size_cells(row):
    """One size's cells of a row: a page the reader may not open shows its status only."""
    if row["status"] != 200:
        return f"HTTP {row['status']}".center(len(SIZE_COLUMNS))
    queries = f"{row['queries_first']}/{row['queries_cached']}"
    served = row.get("served")
    p50 = f"{served['p50_ms']:.1f}" if served else "-"
    cost = f"{row['cost']:.1f}x" if "cost" in row else "-"
    return f"{row['bytes']:>7} {queries:>7} {row['first_ms']:>8.1f} {p50:>6} {cost:>7}"


def target_cells(row):
    if row["status"] != 200:
        return f"not measured: HTTP {row['status']}"
    cells = []
    for name, (limit, value, met) in row["targets"].items():
        unit = "x" if name.startswith("cost") else " KB" if name.startswith("size") else " ms"
        cells.append(f"{name.split()[0]} {'ok' if met else 'MISS'} {value:.1f}{unit} (≤{limit:g}{unit})")
    return ", ".join(cells)


def print_report(results):
    settings, sizes = results["settings"], results["scales"]
    print()
    print(
        f"os2org bench: gunicorn {settings['workers']} sync worker(s) x 1 thread, "
        f"{settings['requests']} requests per URL in {settings['rounds']} alternating rounds, "
        f"{settings['concurrency']} client threads, "
        f"Python {settings['python']}, Django {settings['django']}, {settings['cpus']} CPU(s)"
    )
    before, after = settings["load_before"], settings["load_after"]
    if before is not None:
        busy = before > 0.5 * (settings["cpus"] or 1)
        print(
            f"load average (1 min): {before} before the run, {after} after it (the run itself adds ~{settings['workers'] + 1})"
            + ("; the machine was already busy with other work, so expect noisy numbers" if busy else "")
        )
    print("sizes: " + "; ".join(
        f"{size['scale']}× = {size['size']['people']:,} people, {size['size']['decisions']:,} decisions" for size in sizes
    ))
    largest = sizes[-1]["scale"]
    header = f"{'page':<15} {'reader':<11} " + " | ".join(
        f"{size['scale']}×".center(len(SIZE_COLUMNS)) for size in sizes
    ) + f" | targets at {largest}× (reported, not asserted)"
    columns = f"{'':<15} {'':<11} " + " | ".join(SIZE_COLUMNS for _size in sizes) + " |"
    print(header)
    print(columns)
    print("-" * len(header))
    by_key = [{(row["reader"], row["page"]): row for row in size["rows"]} for size in sizes]
    for key, row in by_key[-1].items():
        reader, page = key
        cells = " | ".join(size_cells(rows[key]) for rows in by_key)
        print(f"{page:<15} {reader:<11} {cells} | {target_cells(row)}")
    print()
    for size in sizes:
        workers = ", ".join(f"{worker['rss_mb']:.0f} MB (peak {worker['peak_mb']:.0f})" for worker in size["workers"])
        met = all(worker["rss_mb"] <= WORKER_MB for worker in size["workers"])
        print(f"workers' memory after the run at {size['scale']}×: {workers}: {'ok' if met else 'MISS'} (≤{WORKER_MB:g} MB)")
    rows = sizes[-1]["rows"]
    for name in ("cost ×static", "first hit ms", "size KB"):
        judged = [row["targets"][name][2] for row in rows if name in row["targets"]]
        print(f"targets at {largest}×, {name}: {sum(judged)} of {len(judged)} rows met")
    print()
    print(
        "queries: of a first hit / of a cached hit. ×static: the static twin's req/s over the page's, "
        "the page's cost in static files of its size. The client runs on the same machine and takes CPU "
        "from the server; the ratios are noisy on a busy machine."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON (progress stays on stderr)")
    arguments = parser.parse_args()

    scales = env_scales()
    requests = env_positive_int("BENCH_REQUESTS", 120)
    options = {
        "requests": requests,
        "concurrency": env_positive_int("BENCH_CONCURRENCY", 8),
        "workers": env_positive_int("BENCH_WORKERS", 2),
        "rounds": min(env_positive_int("BENCH_ROUNDS", 4), requests),
    }

    tmp = Path(tempfile.mkdtemp(prefix="os2org-bench-"))
    static_root = tmp / "static"
    env = {
        **os.environ,
        # The code beside this file, whichever checkout the venv's editable install points at.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "os2org.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": HOST,
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("CSRF_TRUSTED_ORIGINS", None)
    load_before = load_average()
    started = time.monotonic()
    measured, previous = [], None
    try:
        progress(f"working in {tmp}; sizes {', '.join(f'{scale}×' for scale in scales)}")
        progress("collectstatic")
        run([BIN / "os2org", "collectstatic", "--noinput"], {**env, "DATABASE_URL": f"sqlite:///{tmp / 'none.sqlite3'}"})
        for scale in scales:
            build_started = time.monotonic()
            previous, scale_env = build(scale, previous, tmp, env)
            build_seconds = time.monotonic() - build_started
            measured.append({**measure(scale, scale_env, tmp, static_root, options), "build_seconds": build_seconds})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    settings = {
        **options,
        "scales": scales,
        "threads": 1,
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": load_average(),
        **versions(),
    }
    results = {"settings": settings, "scales": measured, "seconds": time.monotonic() - started}
    if arguments.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)
    progress(f"done in {results['seconds']:.0f} s")
    failed = any(
        row[side]["errors"] for size in measured for row in size["rows"] for side in ("served", "static") if side in row
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
