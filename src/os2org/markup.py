"""The project's one Markdown parser and one Markdown renderer.

Everything a person can type — handbook pages, role texts, meeting
minutes — is turned into HTML here and nowhere else, so there is exactly
one place that decides what HTML may reach a browser.

The dialect is what Jekyll publishes a handbook with: kramdown reading
GitHub-flavoured Markdown (GitHub Pages' setting). Beside CommonMark that
means GitHub tables, strikethrough and task lists; kramdown's typography
(curly quotes, dashes, ellipses, guillemets); heading ids made by the GFM
parser's algorithm, or given as `## Heading {#id}`; attribute lines
(`{: .warning }`, `{: #id }`, `{:toc}`) that style the block they stand
directly under or above; a table of contents in place of a list marked
`{:toc}`; and `markdown="1"` on an HTML block, whose inside is Markdown.
Fenced ```mermaid diagrams are drawn in the browser.
"""

import functools
import html
import re
import unicodedata
from collections import defaultdict

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# A whole line such as `{: .warning }` or `{:.label .label-green #intro}`.
IAL_LINE = re.compile(r"^\{:\s*([^{}]*?)\s*\}$")

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "hr", "section", "input", "label", "nav", "abbr",
    "sup",
}  # fmt: skip
# `id` on every element: deep links and tables of contents point at them;
# `aria-*` and `role` keep an author's accessible markup.
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},
}
# A task list's box, and nothing a form could send: any <input> is a
# disabled checkbox.
FIXED_ATTRIBUTES = {"input": {"type": "checkbox", "disabled": "disabled"}}
URL_SCHEMES = {"http", "https", "mailto"}


IAL_PART = re.compile(r"""([.#]?[\w:-]+)(?:=("[^"]*"|'[^']*'|\S+))?""")
# A heading's own id, kramdown style: `## Heading {#id}`.
HEADER_ID = re.compile(r"[\t ]\{#([A-Za-z][\w:-]*)\}[\t ]*$")


def parse_ial(text):
    """Return (classes, id, refs, attributes) of a kramdown attribute list's inside.

    Refs are bare names such as `toc`; attributes are `key="value"` pairs.
    """
    classes, ident, refs, attributes = [], None, [], {}
    for match in IAL_PART.finditer(text):
        part, value = match.groups()
        if value is not None:
            attributes[part] = value.strip("\"'")
        elif part.startswith("."):
            classes.append(part[1:])
        elif part.startswith("#"):
            ident = part[1:]
        else:
            refs.append(part)
    return classes, ident, refs, attributes


def _apply_ial(token, text):
    classes, ident, refs, attributes = parse_ial(text)
    for name in classes:
        token.attrJoin("class", name)
    if ident:
        token.attrSet("id", ident)
    for name, value in attributes.items():
        token.attrSet(name, value)
    if refs:
        token.meta = {**(token.meta or {}), "refs": [*(token.meta or {}).get("refs", []), *refs]}


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


def header_ids(state):
    """Core rule: `## Heading {#id}` gives the heading that id, and the `{#id}` is not text."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            inline = tokens[index + 1]
            match = HEADER_ID.search(inline.content)
            if match:
                inline.content = inline.content[: match.start()].rstrip()
                token.attrSet("id", match.group(1))


def _word_character(character):
    # Ruby's \p{Word}: letters, marks, decimal digits and connectors.
    category = unicodedata.category(character)
    return category[0] in "LM" or category in ("Nd", "Pc")


@functools.lru_cache(maxsize=4096)
def gfm_header_id(text):
    """A heading's automatic id as kramdown's GFM parser makes it (before numbering repeats).

    Lower case; everything but word characters, hyphens, spaces and tabs
    is dropped; spaces and tabs become hyphens. Unlike markdown-it's
    anchors, leading digits and runs of hyphens stay.
    """
    kept = "".join(c for c in text.lower() if c in "- \t" or _word_character(c))
    return kept.replace(" ", "-").replace("\t", "-")


def _id_text(inline):
    """The text kramdown builds an automatic id from: the heading's text and code, not its marks or tags."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def heading_ids(state):
    """Core rule: every heading without an id gets kramdown's GFM one; a repeat gets -1, -2, …"""
    used = defaultdict(lambda: -1)
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrGet("id") is None:
            base = gfm_header_id(_id_text(tokens[index + 1]))
            used[base] += 1
            token.attrSet("id", f"{base}-{used[base]}" if used[base] else base)


