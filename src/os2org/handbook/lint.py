"""Checking a handbook: findings a secretariat should fix, each with its place."""

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from urllib.parse import unquote

from django.utils.translation import gettext as _

from os2org.handbook.pages import ROLE_HEADING, split_lines
from os2org.roles.parsing import parse_role

ERROR, WARNING = "error", "warning"
# Checks that hold a page to the organisation's stored data (page -> findings):
# the apps that own the data register here when they start (sync.apps), since
# the handbook stands below them. They run where there is a database to ask.
DATA_CHECKS = []
EMPTY_LINK = re.compile(r"\[[^\]]*\]\(\s*\)")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    severity: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.severity}: {self.code}: {self.message}"

    def as_dict(self):
        return asdict(self)


def front_matter_line(page, key):
    """The line of `key:` in the page's front matter, or 1."""
    for number, line in enumerate(split_lines(page.source)[: page.body_line], start=1):
        if line.split(":", 1)[0].strip() == key:
            return number
    return 1


def check_title(page, role):
    title_name = page.title
    match = ROLE_HEADING.match(title_name or "")
    if match:
        title_name = match.group("name").strip()
    if title_name and title_name.casefold() != role.name.casefold():
        yield Finding(
            page.path,
            front_matter_line(page, "title"),
            "title-mismatch",
            ERROR,
            _("The title “%(title)s” names another role than the heading “%(heading)s”.")
            % {"title": page.title, "heading": role.name},
        )


def lines_outside_code(page, text):
    """(line in the file, line) of each line of `text` (the page's body) that is not in a code block."""
    fenced = set()
    for token in page.tokens:
        if token.type in ("fence", "code_block") and token.map:
            fenced.update(range(token.map[0], token.map[1]))
    for number, line in enumerate(split_lines(text)):
        if number not in fenced:
            yield page.body_line + number, line


def check_empty_links(page):
    for number, line in lines_outside_code(page, page.body):
        for match in EMPTY_LINK.finditer(line):
            yield Finding(
                page.path,
                number,
                "empty-link",
                WARNING,
                _("The link %(link)s has no address; add one or remove the link.") % {"link": match.group(0)},
            )


def check_role(page, role):
    yield from check_title(page, role)
    if not role.tasks["MUST"]:
        yield Finding(
            page.path,
            role.heading_line or page.body_line,
            "no-must-tasks",
            WARNING,
            _("The role “%(role)s” lists no MUST tasks; every role needs its core tasks.") % {"role": role.name},
        )
    if role.hours_text and role.hours_min is None:
        yield Finding(
            page.path,
            role.hours_line,
            "unparsed-hours",
            WARNING,
            _("The hours “%(text)s” give no number of hours per week; write e.g. “37 timer pr. uge”.")
            % {"text": role.hours_text},
        )


def check_navigation(pages):
    titles = {page.title for page in pages if page.title and page.has_front_matter}
    siblings = defaultdict(list)
    for page in pages:
        if not page.has_front_matter:
            yield Finding(
                page.path,
                1,
                "no-front-matter",
                WARNING,
                _("The page has no front matter, so Jekyll will not publish it; add a --- block with a title."),
            )
            continue
        if page.parent and page.parent not in titles:
            yield Finding(
                page.path,
                front_matter_line(page, "parent"),
                "unknown-parent",
                ERROR,
                _("No page has the title “%(parent)s” named as parent; the page is missing from the menu.")
                % {"parent": page.parent},
            )
        if page.nav_order is not None and not page.nav_exclude:
            siblings[(page.parent, page.grand_parent, page.nav_order)].append(page)
    for (_parent, _grand, order), group in siblings.items():
        if len(group) > 1:
            for page in group[1:]:
                yield Finding(
                    page.path,
                    front_matter_line(page, "nav_order"),
                    "duplicate-nav-order",
                    WARNING,
                    _("nav_order %(order)s is also used by %(other)s; the menu order is ambiguous.")
                    % {"order": order, "other": group[0].path},
                )


HTML_ADDRESS = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
ID = re.compile(r'\sid="([^"]*)"')


def links_of(page):
    """(line, address) of every link and image in a page: Markdown ones and those in its HTML."""
    for token in page.tokens:
        if not token.map:
            continue
        line = page.line_of(token)
        if token.type in ("html_block",):
            for number, text in enumerate(token.content.split("\n")):
                for match in HTML_ADDRESS.finditer(text):
                    yield line + number, match.group(1) if match.group(1) is not None else match.group(2)
        if token.type != "inline":
            continue
        offset = 0
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                offset += 1
            elif child.type == "link_open":
                yield line + offset, child.attrGet("href")
            elif child.type == "image":
                yield line + offset, child.attrGet("src")
            elif child.type == "html_inline":
                for match in HTML_ADDRESS.finditer(child.content):
                    yield line + offset, match.group(1) if match.group(1) is not None else match.group(2)


