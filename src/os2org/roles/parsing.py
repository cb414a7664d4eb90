"""Reading a role description (funktionsbeskrivelse) out of a handbook page.

Role pages are written by people, so the wording varies: the priority
headings read "MUST – kerneopgaver" or "MUST (skal løses …)", areas of
responsibility sit under numbered headings at any level or directly under
the section, competencies may be bold-labelled. The parser recognises
sections by what their heading means and keeps every other section, in
order, so nothing on the page is lost.
"""

import re
from dataclasses import asdict, dataclass, field

from os2org import markup
from os2org.common.numbers import HOURS_IN_A_WEEK

PRIORITIES = ("MUST", "SHOULD", "COULD")
PRIORITY_HEADING = re.compile(r"^\s*(MUST|SHOULD|COULD)\b", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*\d+[.)]\s*")

# Section kinds by what a heading starts with or contains (case-folded).
SECTION_KINDS = (
    ("purpose", ("formål", "purpose")),
    ("responsibilities", ("ansvarsområde", "areas of responsibility", "responsibilities")),
    ("tasks", ("arbejdsopgaver", "opgaver og prioritering", "tasks")),
    ("competencies", ("faglige", "kompetencer", "competenc")),
    ("qualities", ("personlige", "personal")),
    ("relationships", ("samarbejdsrelationer", "samarbejdspartnere", "working relationships")),
    ("terms", ("øvrige forhold", "vilkår", "ansættelsesforhold", "terms")),
)

HOURS_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:[–—-]|til)\s*(\d+(?:[.,]\d+)?)\s*timer", re.IGNORECASE)
HOURS_SINGLE = re.compile(r"(\d+(?:[.,]\d+)?)\s*timer", re.IGNORECASE)
NEGATION = re.compile(r"^(ingen|intet|ikke|har ikke)\b|\bikke\b", re.IGNORECASE)
REPORTS_TO = re.compile(r"\brefererer\b.*?\btil\s+(?P<rest>.+)", re.IGNORECASE)
PRIMARY_REFERENCE = re.compile(r"^(?P<who>.+?)\s*\(\s*primær reference\s*\)", re.IGNORECASE)
REPORTS_TO_END = re.compile(r"[.,;:(]|\s(?:som|og|for|i forhold)\s")


@dataclass
class Section:
    heading: str
    kind: str
    level: int
    line: int
    tokens: list = field(default_factory=list, repr=False)


@dataclass
class Competency:
    label: str | None
    text: str


@dataclass
class Role:
    path: str
    name: str
    purpose: str = ""
    responsibilities: list = field(default_factory=list)
    tasks: dict = field(default_factory=lambda: {p: [] for p in PRIORITIES})
    competencies: list = field(default_factory=list)
    qualities: list = field(default_factory=list)
    relationships: list = field(default_factory=list)
    reports_to: str | None = None
    reports_to_line: int | None = None
    hours_min: float | None = None
    hours_max: float | None = None
    hours_text: str | None = None
    hours_line: int | None = None
    staff_responsibility: bool | None = None
    budget_responsibility: bool | None = None
    review_rule: str | None = None
    sections: list = field(default_factory=list)
    heading_line: int | None = None
    # The front matter's `reviewed:` as written (roles.services reads it as a date).
    reviewed: str | None = None

    @property
    def hours_per_week(self):
        if self.hours_min is None:
            return None
        return {"min": _number(self.hours_min), "max": _number(self.hours_max)}

    def as_dict(self):
        """The shape `os2org handbook parse --json` prints for a role."""
        return {
            "path": self.path,
            "name": self.name,
            "purpose": self.purpose,
            "responsibilities": [dict(r) for r in self.responsibilities],
            "tasks": {p: list(self.tasks[p]) for p in PRIORITIES},
            "competencies": [asdict(c) for c in self.competencies],
            "qualities": list(self.qualities),
            "relationships": list(self.relationships),
            "hours_per_week": self.hours_per_week,
            "hours_text": self.hours_text,
            "reports_to": self.reports_to,
            "staff_responsibility": self.staff_responsibility,
            "budget_responsibility": self.budget_responsibility,
            "review_rule": self.review_rule,
            "sections": [{"heading": s.heading, "kind": s.kind} for s in self.sections],
        }


def _number(value):
    return int(value) if float(value).is_integer() else value


def section_kind(heading):
    folded = heading.casefold()
    for kind, words in SECTION_KINDS:
        if any(word in folded for word in words):
            return kind
    return "other"


def split_sections(page):
    """The page's top sections (the level right below the H1), in order."""
    tokens = page.tokens
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open" and t.tag != "h1"]
    if not levels:
        return []
    top = min(levels)
    sections = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and int(token.tag[1]) <= top:
            if token.tag == "h1":
                sections.append(None)
                continue
            heading = markup.inline_text(tokens[index + 1])
            sections.append(Section(heading, section_kind(heading), top, page.line_of(token)))
        elif sections and sections[-1] is not None:
            sections[-1].tokens.append(token)
    return [s for s in sections if s is not None]


def first_inline(tokens, start):
    """The first inline token inside the block that opens at tokens[start], or None."""
    depth = 0
    for token in tokens[start:]:
        if token.type == "inline":
            return token
        depth += token.nesting
        if depth <= 0:
            return None
    return None


def list_items(tokens):
    """Top-level list items of a token run, as (inline token or None, item token)."""
    items, depth = [], 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            items.append((first_inline(tokens, index), token))
    return items


def item_texts(tokens):
    return [markup.inline_text(inline) for inline, _ in list_items(tokens) if inline is not None]


