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

from os2org.common.colours import WHITE, mix, strong, text_on
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


# just-the-docs' palette (its _sass/support/_variables.scss): a colour
# scheme of a handbook names its colours by these, or writes them out.
PALETTE = {
    "white": "#ffffff",
    "grey-dk-000": "#959396", "grey-dk-100": "#5c5962", "grey-dk-200": "#44434d", "grey-dk-250": "#302d36",
    "grey-dk-300": "#27262b", "grey-lt-000": "#f5f6fa", "grey-lt-100": "#eeebee", "grey-lt-200": "#ecebed",
    "grey-lt-300": "#e6e1e8",
    "purple-000": "#7253ed", "purple-100": "#5e41d0", "purple-200": "#4e26af", "purple-300": "#381885",
    "blue-000": "#2c84fa", "blue-100": "#2869e6", "blue-200": "#264caf", "blue-300": "#183385",
    "green-000": "#41d693", "green-100": "#11b584", "green-200": "#009c7b", "green-300": "#026e57",
    "yellow-000": "#ffeb82", "yellow-100": "#fadf50", "yellow-200": "#f7d12e", "yellow-300": "#e7af06",
    "red-000": "#f77e7e", "red-100": "#f96e65", "red-200": "#e94c4c", "red-300": "#dd2e2e",
}  # fmt: skip
# The colour a reader meets on every page of a just-the-docs site, its links', in each built-in scheme.
SCHEME_LINKS = {"light": PALETTE["purple-000"], "dark": PALETTE["blue-000"]}
SCHEME_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
# `$name: value;` on a line of its own. No two parts of the pattern can take
# the same characters, so a long line without its semicolon costs one pass.
SCSS_VARIABLE = re.compile(r"^[ \t]*\$([\w-]+)[ \t]*:([^;\n]*);", re.MULTILINE)
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def scheme_file(config):
    """The path of a handbook's own colour scheme, which `color_scheme: name` in `_config.yml` names; None for a built-in."""
    name = config.color_scheme
    if name in SCHEME_LINKS or not SCHEME_NAME.match(name):
        return None
    return f"_sass/color_schemes/{name}.scss"


def brand_colour(config, scheme=None):
    """The handbook's own colour as "#rrggbb": its links' colour (`$link-color`), as its published site shows them.

    `scheme` is the text of its own colour scheme (scheme_file), if it has
    one; a value it cannot tell (a Sass function, say) leaves just-the-docs'
    own colour.
    """
    if scheme:
        variables = {name: value.replace("!default", "").strip() for name, value in SCSS_VARIABLE.findall(scheme)}
        for name in ("link-color", "btn-primary-color"):
            found = _colour(variables.get(name), variables)
            if found:
                return found
    return SCHEME_LINKS.get(config.color_scheme, SCHEME_LINKS["light"])


def chart_theme(colour):
    """Mermaid's theme variables that draw the org charts in `colour` with readable text.

    A box is a pale tint of the colour with its border and the lines in it
    (darkened if it is too pale to stand out from the page); the mind map's
    branches are the colour and ever paler tints. Each text colour is the
    one that reads best on its fill.
    """
    line = strong(colour)
    tint = mix(colour, WHITE, 0.85)
    theme = {"primaryColor": tint, "primaryBorderColor": line, "primaryTextColor": text_on(tint), "lineColor": line}
    for section in range(12):
        fill = colour if section == 0 else mix(colour, WHITE, 0.25 + 0.05 * section)
        theme[f"cScale{section}"] = fill
        theme[f"cScaleLabel{section}"] = text_on(fill)
    return theme


def _colour(value, variables):
    """A Sass value as "#rrggbb", following variables (a few steps at most); None if it is no plain colour."""
    for _step in range(10):
        if value is None:
            return None
        value = value.strip()
        if HEX_COLOUR.match(value):
            digits = value[1:].lower()
            return "#" + (digits if len(digits) == 6 else "".join(digit * 2 for digit in digits))
        if not value.startswith("$"):
            return None
        value = variables.get(value[1:], PALETTE.get(value[1:]))
    return None


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