# kramdown's typographic symbols, longest first; `<< ` and ` >>` keep a
# non-breaking space between the guillemet and the word.
TYPOGRAPHIC = re.compile(r"---|--|\.\.\.|<< | >>|<<|>>")
TYPOGRAPHIC_SYMBOLS = {
    "---": "—", "--": "–", "...": "…", "<< ": "«\u00a0", " >>": "\u00a0»", "<<": "«", ">>": "»",
}  # fmt: skip


def typographic_symbols(state):
    """Core rule: dashes, ellipses and guillemets in text, as kramdown writes them (not in code)."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type == "text" and TYPOGRAPHIC.search(child.content):
                child.content = TYPOGRAPHIC.sub(lambda m: TYPOGRAPHIC_SYMBOLS[m.group(0)], child.content)


SPAN_IAL = re.compile(r"^\{:\s*([^{}]*?)\s*\}")
# The inline elements a span attribute list right after them styles.
SPAN_ENDS = {"link_close": "link_open", "strong_close": "strong_open", "em_close": "em_open", "s_close": "s_open"}


def span_attributes(state):
    """Core rule: `[text](url){: .btn }` puts the classes on the link (kramdown's span attribute list)."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children = token.children
        for index in range(1, len(children)):
            child, before = children[index], children[index - 1]
            if child.type != "text" or (before.type not in SPAN_ENDS and before.type not in ("image", "code_inline")):
                continue
            match = SPAN_IAL.match(child.content)
            if not match:
                continue
            child.content = child.content[match.end() :]
            target = _opening_of(children, index - 1)
            if target is not None:
                _apply_ial(target, match.group(1))


TASK = re.compile(r"^\s*\[([ xX])\]\s+")
UNCHECKED_BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
CHECKED_BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />'


def task_lists(state):
    """Core rule: `- [ ]` and `- [x]` items become disabled checkboxes, as the GFM parser makes them."""
    tokens = state.tokens
    lists = []
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open" and index + 2 < len(tokens):
            paragraph, inline = tokens[index + 1], tokens[index + 2]
            if paragraph.type != "paragraph_open" or inline.type != "inline" or not inline.children:
                continue
            first = inline.children[0]
            match = TASK.match(first.content) if first.type == "text" else None
            if not match:
                continue
            first.content = first.content[match.end() :]
            # The box inside a label with the item's text, so that it is named.
            box = Token("html_inline", "", 0)
            box.content = "<label>" + (UNCHECKED_BOX if match.group(1) == " " else CHECKED_BOX)
            closing = Token("html_inline", "", 0)
            closing.content = "</label>"
            inline.children = [box, *inline.children, closing]
            token.attrJoin("class", "task-list-item")
            if "task-list" not in (lists[-1].attrGet("class") or "").split():
                lists[-1].attrJoin("class", "task-list")


TOC_LEVELS = range(1, 7)


def _toc_entry(md, inline, env):
    """A heading's inline content as a TOC entry: its marks, without its links."""
    children = [child for child in inline.children or [] if child.type not in ("link_open", "link_close")]
    return md.renderer.renderInline(children, md.options, env)


def _toc_html(md, list_token, headings):
    """kramdown's table of contents: nested lists of links to the headings, by level."""
    tag = "ol" if list_token.type == "ordered_list_open" else "ul"
    ident = list_token.attrGet("id") or "markdown-toc"
    top, stack = [], []
    for level, heading_id, entry in headings:
        node = (level, heading_id, entry, [])
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][3] if stack else top).append(node)
        stack.append(node)

    def items(nodes):
        return "".join(
            f'<li><a href="#{html.escape(heading_id)}" id="{html.escape(ident)}-{html.escape(heading_id)}">'
            f"{entry}</a>{f'<{tag}>{chr(10)}{items(children)}</{tag}>' if children else ''}</li>\n"
            for _level, heading_id, entry, children in nodes
        )

    classes = list_token.attrGet("class")
    class_attr = f' class="{html.escape(classes)}"' if classes else ""
    return f'<{tag}{class_attr} id="{html.escape(ident)}">\n{items(top)}</{tag}>\n'


def table_of_contents(state):
    """Core rule: a list marked `{:toc}` (kramdown's `- TOC` then `{:toc}`) becomes the table of contents.

    It lists every heading with an id, by level, except those marked
    `.no_toc`.
    """
    tokens = state.tokens
    if not any(
        token.type in ("bullet_list_open", "ordered_list_open") and "toc" in (token.meta or {}).get("refs", ())
        for token in tokens
    ):
        return
    headings = []
    for index, token in enumerate(tokens):
        classes = (token.attrGet("class") or "").split()
        if token.type == "heading_open" and token.attrGet("id") and "no_toc" not in classes:
            level = int(token.tag[1])
            if level in TOC_LEVELS:
                headings.append((level, token.attrGet("id"), _toc_entry(state.md, tokens[index + 1], state.env)))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open") and "toc" in (token.meta or {}).get("refs", []):
            end = index
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
            toc = Token("html_block", "", 0)
            toc.content = _toc_html(state.md, token, headings)
            toc.map = token.map
            tokens[index : end + 1] = [toc]
        index += 1


