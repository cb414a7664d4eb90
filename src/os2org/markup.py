"""The project's one Markdown parser and one Markdown renderer.

Everything a person can type — handbook pages, role texts, later meeting
minutes — is turned into HTML here and nowhere else, so there is exactly
one place that decides what HTML may reach a browser.

The dialect is what a Jekyll "just-the-docs" handbook uses: CommonMark,
GitHub tables and strikethrough, fenced ```mermaid diagrams, and kramdown
attribute lines (`{: .warning }`) that put a class on the block before them.
"""

import html
import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

# A whole line such as `{: .warning }` or `{:.label .label-green #intro}`.
IAL_LINE = re.compile(r"^\{:\s*([^{}]*?)\s*\}$")

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"pre", "code", "table", "thead", "tbody", "tr", "th", "td", "hr"}
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def parse_ial(text):
    """Return (classes, id) of a kramdown attribute list's inside."""
    classes, ident = [], None
    for part in text.split():
        if part.startswith("."):
            classes.append(part[1:])
        elif part.startswith("#"):
            ident = part[1:]
    return classes, ident


def _apply_ial(token, text):
    classes, ident = parse_ial(text)
    for name in classes:
        token.attrJoin("class", name)
    if ident:
        token.attrSet("id", ident)


def _opening_of(tokens, close_index):
    """Find the opening token of the block that ends at tokens[close_index]."""
    closing = tokens[close_index]
    if closing.nesting == 0:
        return closing
    depth = 0
    for index in range(close_index, -1, -1):
        depth += tokens[index].nesting
        if depth == 0:
            return tokens[index]
    return None


def kramdown_attributes(state):
    """Core rule: apply kramdown attribute lines and drop them from the text.

    An attribute line on its own paragraph styles the block before it; one
    on the last line of a paragraph styles that paragraph (kramdown's two
    forms). Either way the `{: … }` never appears as text.
    """
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            lines = token.content.split("\n")
            match = IAL_LINE.match(lines[-1].strip())
            if match and len(lines) == 1 and index >= 2:
                target = _opening_of(tokens, index - 2)
                if target is not None and tokens[index - 1].level == target.level:
                    _apply_ial(target, match.group(1))
                    del tokens[index - 1 : index + 2]
                    index -= 1
                    continue
            elif match and len(lines) > 1:
                token.content = "\n".join(lines[:-1])
                _apply_ial(tokens[index - 1], match.group(1))
        index += 1


def _render_fence(self, tokens, idx, options, env):
    token = tokens[idx]
    if token.info.strip().split(" ")[0] == "mermaid":
        # Mermaid reads the text content of the element, so the diagram's
        # source is escaped like any other text and drawn in the browser.
        return f'<pre class="mermaid">{html.escape(token.content)}</pre>\n'
    return self.fence(tokens, idx, options, env)


def _build():
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.core.ruler.after("block", "kramdown_attributes", kramdown_attributes)
    md.use(anchors_plugin, min_level=1, max_level=6)
    md.add_render_rule("fence", _render_fence)
    return md


_MD = _build()


def parse(text):
    """Parse Markdown into markdown-it block tokens (with source line maps)."""
    return _MD.parse(text)


def sanitise(raw_html):
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
    )


def render(text):
    """Render Markdown to sanitised HTML, safe to put into any page."""
    return sanitise(_MD.render(text))


def inline_text(token):
    """The plain text of an inline token: what a reader sees, without marks."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def plain_text(text):
    """All visible text of a Markdown document, for search and summaries."""
    stripped = nh3.clean(render(text), tags=set())
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()


__all__ = ["Token", "inline_text", "parse", "plain_text", "render", "sanitise"]
