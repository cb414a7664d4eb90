"""Reads of the handbook that need care."""

import json

from django.conf import settings
from django.core.cache import cache

from os2org.handbook.models import Page, Site
from os2org.handbook.site import brand_colour, callout_css, chart_theme, read_config


def menu_entries(version, levels):
    """The rows the menu and the breadcrumbs are built from, cached per data
    version and per what the reader may see (`Viewer.levels`)."""
    return cache.get_or_set(
        f"handbook:menu-entries:{version}:{'-'.join(levels)}",
        lambda: list(Page.objects.for_menu().filter(visibility__in=levels)),
        None,
    )


# The Mermaid builds the Makefile vendors, by major version; the newest is the default.
MERMAID_SCRIPTS = {"10": "vendor/mermaid-10.min.js", "11": "vendor/mermaid.min.js"}


def mermaid_script(version):
    """The vendored Mermaid for the version a handbook's _config.yml names (`mermaid: version:`)."""
    return MERMAID_SCRIPTS.get(str(version).split(".")[0], MERMAID_SCRIPTS["11"])


def site_settings(version):
    """What every page shows of the handbook's `_config.yml`, cached per data version.

    The logo is given only if it is a file of the handbook (which the
    import makes public); an address elsewhere would be refused by the
    site's security policy anyway.
    """

    def build():
        site = Site.objects.filter(pk=1).only("source", "logo", "colour").first()
        source = site.source if site else ""
        config = read_config(source, settings.HANDBOOK_LANGUAGE)
        return {
            "title": config.title,
            "description": config.description,
            "logo": site.logo if site else "",
            "aux_links": [(text, url) for text, url in config.aux_links if url.startswith(("https://", "http://", "/"))],
            "callout_css": callout_css(config.callouts),
            "back_to_top": config.back_to_top,
            "back_to_top_text": config.back_to_top_text,
            "color_scheme": config.color_scheme if config.color_scheme in ("light", "dark") else "light",
            "mermaid_script": mermaid_script(config.mermaid_version),
            # The org charts in the handbook's own colour (a site stored before colours were read has none yet).
            "chart_theme": json.dumps(chart_theme(site.colour or brand_colour(config))) if site else "",
        }

    return cache.get_or_set(f"handbook:site:{version}", build, None)


def searchable(*, viewer):
    """What search looks among in the handbook: the pages `viewer` may read."""
    return {"pages": Page.objects.readable_by(viewer)}