MARKDOWN_BLOCK = re.compile(r"""^<([A-Za-z][A-Za-z0-9-]*)(\s[^>]*?)?\s+markdown=(["']?)(?:1|block)\3([^>]*)>\s*$""")


def markdown_in_html(state, start_line, end_line, silent):
    """Block rule: `<div markdown="1">` … `</div>`, each tag on its own line, holds Markdown (kramdown)."""
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    match = MARKDOWN_BLOCK.match(state.src[begin : state.eMarks[start_line]])
    if not match:
        return False
    name = match.group(1).lower()
    opening, closing = re.compile(rf"<{name}[\s>]", re.IGNORECASE), re.compile(rf"</{name}\s*>", re.IGNORECASE)
    depth, close_line = 1, None
    for line in range(start_line + 1, end_line):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        depth += len(opening.findall(text)) - len(closing.findall(text))
        if depth <= 0:
            if text.strip().lower() == f"</{name}>":
                close_line = line
            break
    if close_line is None:
        return False
    if silent:
        return True
    attributes = f"{match.group(2) or ''}{match.group(4) or ''}".rstrip()
    token = state.push("html_block", "", 0)
    token.content = f"<{name}{attributes}>\n"
    token.map = [start_line, start_line + 1]
    old_max, old_parent = state.lineMax, state.parentType
    state.lineMax, state.parentType = close_line, "root"
    state.md.block.tokenize(state, start_line + 1, close_line)
    state.lineMax, state.parentType = old_max, old_parent
    token = state.push("html_block", "", 0)
    token.content = f"</{name}>\n"
    token.map = [close_line, close_line + 1]
    state.line = close_line + 1
    return True


EXTENSION = re.compile(r"^\{::(comment|nomarkdown|options)\b[^}]*?(/)?\}\s*$")


def kramdown_extension(state, start_line, end_line, silent):
    """Block rule: kramdown's `{::comment}…{:/comment}` and `{::options … /}` show nothing;
    `{::nomarkdown}…{:/nomarkdown}` is HTML as it is written."""
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    match = EXTENSION.match(state.src[begin : state.eMarks[start_line]])
    if not match:
        return False
    name, closed = match.groups()
    last = start_line
    if not closed:
        end = f"{{:/{name}}}"
        for line in range(start_line + 1, end_line):
            if state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].strip() in (end, "{:/}"):
                last = line
                break
        else:
            return False
    if silent:
        return True
    if name == "nomarkdown" and last > start_line:
        token = state.push("html_block", "", 0)
        token.content = state.getLines(start_line + 1, last, state.blkIndent, True)
        token.map = [start_line, last + 1]
    state.line = last + 1
    return True


ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*)$")


def abbreviation_definition(state, start_line, end_line, silent):
    """Block rule: `*[HTML]: HyperText Markup Language` defines an abbreviation and shows nothing."""
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    match = ABBREVIATION.match(state.src[begin : state.eMarks[start_line]])
    if not match:
        return False
    if not silent:
        state.env.setdefault("abbreviations", {})[match.group(1).strip()] = match.group(2).strip()
        state.line = start_line + 1
    return True


def abbreviations(state):
    """Core rule: each defined abbreviation in the text becomes `<abbr title="…">`, as kramdown marks it."""
    defined = state.env.get("abbreviations")
    if not defined:
        return
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(defined, key=len, reverse=True))) + r")(?!\w)")
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children = []
        for child in token.children:
            if child.type != "text" or not pattern.search(child.content):
                children.append(child)
                continue
            for index, part in enumerate(pattern.split(child.content)):
                if index % 2:
                    mark = Token("html_inline", "", 0)
                    mark.content = f'<abbr title="{html.escape(defined[part])}">{html.escape(part)}</abbr>'
                    children.append(mark)
                elif part:
                    text = Token("text", "", 0)
                    text.content = part
                    children.append(text)
        token.children = children


def _footnote_name(token):
    label = token.meta.get("label")
    return str(label) if label is not None else str(token.meta["id"] + 1)