def texts_in_order(tokens):
    """Paragraphs outside lists and top-level list items, in page order."""
    texts, depth = [], 0
    for index, token in enumerate(tokens):
        if token.type.endswith("_list_open"):
            depth += 1
        elif token.type.endswith("_list_close"):
            depth -= 1
        elif token.type == "paragraph_open" and depth == 0:
            texts.append(markup.inline_text(tokens[index + 1]))
        elif token.type == "list_item_open" and depth == 1:
            inline = first_inline(tokens, index)
            if inline is not None:
                texts.append(markup.inline_text(inline))
    return texts


def subsections(tokens):
    """Split a section's tokens at its sub-headings: [(heading or None, tokens)]."""
    parts, skip = [(None, [])], 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            parts.append((markup.inline_text(tokens[index + 1]), []))
            skip = 2  # the heading's text and its closing token
        elif skip:
            skip -= 1
        else:
            parts[-1][1].append(token)
    return parts


def read_responsibilities(section):
    areas = []
    for heading, tokens in subsections(section.tokens):
        items = item_texts(tokens)
        if heading is None and not items:
            continue
        areas.append({"heading": NUMBERED.sub("", heading) if heading else None, "items": items})
    return areas


def read_competencies(section):
    """Competency bullets; a bold start (`**Proces:** …`) becomes the label."""
    found = []
    for inline, _ in list_items(section.tokens):
        if inline is None:
            continue
        children = [c for c in inline.children or [] if c.type != "text" or c.content]
        text, label = markup.inline_text(inline), None
        if len(children) > 2 and children[0].type == "strong_open":
            bold = children[1].content
            label = bold.strip().rstrip(":").strip() or None
            text = text[len(bold.strip()) :].lstrip(" :–-")
        found.append(Competency(label, text))
    return found


def _bold_after_refererer(inline):
    children, seen = inline.children or [], False
    for index, child in enumerate(children):
        if child.type == "text" and "refererer" in child.content.casefold():
            seen = True
        elif seen and child.type == "strong_open" and index + 1 < len(children):
            return children[index + 1].content.strip() or None
    return None


def read_reports_to(inline):
    """Whom a sentence says the role reports to, or None.

    "X (primær reference)" names X; "… refererer … til Y" names Y, where a
    bold word after "refererer" is taken as the name as the author marked it.
    """
    text = markup.inline_text(inline)
    match = PRIMARY_REFERENCE.match(text)
    if match:
        return _capitalise(REPORTS_TO_END.split(match.group("who"), maxsplit=1)[0].strip())
    match = REPORTS_TO.search(text)
    if not match:
        return None
    name = _bold_after_refererer(inline) or REPORTS_TO_END.split(match.group("rest"), maxsplit=1)[0].strip()
    return _capitalise(name) or None


def _capitalise(text):
    return text[:1].upper() + text[1:]


def read_hours(text):
    """(min, max) hours per week in a line of text, or None.

    A range a week cannot hold (0 hours, more than 168, min above max) is
    no number of hours: it stays text, for lint to report.
    """
    match = HOURS_RANGE.search(text) or HOURS_SINGLE.search(text)
    if not match:
        return None
    numbers = [float(group.replace(",", ".")) for group in match.groups()]
    low, high = numbers[0], numbers[-1]
    return (low, high) if 0 < low <= high <= HOURS_IN_A_WEEK else None


def read_terms(role, section, page):
    for inline, item in list_items(section.tokens):
        if inline is None:
            continue
        text = markup.inline_text(inline)
        folded = text.casefold()
        if role.hours_text is None and ("timetal" in folded or "timer" in folded):
            role.hours_text = text
            role.hours_line = page.line_of(item)
            hours = read_hours(text)
            if hours:
                role.hours_min, role.hours_max = hours
        elif role.staff_responsibility is None and "personale" in folded:
            role.staff_responsibility = not NEGATION.search(text)
        elif role.budget_responsibility is None and "budget" in folded and "ansvar" in folded:
            role.budget_responsibility = not NEGATION.search(text)
        elif role.review_rule is None and "revider" in folded:
            role.review_rule = text


def find_reports_to(sections, page):
    """(whom, line) of the first reporting line in relationships or terms, in page order; (None, None) without one."""
    for section in sections:
        if section.kind not in ("relationships", "terms"):
            continue
        for token in section.tokens:
            if token.type == "inline":
                found = read_reports_to(token)
                if found:
                    return found, page.line_of(token)
    return None, None


def read_tasks(page):
    """Tasks under every MUST/SHOULD/COULD heading, wherever it stands."""
    tasks = {p: [] for p in PRIORITIES}
    current, run = None, []

    def flush():
        if current:
            tasks[current].extend(item_texts(run))

    tokens = page.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            flush()
            match = PRIORITY_HEADING.match(markup.inline_text(tokens[index + 1]))
            current, run = (match.group(1).upper() if match else None), []
        elif current:
            run.append(token)
    flush()
    return tasks


def parse_role(page):
    """A Role for a page whose H1 is a role heading, else None."""
    name = page.role_name
    if not name:
        return None
    role = Role(path=page.path, name=name, heading_line=page.heading()[1], reviewed=page.meta_text("reviewed"))
    role.sections = split_sections(page)
    role.tasks = read_tasks(page)
    for section in role.sections:
        if section.kind == "purpose" and not role.purpose:
            role.purpose = "\n\n".join(texts_in_order(section.tokens))
        elif section.kind == "responsibilities":
            role.responsibilities.extend(read_responsibilities(section))
        elif section.kind == "competencies" and not role.competencies:
            role.competencies = read_competencies(section)
        elif section.kind == "qualities":
            role.qualities.extend(item_texts(section.tokens))
        elif section.kind == "relationships":
            role.relationships.extend(texts_in_order(section.tokens))
        elif section.kind == "terms":
            read_terms(role, section, page)
    role.reports_to, role.reports_to_line = find_reports_to(role.sections, page)
    return role
