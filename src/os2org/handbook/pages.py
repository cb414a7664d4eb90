"""Reading handbook pages: Jekyll front matter and a Markdown body.

A page is kept exactly as it was read (`source`); everything else here is
derived from it, so writing a page back can never lose anything.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from os2org import markup

PAGE_SUFFIXES = (".md", ".markdown", ".txt")
FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*\r?$")
FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*\r?$")
# The name runs to the last " i " ("Chef i Drift i OS2" is the role "Chef i Drift").
ROLE_HEADING = re.compile(r"^\s*Funktionsbeskrivelse\s*[–—-]+\s*(?P<name>.+)\s+i\s+\S.*$", re.IGNORECASE)


class PageError(ValueError):
    """A page that cannot be read; `str()` is `path:line: what is wrong`."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML as Jekyll reads it, except dates stay text (they must round-trip)."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Page:
    path: str
    source: str
    front_matter: dict | None = None
    body: str = ""
    body_line: int = 1
    tokens: list = field(default_factory=list, repr=False)

    @property
    def has_front_matter(self):
        return self.front_matter is not None

    def meta(self, key, default=None):
        return (self.front_matter or {}).get(key, default)

    def meta_text(self, key):
        """A front-matter value as text (YAML may read `title: 2024` as a number)."""
        value = self.meta(key)
        return str(value) if value is not None else None

    @property
    def title(self):
        return self.meta_text("title")

    @property
    def parent(self):
        return self.meta_text("parent")

    @property
    def grand_parent(self):
        return self.meta_text("grand_parent")

    @property
    def nav_order(self):
        value = self.meta("nav_order")
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    @property
    def nav_exclude(self):
        return self.meta("nav_exclude") is True

    def heading(self):
        """The first level-1 heading as (text, line), or (None, None)."""
        for index, token in enumerate(self.tokens):
            if token.type == "heading_open" and token.tag == "h1":
                return markup.inline_text(self.tokens[index + 1]), self.line_of(token)
        return None, None

    @property
    def display_title(self):
        return self.title or self.heading()[0] or Path(self.path).stem

    @property
    def role_name(self):
        """X of a heading "Funktionsbeskrivelse – X i …", else None."""
        text, _ = self.heading()
        match = ROLE_HEADING.match(text or "")
        return match.group("name").strip() if match else None

    @property
    def kind(self):
        return "role" if self.role_name else "page"

    def line_of(self, token):
        """The 1-based line in the file where a body token starts."""
        return self.body_line + (token.map[0] if token.map else 0)


def split_lines(text):
    """The lines of a text with their ends, broken at \\n only.

    Jekyll and markdown-it count lines that way; str.splitlines() also breaks
    at form feeds and U+2028, which would put every later line number off.
    """
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def split_front_matter(path, source):
    """Return (front_matter or None, body, body_line) of a page's text."""
    text = source[1:] if source.startswith("\ufeff") else source
    lines = split_lines(text)
    if not lines or not FRONT_MATTER_FENCE.match(lines[0]):
        return None, text, 1
    for index in range(1, len(lines)):
        if FRONT_MATTER_END.match(lines[index]):
            break
    else:
        raise PageError(path, 1, "front matter starts with --- but is never closed by a --- line")
    yaml_text = "".join(lines[1:index])
    try:
        data = yaml.load(yaml_text, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        problem = getattr(error, "problem", None) or str(error)
        raise PageError(path, line, f"front matter is not valid YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PageError(path, 2, "front matter must be key: value lines")
    return data, "".join(lines[index + 1 :]), index + 2


def read_page(path, source):
    """Build a Page from its path (as shown to people) and its exact text."""
    front_matter, body, body_line = split_front_matter(path, source)
    page = Page(path=path, source=source, front_matter=front_matter, body=body, body_line=body_line)
    page.tokens = markup.parse(body)
    return page


def read_file(file_path, name):
    limit = settings.IMPORT_MAX_BYTES
    with open(file_path, "rb") as file:
        data = file.read(limit + 1)  # enough to tell, however large the file
    if len(data) > limit:
        message = f"is larger than {limit} bytes (IMPORT_MAX_BYTES); split it into several pages"
        raise PageError(name, 1, message)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PageError(name, line, "is not UTF-8 text; save it as UTF-8") from None
    if "\x00" in source:
        raise PageError(name, source[: source.index("\x00")].count("\n") + 1, "contains a NUL byte")
    return read_page(name, source)


def collect_files(paths):
    """Yield (file path, name) for every page under the given files and folders.

    Names are relative to the folder given, so a handbook keeps its layout.
    """
    for given in map(Path, paths):
        if given.is_dir():
            for file_path in sorted(given.rglob("*")):
                relative = file_path.relative_to(given)
                hidden = any(part.startswith((".", "_")) for part in relative.parts)
                if file_path.is_file() and file_path.suffix in PAGE_SUFFIXES and not hidden:
                    yield file_path, relative.as_posix()
        elif given.is_file():
            yield given, given.name
        else:
            raise PageError(str(given), 0, "no such file or folder")


def read_handbook(paths, progress=None):
    """Read every page; raise PageError for the first page that cannot be read."""
    files = list(collect_files(paths))
    pages = []
    for number, (file_path, name) in enumerate(files, start=1):
        pages.append(read_file(file_path, name))
        if progress:
            progress(number, len(files), name)
    return pages