def check_links(page, rendering, anchors):
    """Links that the published site does not find: `broken-link` and `missing-anchor`.

    `anchors` maps a page's path to the ids on it (None: not known).
    """
    for line, address in links_of(page):
        if not address:
            continue
        # As written: markdown-it percent-encodes what it reads.
        href = unquote(address)
        target = rendering.sitemap.resolve(href, page.path)
        if target.repaired:
            yield Finding(
                page.path,
                line,
                "broken-link",
                WARNING,
                _(
                    "The link to %(target)s leads to the .md file, which the published site does not have "
                    "(os2org leads it to the page); write %(fixed)s instead."
                )
                % {"target": href, "fixed": re.sub(r"\.(md|markdown)(?=#|$)", "", href)},
            )
        elif target.kind == "broken":
            yield Finding(
                page.path,
                line,
                "broken-link",
                WARNING,
                _("The link to %(target)s leads nowhere: the published site has no page or file at %(address)s.")
                % {"target": href, "address": target.address},
            )
        elif target.kind in ("page", "anchor") and target.fragment:
            known = anchors.get(target.path)
            if known is not None and target.fragment not in known:
                yield Finding(
                    page.path,
                    line,
                    "missing-anchor",
                    WARNING,
                    _("The link %(target)s points to “#%(anchor)s”, which %(page)s has no heading or element for.")
                    % {"target": href, "anchor": target.fragment, "page": target.path},
                )


def check_liquid(page):
    for unknown in page.liquid_unknown:
        line = page.body_line + unknown.line - 1
        if unknown.tag == "link":
            yield Finding(
                page.path,
                line,
                "broken-link",
                WARNING,
                _("{%% link %(target)s %%} names no page or file of the handbook; Jekyll stops the build here.")
                % {"target": unknown.argument},
            )
        else:
            yield Finding(
                page.path,
                line,
                "liquid-unknown",
                WARNING,
                _("os2org does not understand the Liquid tag {%% %(tag)s %%}; it is shown as it is written.")
                % {"tag": unknown.tag},
            )


def check_heading(page):
    """A page with text but no level-1 heading (a page of front matter only is a menu entry, and fine)."""
    if page.has_front_matter and page.body.strip() and page.heading()[0] is None:
        blank = len(page.body) - len(page.body.lstrip("\r\n"))
        yield Finding(
            page.path,
            page.body_line + page.body[:blank].count("\n"),
            "no-h1",
            WARNING,
            _("The page has no level-1 heading (# Title); readers and screen readers expect one."),
        )


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Danish numbers: eight digits, written together or in pairs, perhaps after +45.
PHONE = re.compile(r"(?<![\w+])(?:\+45[ -]?)?(?:\d{2}[ -]?){3}\d{2}(?![\w-])")


def check_personal_data(page):
    """E-mail addresses and phone numbers on a public page: a handbook in an open repository should not hold them."""
    text = page.markdown if page.markdown is not None else page.body
    for number, line in lines_outside_code(page, text):
        for pattern, kind in ((EMAIL, _("an e-mail address")), (PHONE, _("a phone number"))):
            for match in pattern.finditer(line):
                yield Finding(
                    page.path,
                    number,
                    "personal-data",
                    WARNING,
                    _("The page is public and shows %(kind)s (%(text)s); link to a contact page instead.")
                    % {"kind": kind, "text": match.group(0)},
                )


def check_draft(page):
    line = page.draft_line()
    if line is not None:
        yield Finding(
            page.path,
            line,
            "draft",
            WARNING,
            _("A warning on the page marks it as a draft; the reader and the menu show it as one until it is removed."),
        )


def anchors_of(pages, rendering):
    """{page path: the ids on the page}, as rendered."""
    return {page.path: set(ID.findall(str(rendering.render(page)))) for page in pages}


def lint(pages, roles=None, rendering=None, public=None, data=False):
    """All findings of a handbook, sorted by place.

    `rendering` (handbook.rendering.Rendering, with every page prepared)
    adds the checks of the published site: links and anchors, Liquid,
    headings, drafts, and personal data on public pages (`public(path)`
    tells whether a page is; default: every page is). `data` adds the
    checks against the stored data (DATA_CHECKS).
    """
    if roles is None:
        roles = {page.path: parse_role(page) for page in pages}
    public = public or (lambda path: True)
    findings = list(check_navigation(pages))
    anchors = anchors_of(pages, rendering) if rendering is not None else {}
    for page in pages:
        findings.extend(check_empty_links(page))
        if rendering is not None:
            findings.extend(check_heading(page))
            findings.extend(check_draft(page))
            if public(page.path):
                findings.extend(check_personal_data(page))
            findings.extend(check_links(page, rendering, anchors))
            findings.extend(check_liquid(page))
        role = roles.get(page.path)
        if role:
            findings.extend(check_role(page, role))
        if data:
            for check in DATA_CHECKS:
                findings.extend(check(page))
    return sorted(findings, key=lambda f: (f.path, f.line, f.code))
