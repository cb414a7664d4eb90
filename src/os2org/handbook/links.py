"""Where a handbook's links lead: resolved as the published site resolves them.

Jekyll publishes `dir/page.md` at `/dir/page.html` (`dir/index.md` at
`/dir/`), or at the page's `permalink:`. The host serves `/dir/page.html`
for `/dir/page` too, so an address without an extension works. A link
is resolved against the address of the page it stands on, as a browser
does, and then looked up among the addresses the site publishes.

Jekyll leaves a link to `page.md` as it is, and the published site has
no such file. os2org repairs that style (it leads to the page) but lint
still reports it, since the published site is broken there.
"""

import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from os2org.handbook.pages import PAGE_SUFFIXES

INDEX_NAMES = ("index.md", "index.markdown", "index.html")
# Suffixes Jekyll converts to HTML; a .txt page is published as it is.
CONVERTED = (".md", ".markdown")


def published_url(path, permalink=None):
    """The address a page at `path` is published at, without the site's baseurl."""
    if isinstance(permalink, str) and permalink.startswith("/") and ":" not in permalink:
        return permalink
    pure = PurePosixPath(path)
    if pure.suffix not in CONVERTED:
        return f"/{path}"
    folder = "" if str(pure.parent) == "." else f"{pure.parent}/"
    if pure.name in INDEX_NAMES:
        return f"/{folder}"
    return f"/{pure.with_suffix('.html')}"


@dataclass(frozen=True)
class Target:
    """Where a link leads: a page (its path) or a file of the handbook, and an anchor.

    `repaired` is set when the published site would not find it (a link
    to the `.md` file) but os2org does.
    """

    kind: str  # "page", "asset", "anchor" (on the same page), "outside", "broken"
    path: str = ""
    fragment: str = ""
    address: str = ""
    repaired: bool = False


class SiteMap:
    """The addresses a handbook publishes, and the page or file behind each.

    `pages` are (path, published address) pairs, `assets` the paths of the
    other files that are published as they are.
    """

    def __init__(self, pages, assets=(), baseurl=""):
        self.baseurl = (baseurl or "").rstrip("/")
        self.addresses = {}
        self.sources = {}
        self.urls = {}
        for path, url in pages:
            self.urls[path] = url
            self.sources[f"/{path}"] = path
            for address in self._variants(url):
                self.addresses.setdefault(address, path)
        self.assets = {f"/{path}": path for path in assets}

    @staticmethod
    def _variants(url):
        yield url
        if url.endswith(".html"):
            yield url[: -len(".html")]
        elif url.endswith("/"):
            yield f"{url}index.html"
            yield f"{url}index"
            if url != "/":
                yield url.rstrip("/")
        else:
            yield f"{url}.html"

    def url_of(self, path):
        return self.urls.get(path) or published_url(path)

    def resolve(self, href, from_path):
        """Where `href`, written on the page at `from_path`, leads on the published site."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("//"):
            return Target("outside", address=href)
        fragment = unquote(parts.fragment)
        if not parts.path:
            return Target("anchor", path=from_path, fragment=fragment)
        path = unquote(parts.path)
        if path.startswith("/"):
            if self.baseurl and (path == self.baseurl or path.startswith(f"{self.baseurl}/")):
                path = path[len(self.baseurl) :] or "/"
        else:
            base = self.url_of(from_path)
            folder = base if base.endswith("/") else posixpath.dirname(base) + "/"
            path = folder + path
        ends_with_slash = path.endswith("/")
        path = posixpath.normpath(path) + ("/" if ends_with_slash and path != "/" else "")
        path = path.replace("//", "/")
        if path in self.addresses:
            return Target("page", path=self.addresses[path], fragment=fragment, address=path)
        if path in self.assets:
            return Target("asset", path=self.assets[path], fragment=fragment, address=path)
        if path in self.sources and PurePosixPath(path).suffix in PAGE_SUFFIXES:
            return Target("page", path=self.sources[path], fragment=fragment, address=path, repaired=True)
        return Target("broken", fragment=fragment, address=path)
