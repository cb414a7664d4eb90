"""Cross-site scripting payloads, for the tests that feed them into every text field.

Each payload, if it ever ran, would leave a trace the browser tests look
for: it adds its id to `window.__xss`, or it opens a dialog. So a test can
name the payload that got through, not just say that something did.

Three kinds, by where a payload means something:

- INLINE: one line, meant for any field (a name, a title, a list item, a
  paragraph of Markdown);
- BLOCK: several lines of Markdown or raw HTML (a page, a description);
- MERMAID: the inside of a ```mermaid fence, drawn in the browser.
"""

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    id: str
    text: str


def mark(payload_id):
    """The script a payload runs: it leaves its id in `window.__xss`."""
    return f"window.__xss=(window.__xss||[]).concat('{payload_id}')"


def html_data_url(payload_id):
    """A `data:text/html` address of a document that would run the mark."""
    document = f"<script>{mark(payload_id)}</script>".encode()
    return "data:text/html;base64," + base64.b64encode(document).decode("ascii")


def _payloads(templates):
    return tuple(Payload(name, text.format(m=mark(name), data=html_data_url(name))) for name, text in templates)


# First the breakouts, so that the first objects of a kind, which carry them
# in their short fields, test every way out of an attribute or element.
INLINE = _payloads(
    [
        # Breaking out of an attribute or element the text is put into.
        ("attr-double", '" onmouseover="{m}" x="'),
        ("attr-single", "'><script>{m}</script>"),
        ("attr-tag", '"><img src=x onerror="{m}">'),
        # <script> in its many spellings.
        ("script", "<script>{m}</script>"),
        ("script-case", "<ScRiPt>{m}</sCrIpT>"),
        ("script-nested", "<scr<script>ipt>{m}</scr</script>ipt>"),
        ("script-data-src", '<script src="data:text/javascript,{m}"></script>'),
        ("script-after-title", "</title><script>{m}</script>"),
        ("script-after-textarea", "</textarea><script>{m}</script>"),
        ("script-in-cdata", "<![CDATA[<script>{m}</script>]]>"),
        ("script-after-instruction", "<?xml version='1.0'?><script>{m}</script>"),
        # Event handlers.
        ("img-onerror", '<img src=x onerror="{m}">'),
        ("img-slashes", '<img/src="x"/onerror="{m}">'),
        ("svg-onload", '<svg onload="{m}"></svg>'),
        ("body-onload", '<body onload="{m}">'),
        ("details-ontoggle", '<details open ontoggle="{m}"><summary>x</summary></details>'),
        ("input-onfocus", '<input autofocus onfocus="{m}">'),
        ("audio-onerror", '<audio src=x onerror="{m}"></audio>'),
        ("a-onmouseover", '<a href="#" onmouseover="{m}">x</a>'),
        ("comment-breakout", '<!--><img src=x onerror="{m}">-->'),
        ("noscript-mxss", '<noscript><p title="</noscript><img src=x onerror={m}>"></noscript>'),
        ("math-mxss", '<math><mtext><table><mglyph><style><img src=x onerror="{m}">'),
        # Addresses that run script, in raw HTML.
        ("a-javascript", '<a href="javascript:{m}">x</a>'),
        ("a-javascript-tab", '<a href="jav&#x09;ascript:{m}">x</a>'),
        ("iframe-srcdoc", '<iframe srcdoc="<script>{m}</script>"></iframe>'),
        ("iframe-javascript", '<iframe src="javascript:{m}"></iframe>'),
        ("object-data-html", '<object data="{data}"></object>'),
        ("embed-javascript", '<embed src="javascript:{m}">'),
        ("form-action", '<form action="javascript:{m}"><button formaction="javascript:{m}">x</button></form>'),
        ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:{m}">'),
        ("base-href", '<base href="javascript:{m}//">'),
        ("style-url", '<div style="background-image:url(javascript:{m})">x</div>'),
        ("math-href", '<math href="javascript:{m}"><mi>x</mi></math>'),
        # SVG tricks.
        ("svg-script", "<svg><script>{m}</script></svg>"),
        ("svg-xlink", '<svg><a xlink:href="javascript:{m}"><text x="9" y="9">x</text></a></svg>'),
        (
            "svg-animate-href",
            '<svg><a><animate attributeName="href" values="javascript:{m}"/><text y="9">x</text></a></svg>',
        ),
        ("svg-style", "<svg><style>@import 'javascript:{m}';</style></svg>"),
        # Template lookalikes: Django never renders data, and no client-side template engine runs.
        ("template-client", '{{{{constructor.constructor("{m}")()}}}}'),
        ("template-django", '{{% autoescape off %}}<img src=x onerror="{m}">{{% endautoescape %}}{{{{ request }}}}'),
        # Markdown links and images.
        ("md-javascript", "[x](javascript:{m})"),
        ("md-javascript-case", "[x](JaVaScRiPt:{m})"),
        ("md-javascript-entity", "[x](&#106;avascript:{m})"),
        ("md-javascript-hex", "[x](&#x6A;avascript&#x3A;{m})"),
        ("md-javascript-angle", "[x](<javascript:{m}>)"),
        ("md-autolink", "<javascript:{m}>"),
        ("md-vbscript", "[x](vbscript:msgbox('md-vbscript'))"),
        ("md-data-link", "[x]({data})"),
        ("md-data-image", "![x]({data})"),
        ("md-alt-breakout", '![x" onerror="{m}](x)'),
        ("md-title-breakout", '[x](#a "y&quot; onmouseover=&quot;{m}")'),
        # Names drawn in the org charts: a Mermaid markdown label, and a way out of a quoted one.
        ("mermaid-name-backticks", "`<img src=x onerror={m}>`"),
        ("mermaid-name-breakout", '"]; click b_x call alert("mermaid-name-breakout"); x["'),
    ]
)

