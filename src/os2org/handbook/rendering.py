"""A handbook page as its published site shows it, with links that lead within os2org.

A page is read (handbook.pages), its Liquid applied with the site's
configuration, parsed once, and rendered from that parse; each link is
resolved as the published site resolves it (handbook.links) and shown as
os2org's address for that page, anchor or file.
"""

import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings

from os2org import markup
from os2org.handbook.links import SiteMap, published_url
from os2org.handbook.models import Asset, Page, Site
from os2org.handbook.pages import page_slug, read_site_files
from os2org.handbook.site import SiteConfig, read_config

# Where the reader shows pages and files (handbook/urls.py uses the same).
PAGES = "side"
FILES = "filer"


def page_address(slug):
    return f"/{PAGES}/{slug}/"


def stored_config():
    """The stored `_config.yml` as a SiteConfig (an empty one when there is none)."""
    return read_config(Site.objects.filter(pk=1).values_list("source", flat=True).first() or "", settings.HANDBOOK_LANGUAGE)


@dataclass
class Rendering:
    """What rendering the pages of one handbook needs: its configuration and its addresses."""

    config: SiteConfig
    sitemap: SiteMap
    # {asset path: set of page paths that show or link to it}, filled while rendering.
    asset_users: dict = field(default_factory=dict)

    @classmethod
    def of(cls, config, pages, assets):
        """pages: (path, published address) pairs; assets: paths."""
        return cls(config, SiteMap(pages, assets, baseurl=config.baseurl))

    @classmethod
    def from_store(cls, config=None, *, pages=(), assets=(), leaving=(), leaving_assets=()):
        """The stored handbook's, with `pages` (handbook.pages.Page) and `assets` (paths) added or replacing.

        `leaving` and `leaving_assets` are paths about to be removed.
        """
        config = config or stored_config()
        new = {page.path: page for page in pages}
        gone = {*leaving, *new}
        stored = Page.objects.exclude(path__in=gone).values_list("path", "url")
        pairs = [(path, url or published_url(path)) for path, url in stored]
        pairs += [(page.path, published_url(page.path, page.permalink)) for page in pages]
        files = set(Asset.objects.exclude(path__in=leaving_assets).values_list("path", flat=True)) | set(assets)
        return cls.of(config, pairs, files)

    @classmethod
    def of_files(cls, pages, paths, *, stored=True):
        """The handbook read from files (pages read from `paths`), its configuration and files with it;
        every page is prepared. For lint and parse, which store nothing.

        Without the root's `_config.yml` among `paths`, the stored one is
        used, if `stored` (a database that holds a handbook), else none.
        """
        config_source, files = read_site_files(paths)
        if config_source is not None:
            config = read_config(config_source, settings.HANDBOOK_LANGUAGE)
        else:
            config = stored_config() if stored else SiteConfig.from_data({}, settings.HANDBOOK_LANGUAGE)
        pairs = [(page.path, published_url(page.path, page.permalink)) for page in pages]
        rendering = cls.of(config, pairs, [name for name, _data in files])
        for page in pages:
            rendering.prepare(page)
        return rendering

    def url_of(self, path):
        """A page's or file's published address, for `{% link %}`; None if the site has neither."""
        path = path.strip().lstrip("/")
        if path in self.sitemap.urls:
            return self.sitemap.urls[path]
        if f"/{path}" in self.sitemap.assets:
            return f"/{path}"
        return None

    def prepare(self, page):
        """Apply the site's Liquid to a page read from a file, before anything parses it."""
        page.use_liquid(self.config.data, self.url_of)

    def render(self, page):
        """The page's sanitised HTML, its links shown as os2org's addresses.

        Every address is relative to the page's own, so a page under /en/
        links to English pages, and rendering needs no URL configuration.
        """
        here = page_address(page_slug(page.path))

        def shown(href):
            target = self.sitemap.resolve(href, page.path)
            if target.kind == "anchor":
                return f"#{target.fragment}" if target.fragment else href
            anchor = f"#{target.fragment}" if target.fragment else ""
            if target.kind == "page":
                address = page_address(page_slug(target.path))
                if address == here:
                    return anchor or "./"
                return quote(posixpath.relpath(address, here), safe="/%") + "/" + anchor
            if target.kind == "asset":
                self.asset_users.setdefault(target.path, set()).add(page.path)
                return quote(posixpath.relpath(f"/{FILES}/{target.path}", here), safe="/%") + anchor
            return href

        return markup.render_tokens(page.tokens, links=shown)


# A tag of HTML that the sanitiser wrote: no comments, scripts or stray "<" are left in it.
TAG = re.compile(r"<[^>]*>")


def text_of(rendered):
    """The visible text of rendered, sanitised HTML, for search and summaries."""
    return re.sub(r"\s+", " ", html.unescape(TAG.sub("", str(rendered)))).strip()
