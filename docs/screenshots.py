"""Screenshots of os2org's main pages, at desk (1280 px) and phone (390 px) width, for the README.

`make screenshots` runs this. In a throw-away directory it builds the demo
(`os2org demo`, with its log-ins), serves it with Django's development
server, and opens each page in Debian's Chromium through Playwright, signed
in as the group that does that work; each page is saved as
docs/screenshots/<name>-<width>.png (the first screen of it, not the whole
length). Nothing here is a test: the pictures show a reader the product
before they install it.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = REPO / "docs" / "screenshots"
PASSWORD = "demo-os2org"
WIDTHS = {"desk": (1280, 860), "phone": (390, 844)}
# (file name, who is signed in (None: the public), address, what the README says of it)
PAGES = [
    ("handbook", None, "/", "The handbook, as the public reads it"),
    ("overview", "bestyrelse", "/mit-overblik/", "Mit overblik: what waits for a board member"),
    ("meeting", "sekretariat", "/moeder/", "The meetings, as the secretariat plans them"),
    ("wheel", "sekretariat", "/aarshjul/", "The annual wheel"),
    ("organisation", None, "/organisation/", "The organisation chart"),
    ("coverage", "sekretariat", "/organisation/daekning/", "The coverage report: is every MUST task held?"),
    ("decisions", None, "/beslutninger/", "The public decision register"),
    ("search", "koordinator", "/soeg/?q=budget", "Search across everything a coordinator may see"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*args, env):
    subprocess.run([str(BIN / "os2org"), *args], env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def serve(env, port):
    server = subprocess.Popen(
        [str(BIN / "os2org"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("The development server did not start; run `make run` to see why.")


def sign_in(page, base, username):
    page.goto(f"{base}/konto/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as directory:
        env = {
            **os.environ,
            "DEBUG": "1",
            "SECRET_KEY": "screenshots-only",
            "DATABASE_URL": f"sqlite:///{directory}/demo.sqlite3",
        }
        print("Building the demo…", file=sys.stderr)
        run("migrate", "--noinput", env=env)
        run("demo", env=env)
        port = free_port()
        server = serve(env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                for width_name, (width, height) in WIDTHS.items():
                    for name, user, address, _caption in PAGES:
                        context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
                        page = context.new_page()
                        if user:
                            sign_in(page, base, user)
                        page.goto(base + address)
                        page.wait_for_load_state("networkidle")
                        target = OUT / f"{name}-{width_name}.png"
                        page.screenshot(path=str(target))
                        print(f"{target.relative_to(REPO)}", file=sys.stderr)
                        context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
