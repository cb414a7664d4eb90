"""A handbook's `_config.yml`: what the reader needs of it to show the handbook as its owners publish it.

Read with the same limits as front matter. Only the settings below are
used; the file itself is kept as it was read, so an export writes it back
unchanged.
"""

import re
from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import override

from os2org.common.limits import UntrustedText, load_yaml
from os2org.handbook.pages import PageError

CONFIG_NAME = "_config.yml"
# A callout's name becomes a CSS class; anything else is left out.
CLASS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")
# just-the-docs' colour names and the shade its callouts draw them in.
COLOURS = {
    "grey": "#959396",
    "purple": "#7253ed",
    "blue": "#2869e6",
    "green": "#009c7b",
    "yellow": "#ffeb82",
    "red": "#e94c4c",
    "pink": "#f77ef1",
}


def default_callouts(language):
    """The callouts the just-the-docs documentation defines, titled in the handbook's language.

    The theme itself defines none; a handbook that uses `{: .note }`
    without defining it still means a note.
    """
    with override(language):
        return {
            "highlight": {"color": "yellow"},
            "important": {"title": _("Important"), "color": "blue"},
            "new": {"title": _("New"), "color": "green"},
            "note": {"title": _("Note"), "color": "purple"},
            "warning": {"title": _("Warning"), "color": "red"},
        }


def _text(value, default=""):
    if value is None or isinstance(value, (dict, list)):
        return default
    return str(value)


@dataclass
class SiteConfig:
    """The settings of `_config.yml` that the reader uses."""

    title: str = ""
    description: str = ""
    logo: str = ""
    baseurl: str = ""
    url: str = ""
    aux_links: list = field(default_factory=list)  # [(text, address)]
    callouts: dict = field(default_factory=dict)  # {class: {"title": …, "color": …}}
    color_scheme: str = "light"
    back_to_top: bool = False
    back_to_top_text: str = "Back to top"
    mermaid_version: str = ""
    data: dict = field(default_factory=dict)  # the whole file, for Liquid's site.x

    @classmethod
    def from_data(cls, data, language="da"):
        data = data if isinstance(data, dict) else {}
        aux = data.get("aux_links") if isinstance(data.get("aux_links"), dict) else {}
        aux_links = []
        for text, addresses in aux.items():
            address = addresses[0] if isinstance(addresses, list) and addresses else addresses
            if isinstance(address, str) and address:
                aux_links.append((str(text), address))
        callouts = {}
        given = data.get("callouts") if isinstance(data.get("callouts"), dict) else None
        for name, settings in (given if given is not None else default_callouts(language)).items():
            if CLASS_NAME.match(str(name)):
                settings = settings if isinstance(settings, dict) else {}
                callouts[str(name)] = {"title": _text(settings.get("title")), "color": _text(settings.get("color"))}
        mermaid = data.get("mermaid") if isinstance(data.get("mermaid"), dict) else {}
        return cls(
            title=_text(data.get("title")),
            description=_text(data.get("description")),
            logo=_text(data.get("logo")),
            baseurl=_text(data.get("baseurl")).rstrip("/"),
            url=_text(data.get("url")).rstrip("/"),
            aux_links=aux_links,
            callouts=callouts,
            color_scheme=_text(data.get("color_scheme"), "light") or "light",
            back_to_top=data.get("back_to_top") is True,
            back_to_top_text=_text(data.get("back_to_top_text"), "Back to top") or "Back to top",
            mermaid_version=_text(mermaid.get("version")),
            data=data,
        )


def read_config(text, language="da"):
    """A SiteConfig from the text of `_config.yml`; PageError `_config.yml:line: …` if it cannot be read."""
    try:
        data = load_yaml(text) if text.strip() else {}
    except UntrustedText as error:
        raise PageError(CONFIG_NAME, error.line, error.message) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise PageError(CONFIG_NAME, mark.line + 1 if mark else 1, f"is not valid YAML: {problem}") from None
    if data is not None and not isinstance(data, dict):
        raise PageError(CONFIG_NAME, 1, "must be key: value lines")
    return SiteConfig.from_data(data or {}, language)


def _css_string(text):
    """`text` as a CSS string: every character but letters, digits and spaces escaped (no way out of it)."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text) + '"'


def callout_css(callouts):
    """The style of each callout, as just-the-docs draws it: a coloured bar and its title above the text."""
    rules = []
    for name, settings in callouts.items():
        colour = COLOURS.get(settings.get("color"), COLOURS["grey"])
        selector = f".handbook-page p.{name}, .handbook-page blockquote.{name}"
        rules.append(f"{selector} {{ border-left: 4px solid {colour}; background: {colour}1a; padding: .5rem 1rem; }}")
        if settings.get("title"):
            before = f".handbook-page p.{name}::before, .handbook-page blockquote.{name}::before"
            look = (
                "display: block; font-weight: 700; text-transform: uppercase; font-size: .75em; letter-spacing: .05em"
            )
            rules.append(f"{before} {{ content: {_css_string(settings['title'])}; {look}; }}")
        title = f".handbook-page p.{name}-title, .handbook-page blockquote.{name}-title > p:first-child"
        rules.append(f"{title} {{ font-weight: bold; text-transform: uppercase; color: #44434d; }}")
        rules.append(f".handbook-page blockquote.{name}-title {{ border-left: 4px solid {colour}; }}")
    return "\n".join(rules)
