"""Checking a handbook: findings a secretariat should fix, each with its place."""

import re
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from os2org.handbook.pages import ROLE_HEADING, split_lines
from os2org.roles.parsing import parse_role

ERROR, WARNING = "error", "warning"
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


def check_empty_links(page):
    fenced = set()
    for token in page.tokens:
        if token.type in ("fence", "code_block") and token.map:
            fenced.update(range(token.map[0], token.map[1]))
    for number, line in enumerate(split_lines(page.body)):
        if number in fenced:
            continue
        for match in EMPTY_LINK.finditer(line):
            yield Finding(
                page.path,
                page.body_line + number,
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


def lint(pages, roles=None):
    """All findings of a handbook, sorted by place."""
    if roles is None:
        roles = {page.path: parse_role(page) for page in pages}
    findings = list(check_navigation(pages))
    for page in pages:
        findings.extend(check_empty_links(page))
        role = roles.get(page.path)
        if role:
            findings.extend(check_role(page, role))
    return sorted(findings, key=lambda f: (f.path, f.line, f.code))
