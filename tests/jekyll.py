"""Jekyll as the oracle: build pages as GitHub Pages does (kramdown, GFM input), and read back what a reader gets.

The build is plain: no theme, no plugins, no network. A page's layout that
does not exist leaves its content as it is, which is what we compare.
"""

import os
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from os2org.handbook.links import published_url
from tests.conftest import require

JEKYLL = shutil.which("jekyll")
# What GitHub Pages sets that a plain Jekyll does not.
PAGES_CONFIG = {"markdown": "kramdown", "kramdown": {"input": "GFM"}}
# Settings that would make Jekyll fetch something or need a gem we do not have.
LEFT_OUT = ("theme", "remote_theme", "plugins", "gems", "exclude", "include")


def needs_jekyll():
    require(JEKYLL is not None, "Debian's jekyll and ruby-kramdown-parser-gfm (apt-get install jekyll)")


def build(pages, folder, config=None):
    """Build `pages` ({path: source}) with Jekyll in `folder`; return {path: published HTML} of those it renders.

    A `.txt` page is built as `.md`, as os2org reads it. Pages without
    front matter are not rendered by Jekyll and are left out.
    """
    source = folder / "site"
    source.mkdir(parents=True)
    settings = {key: value for key, value in (config or {}).items() if key not in LEFT_OUT}
    (source / "_config.yml").write_text(yaml.safe_dump({**settings, **PAGES_CONFIG}), encoding="utf-8")
    names = {}
    for path, text in pages.items():
        name = str(PurePosixPath(path).with_suffix(".md")) if path.endswith(".txt") else path
        names[path] = name
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "JEKYLL_ENV": "production", "LANG": "C.UTF-8"}
    subprocess.run(
        [JEKYLL, "build", "--quiet", "--safe", "--source", str(source), "--destination", str(folder / "_site")],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    built = {}
    for path, name in names.items():
        if not pages[path].startswith("---"):
            continue
        url = published_url(name)
        output = folder / "_site" / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))
        built[path] = output.read_text(encoding="utf-8")
    return built


class _Reader(HTMLParser):
    """Heading ids, link addresses and visible text of an HTML fragment."""

    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HEADINGS and attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag in {"p", "li", "br", "div", "td", "th", "pre", "blockquote"} | self.HEADINGS:
            self.text.append(" ")

    def handle_endtag(self, tag):
        self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


def read(fragment):
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    text = re.sub(r"\s+", " ", "".join(reader.text)).strip()
    return reader.ids, reader.links, text


def published_target(href, path, urls, baseurl=""):
    """Where a link on the published page at `path` leads: (page path or None, anchor) or ("outside", href).

    `urls` maps each published address (and its forms without .html and
    with index.html) to its page path, as the host serves them.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return ("outside", href)
    if not parts.path:
        return (path, unquote(parts.fragment))
    address = unquote(urlsplit(urljoin("http://site" + baseurl + urls["@" + path], href)).path)
    if baseurl and address.startswith(baseurl + "/"):
        address = address[len(baseurl) :]
    return (urls.get(address), unquote(parts.fragment))


def published_addresses(paths):
    urls = {}
    for path in paths:
        name = str(PurePosixPath(path).with_suffix(".md")) if path.endswith(".txt") else path
        url = published_url(name)
        urls["@" + path] = url
        for form in (url, url.removesuffix(".html"), url + "index.html" if url.endswith("/") else url):
            urls[form] = path
    return urls


def os2org_target(href, path, slugs):
    """Where a link in os2org's rendering of the page at `path` leads, as (page path or None, anchor)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return ("outside", href)
    if not parts.path:
        return (path, unquote(parts.fragment))
    by_slug = {slug: page for page, slug in slugs.items()}
    address = posixpath.normpath(urljoin(f"/side/{slugs[path]}/", unquote(parts.path)))
    return (by_slug.get(address.removeprefix("/side/").strip("/")), unquote(parts.fragment))


__all__ = ["build", "needs_jekyll", "os2org_target", "published_addresses", "published_target", "read"]
