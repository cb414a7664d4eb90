"""The project's one Markdown parser and one Markdown renderer.

Everything a person can type — handbook pages, role texts, later meeting
minutes — is turned into HTML here and nowhere else, so there is exactly
one place that decides what HTML may reach a browser.

The dialect is what a Jekyll "just-the-docs" handbook uses: CommonMark,
GitHub tables and strikethrough, fenced ```mermaid diagrams, and kramdown
attribute lines (`{: .warning }`) that put a class on the block they stand
directly under or above.
"""

import html
import re

import nh3
from django.utils.safestring import mark_safe
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


def attribute_line(state, start_line, end_line, silent):
    """Block rule: a kramdown attribute line becomes a token of its own.

    As a block rule it also ends the paragraph, list, table or quote above
    it, as kramdown does, so `{: .warning }` right under a quote styles the
    quote rather than joining the quote's last paragraph as a lazy line.
    """
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    match = IAL_LINE.match(state.src[begin : state.eMarks[start_line]].rstrip())
    if not match:
        return False
    if not silent:
        token = state.push("kramdown_attributes", "", 0)
        token.content = match.group(1)
        token.map = [start_line, start_line + 1]
        token.meta = {
            "after_blank": start_line == 0 or state.isEmpty(start_line - 1),
            "before_blank": start_line + 1 >= end_line or state.isEmpty(start_line + 1),
        }
        state.line = start_line + 1
    return True


def kramdown_attributes(state):
    """Core rule: give each attribute line's classes and id to its block.

    As in kramdown, a line directly under a block styles that block; one
    directly above a block (after a blank line, or first) styles the block
    below; one between blank lines styles nothing. Either way the `{: … }`
    never appears as text.
    """
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "kramdown_attributes":
            index += 1
            continue
        del tokens[index]
        previous = tokens[index - 1] if index else None
        following = tokens[index] if index < len(tokens) else None
        below_block = previous is not None and previous.level == token.level and previous.nesting <= 0
        above_block = following is not None and following.level == token.level
        if below_block and not token.meta["after_blank"]:
            _apply_ial(_opening_of(tokens, index - 1), token.content)
        elif above_block and not token.meta["before_blank"]:
            if following.type == "kramdown_attributes":
                # Stacked lines above a block: all of them style that block.
                following.content = f"{token.content} {following.content}"
                following.meta["after_blank"] = True
            elif following.nesting >= 0:
                _apply_ial(following, token.content)


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
    md.block.ruler.before(
        "paragraph", "kramdown_attributes", attribute_line, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
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


def close_heading_gaps(tokens):
    """Shown levels never skip: `##` then `#####` is shown as h2 then h3.

    Handbooks pick heading sizes by looks; a screen reader navigates by
    level, and a gap reads as a missing section. Only the HTML changes —
    the page's source, and what the parsers see, stay as written.
    """
    stack = []
    for token in tokens:
        if token.type == "heading_open":
            level = int(token.tag[1])
            while stack and stack[-1][0] >= level:
                stack.pop()
            out = min(level, stack[-1][1] + 1) if stack else level
            stack.append((level, out))
            token.tag = f"h{out}"
        elif token.type == "heading_close":
            token.tag = f"h{stack[-1][1]}" if stack else token.tag
    return tokens


def render(text):
    """Render Markdown to sanitised HTML, marked safe to put into any page as it is."""
    env = {}
    tokens = close_heading_gaps(_MD.parse(text, env))
    return mark_safe(sanitise(_MD.renderer.render(tokens, _MD.options, env)))


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