def _render_footnote_ref(self, tokens, idx, options, env):
    token = tokens[idx]
    name = html.escape(_footnote_name(token))
    number = token.meta["id"] + 1
    ref = f"fnref:{name}" + (f":{token.meta['subId']}" if token.meta.get("subId", 0) > 0 else "")
    return f'<sup id="{ref}" role="doc-noteref"><a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>'


def _render_footnote_block_open(self, tokens, idx, options, env):
    return '<div class="footnotes" role="doc-endnotes">\n<ol>\n'


def _render_footnote_block_close(self, tokens, idx, options, env):
    return "</ol>\n</div>\n"


def _render_footnote_open(self, tokens, idx, options, env):
    return f'<li id="fn:{html.escape(_footnote_name(tokens[idx]))}" role="doc-endnote">'


def _render_footnote_anchor(self, tokens, idx, options, env):
    name = html.escape(_footnote_name(tokens[idx]))
    return f' <a href="#fnref:{name}" class="reversefootnote" role="doc-backlink">\u21a9</a>'


def _render_fence(self, tokens, idx, options, env):
    token = tokens[idx]
    if token.info.strip().split(" ")[0] == "mermaid":
        # Mermaid reads the text content of the element, so the diagram's
        # source is escaped like any other text and drawn in the browser.
        return f'<pre class="mermaid">{html.escape(token.content)}</pre>\n'
    return self.fence(tokens, idx, options, env)


def _build():
    # Curly quotes as kramdown writes them for English and Danish alike.
    md = MarkdownIt("commonmark", {"html": True, "typographer": True, "quotes": "“”‘’"})
    md.enable(["table", "strikethrough", "smartquotes"])
    md.block.ruler.before("html_block", "markdown_in_html", markdown_in_html, {"alt": ["paragraph"]})
    md.block.ruler.before("paragraph", "kramdown_extension", kramdown_extension, {"alt": ["paragraph"]})
    md.block.ruler.before(
        "paragraph", "kramdown_attributes", attribute_line, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.core.ruler.after("block", "kramdown_attributes", kramdown_attributes)
    md.core.ruler.after("kramdown_attributes", "header_ids", header_ids)
    md.core.ruler.after("inline", "span_attributes", span_attributes)
    md.core.ruler.after("smartquotes", "typographic_symbols", typographic_symbols)
    md.core.ruler.push("task_lists", task_lists)
    md.core.ruler.push("heading_ids", heading_ids)
    md.core.ruler.push("table_of_contents", table_of_contents)
    md.block.ruler.before("reference", "abbreviation", abbreviation_definition, {"alt": ["paragraph"]})
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    md.core.ruler.push("abbreviations", abbreviations)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    md.add_render_rule("footnote_block_open", _render_footnote_block_open)
    md.add_render_rule("footnote_block_close", _render_footnote_block_close)
    md.add_render_rule("footnote_open", _render_footnote_open)
    md.add_render_rule("footnote_anchor", _render_footnote_anchor)
    md.add_render_rule("fence", _render_fence)
    return md


_MD = _build()


def parse(text):
    """Parse Markdown into markdown-it block tokens (with source line maps)."""
    return _MD.parse(text)


def sanitise(raw_html, links=None):
    """Keep only safe HTML. `links`, if given, maps each link's and image's address to the one to show."""

    def follow(element, attribute, value):
        if (element, attribute) in (("a", "href"), ("img", "src")):
            return links(value)
        return value

    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=follow if links else None,
        generic_attribute_prefixes={"aria-"},
        set_tag_attribute_values=FIXED_ATTRIBUTES,
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


def render(text, links=None):
    """Render Markdown to sanitised HTML, marked safe to put into any page as it is.

    `links` maps addresses as written to the addresses to show (the
    handbook's links between pages); see sanitise.
    """
    return render_tokens(_MD.parse(text, {}), links=links)


def render_fields(obj):
    """Render each Markdown field of a model instance into its HTML field; return {HTML field: HTML}.

    The instance's MARKDOWN names them, {Markdown field: HTML field}. Text
    is rendered once, when it is written, and pages show the stored HTML as
    it is; so whatever writes such a field calls this before saving.
    """
    rendered = {html_field: render(getattr(obj, field)) for field, html_field in obj.MARKDOWN.items()}
    for html_field, value in rendered.items():
        setattr(obj, html_field, value)
    return rendered


def render_tokens(tokens, links=None):
    """Sanitised HTML of tokens from `parse`, so that a page parsed once is also rendered from that parse."""
    return mark_safe(sanitise(_MD.renderer.render(close_heading_gaps(tokens), _MD.options, {}), links=links))


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


__all__ = ["Token", "inline_text", "parse", "plain_text", "render", "render_fields", "render_tokens", "sanitise"]
