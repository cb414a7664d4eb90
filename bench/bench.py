"""How fast gunicorn serves the role pages compared with a static file.

`make bench` runs this. Everything happens in a throw-away directory: a
SQLite database with the demo handbook, collected static files, and gunicorn
under production settings (DEBUG=0, whitenoise). For the role catalogue and
one role page it measures requests/s and p50/p95 latency, and the same for a
static file of exactly the same bytes served by the same server in the same
run, then prints the ratios (page vs. static). It is a report: nothing here
passes or fails on timing.

    python bench/bench.py [--json]

BENCH_REQUESTS (default 2000) requests per URL, BENCH_CONCURRENCY (default 8)
client threads, BENCH_WORKERS (default 2) gunicorn sync workers, BENCH_ROUNDS
(default 4): the URLs take turns in that many rounds so that other work on the
machine hits a page and its static twin alike. The client only ever talks to
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # run with .venv/bin/python, as the Makefile does
HANDBOOK = REPO / "src" / "os2org" / "demo" / "handbook"
HOST = "127.0.0.1"

# (label, page URL, name of its static twin in STATIC_ROOT)
PAGES = [
    ("catalogue", "/roller/", "bench-catalogue.html"),
    ("role", "/roller/produktkoordinator/", "bench-role.html"),
    ("wheel", "/aarshjul/", "bench-wheel.html"),
    ("decisions", "/beslutninger/", "bench-decisions.html"),
    ("meetings", "/moeder/", "bench-meetings.html"),
]


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


def progress(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run(args, env):
    """Run one os2org command; show its output only when it fails."""
    result = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"{' '.join(map(str, args))} exited with {result.returncode}")


def fetch(port, path, timeout=10):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
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
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()}")
            try:
                fetch(self.port, "/roller/", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within 30 s:\n{self.log_text()}")

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


def load(port, path, requests, concurrency, expected_size=None):
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
                    conn.request("GET", path)
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
    """One row from the rounds of one URL: throughput over the summed time."""
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
        "sizes": sorted({size for chunk in chunks for size in chunk["sizes"]}),
    }


def versions():
    import django

    return {"python": platform.python_version(), "django": django.get_version()}


def load_average():
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def print_report(results, settings):
    header = (
        f"{'url':<36} {'bytes':>7} {'req/s':>8} {'rounds req/s':>15} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'errors':>6} {'client cpu':>10}"
    )
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
    print(header)
    print("-" * len(header))
    for row in results["urls"]:
        spread = row["rps_per_round"]
        spread = f"{min(spread):.0f}-{max(spread):.0f}" if spread else "-"
        print(
            f"{row['url']:<36} {row['bytes']:>7} {row['rps']:>8.1f} {spread:>15} {row['p50_ms']:>8.2f} "
            f"{row['p95_ms']:>8.2f} {row['errors']:>6} {row['client_cpu']:>9.0%}"
        )
    print()
    print(f"{'page vs. its static twin':<36} {'static/page req/s':>18} {'p50 page/static':>16} {'p95 page/static':>16}")
    for ratio in results["ratios"]:
        print(
            f"{ratio['page']:<36} {ratio['throughput']:>17.1f}x {ratio['p50']:>15.1f}x {ratio['p95']:>15.1f}x"
        )
    print()
    print(
        "The client runs on the same machine; a 'client cpu' near 100% means the Python client, "
        "not the server, limits the static numbers (the ratios are then understated)."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON (progress stays on stderr)")
    options = parser.parse_args()

    requests = env_positive_int("BENCH_REQUESTS", 2000)
    concurrency = env_positive_int("BENCH_CONCURRENCY", 8)
    workers = env_positive_int("BENCH_WORKERS", 2)
    rounds = min(env_positive_int("BENCH_ROUNDS", 4), requests)
    warmup = min(50, requests)

    tmp = Path(tempfile.mkdtemp(prefix="os2org-bench-"))
    static_root = tmp / "static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "os2org.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": HOST,
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("CSRF_TRUSTED_ORIGINS", None)
    server = Server(env, workers, tmp)
    load_before = load_average()
    started = time.monotonic()
    try:
        progress(f"working in {tmp}")
        progress("migrate")
        run([BIN / "os2org", "migrate", "--noinput"], env)
        progress(f"import the demo handbook from {HANDBOOK.relative_to(REPO)}")
        run([BIN / "os2org", "handbook", "import", HANDBOOK], env)
        progress("load the demo organisation and its governance")
        run([BIN / "os2org", "org", "load", HANDBOOK.parent / "organisation.yaml"], env)
        run([BIN / "os2org", "governance", "demo"], env)
        progress("collectstatic")
        run([BIN / "os2org", "collectstatic", "--noinput"], env)

        # The static twins carry the pages' own bytes, so the sizes match
        # exactly; whitenoise only sees files present when gunicorn starts.
        progress("start gunicorn to measure the pages")
        server.start()
        bodies = {}
        for label, url, twin in PAGES:
            status, body = fetch(server.port, url)
            if status != 200:
                raise RuntimeError(f"GET {url} answered {status}")
            bodies[label] = body
            (static_root / twin).write_bytes(body)
            progress(f"{url}: {len(body)} bytes -> /static/{twin}")
        server.stop()

        progress(f"start gunicorn with {workers} worker(s)")
        server.start()
        for label, url, twin in PAGES:
            status, body = fetch(server.port, f"/static/{twin}")
            if status != 200 or body != bodies[label]:
                raise RuntimeError(f"/static/{twin} answered {status} with {len(body)} bytes; whitenoise did not pick it up")

        # Static twin and page alternate in rounds, so a burst of other
        # work on the machine hits both sides of a ratio alike.
        targets = []
        for label, url, twin in PAGES:
            targets.append((label, f"/static/{twin}", len(bodies[label])))
            targets.append((label, url, None))
        for label, target, exact in targets:
            progress(f"warm up {target} ({warmup} requests)")
            load(server.port, target, warmup, min(concurrency, warmup), expected_size=exact)
        shares = [requests // rounds + (1 if i < requests % rounds else 0) for i in range(rounds)]
        chunks = {target: [] for _, target, _ in targets}
        for number, share in enumerate(shares, 1):
            for label, target, exact in targets:
                progress(f"round {number}/{rounds}: {target} ({share} requests, {concurrency} clients)")
                chunk = load(server.port, target, share, concurrency, expected_size=exact)
                chunks[target].append(chunk)
                progress(
                    f"  {len(chunk['latencies']) / chunk['seconds']:.1f} req/s, "
                    f"{len(chunk['errors'])} errors"
                )
        rows = []
        for label, target, exact in targets:
            result = summarise(chunks[target], requests)
            size = result["sizes"][-1] if result["sizes"] else len(bodies[label])
            rows.append({"label": label, "url": target, "bytes": size, **result})
            for sample in result["error_samples"]:
                progress(f"  {target} error: {sample}")
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    by_url = {row["url"]: row for row in rows}
    ratios = []
    for label, url, twin in PAGES:
        page, static = by_url[url], by_url[f"/static/{twin}"]
        ratios.append({
            "page": url,
            "static": f"/static/{twin}",
            "throughput": static["rps"] / page["rps"] if page["rps"] else float("nan"),
            "p50": page["p50_ms"] / static["p50_ms"] if static["p50_ms"] else float("nan"),
            "p95": page["p95_ms"] / static["p95_ms"] if static["p95_ms"] else float("nan"),
        })
    settings = {
        "workers": workers,
        "threads": 1,
        "requests": requests,
        "concurrency": concurrency,
        "rounds": rounds,
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": load_average(),
        **versions(),
    }
    results = {"settings": settings, "urls": rows, "ratios": ratios, "seconds": time.monotonic() - started}
    if options.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results, settings)
    progress(f"done in {results['seconds']:.0f} s")
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
