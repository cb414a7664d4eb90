"""The part of Jekyll's Liquid that handbooks use, applied to a page before Markdown, as Jekyll does.

Understood: `{% link path %}`, `{{ site.x }}` and `{{ page.x }}` (with the
`relative_url` and `absolute_url` filters, also on a quoted address),
`{% raw %}` and `{% comment %}`. Any other tag is left as it is written
and reported, so that lint can name it (`liquid-unknown`).

Replacements never add or remove a line break outside `{% comment %}`,
so a line in the result is the same line in the page.
"""

import re
from dataclasses import dataclass

TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)


@dataclass(frozen=True)
class Unknown:
    line: int  # 1-based, within the text given
    tag: str
    argument: str = ""


def _value(expression, site, page):
    """The value of `site.x`, `page.x` or a quoted string; None for anything else."""
    expression = expression.strip()
    if len(expression) >= 2 and expression[0] == expression[-1] and expression[0] in "'\"":
        return expression[1:-1]
    scope, _dot, key = expression.partition(".")
    source = {"site": site, "page": page}.get(scope)
    if source is None or not key:
        return None
    value = source
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _output(expression, site, page):
    head, *filters = expression.split("|")
    value = _value(head, site, page)
    if value is None:
        value = ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        value = "" if value in (None, False) else str(value)
    value = str(value)
    for name in (f.strip() for f in filters):
        if name in ("relative_url", "absolute_url"):
            if not re.match(r"^[a-z][a-z0-9+.-]*:", value):
                prefix = (site.get("url") or "") if name == "absolute_url" else ""
                baseurl = (site.get("baseurl") or "").rstrip("/")
                value = f"{prefix}{baseurl}/{value.lstrip('/')}"
    return value


def render(text, *, site, page, url_of):
    """(text with the understood Liquid applied, [Unknown…]).

    `site` is the site's configuration, `page` the page's front matter,
    `url_of(path)` the published address of a page for `{% link %}` (None
    if there is no such page: the tag is then left as it is, and reported
    as an Unknown with tag "link").
    """
    unknown = []
    raws = []

    def keep_raw(match):
        raws.append(match.group(1))
        # The same line breaks, so later line numbers stay right.
        return f"\x00raw{len(raws) - 1}{chr(10) * match.group(0).count(chr(10))}\x00"

    def blank_comment(match):
        return "\n" * match.group(0).count("\n")

    text = RAW.sub(keep_raw, text)
    text = COMMENT.sub(blank_comment, text)

    def tag(match):
        name, argument = match.group(1), match.group(2).strip()
        if name == "link":
            url = url_of(argument.strip("'\""))
            if url is not None:
                return f"{(site.get('baseurl') or '').rstrip('/')}{url}"
        # An end tag is reported with its opening tag, not again.
        if name == "link" or not name.startswith("end"):
            unknown.append(Unknown(text.count("\n", 0, match.start()) + 1, name, argument))
        return match.group(0)

    text = TAG.sub(tag, text)
    text = OUTPUT.sub(lambda match: _output(match.group(1), site, page), text)
    return re.sub(r"\x00raw(\d+)\n*\x00", lambda match: raws[int(match.group(1))], text), unknown