BLOCK = _payloads(
    [
        ("html-block", "<div>\n<script>{m}</script>\n</div>"),
        ("html-block-details", '<details open ontoggle="{m}">\n\n*x*\n\n</details>'),
        ("md-reference", "[x][r]\n\n[r]: javascript:{m}"),
        ("kramdown-onclick", 'Tekst\n{{: onclick="{m}" }}'),
        ("kramdown-class", 'Tekst\n{{: .a"onmouseover="{m}" #b"onfocus="{m}" }}'),
        ("kramdown-heading-id", '## Overskrift\n{{: #x"autofocus/onfocus="{m}" }}'),
        ("kramdown-above", '{{: .a"onclick="{m}" }}\n> Citat'),
    ]
)

MERMAID = _payloads(
    [
        ("mermaid-click-call", 'graph TD\n  A[Start] --> B[Slut]\n  click A call alert("mermaid-click-call")'),
        ("mermaid-click-javascript", 'graph TD\n  A[Start] --> B[Slut]\n  click A "javascript:{m}"'),
        ("mermaid-click-href", 'graph TD\n  A[Start] --> B[Slut]\n  click A href "javascript:{m}" "x"'),
        (
            "mermaid-init-loose",
            '%%{{init: {{"securityLevel": "loose"}}}}%%\ngraph TD\n  A["<img src=x onerror={m}>"] --> B\n'
            '  click B call alert("mermaid-init-loose")',
        ),
        (
            "mermaid-init-purify",
            '%%{{init: {{"htmlLabels": false, "flowchart": {{"htmlLabels": false}}, '
            '"dompurifyConfig": {{"ADD_ATTR": ["onerror", "onload"], "ADD_TAGS": ["script"]}}}}}}%%\n'
            'graph TD\n  A["<img src=x onerror={m}>"] --> B["<script>{m}</script>"]',
        ),
        ("mermaid-label-img", 'graph TD\n  A["<img src=x onerror={m}>"] --> B'),
        ("mermaid-label-script", 'graph TD\n  A["<script>{m}</script>"] --> B'),
        ("mermaid-label-markdown", 'graph TD\n  A["`<img src=x onerror={m}>`"] --> B'),
        (
            "mermaid-sequence",
            "sequenceDiagram\n  A->>B: <img src=x onerror={m}>\n  Note right of B: <script>{m}</script>",
        ),
        ("mermaid-mindmap", "mindmap\n  root((<img src=x onerror={m}>))\n    <svg onload={m}>"),
        ("mermaid-close-pre", "graph TD\n  A --> B\n</pre><script>{m}</script><pre>"),
    ]
)

ALL = INLINE + BLOCK + MERMAID

# An address Django's e-mail validator accepts (a quoted local part) that
# breaks out of a mailto: link if it is not escaped.
EMAIL = Payload("email", f'"\\"><svg/onload={mark("email")}>"@example.org')
# A handbook file may be called anything but "/": this name is shown as the page's source.
FILE_NAME = Payload("file-name", f"<img src=x onerror={mark('file-name')}>")


def as_markdown(payload):
    """The payload as a Markdown document: a Mermaid payload inside its fence."""
    if payload in MERMAID:
        return f"```mermaid\n{payload.text}\n```\n"
    return payload.text + "\n"


def markdown_corpus():
    """Every payload in one Markdown document, each a block of its own."""
    return "\n".join(as_markdown(payload) for payload in ALL)


def groups(limit):
    """The INLINE payloads in runs whose texts, joined by spaces, take at most `limit` characters.

    A field that holds a few hundred characters gets the corpus over
    several objects: every payload reaches every field.
    """
    runs, size = [[]], -1
    for payload in INLINE:
        if len(payload.text) > limit:
            raise ValueError(f"{payload.id} is longer than {limit} characters")
        size += len(payload.text) + 1
        if size > limit:
            runs.append([])
            size = len(payload.text)
        runs[-1].append(payload)
    return runs


def chunks(limit):
    """The texts of `groups(limit)`, each at most `limit` characters."""
    return [" ".join(payload.text for payload in run) for run in groups(limit)]


def carries_payload(text):
    """Whether a stored text holds payload material: a mark, or the start of an attack."""
    return "__xss" in text or "onerror" in text


def signs(payload_id):
    """What a payload carries to name itself when it runs."""
    return (mark(payload_id), html_data_url(payload_id), f'alert("{payload_id}")', f"msgbox('{payload_id}')")


def witnessed(text):
    """The ids of the payloads whose sign is in a text."""
    payloads = (*ALL, EMAIL, FILE_NAME)
    return sorted(payload.id for payload in payloads if any(sign in text for sign in signs(payload.id)))
