"""Reading handbook pages: Jekyll front matter and a Markdown body.

A page is kept exactly as it was read (`source`); everything else here is
derived from it, so writing a page back can never lose anything.
"""

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from os2org import markup
from os2org.common.limits import UntrustedText, load_yaml
from os2org.handbook import liquid

PAGE_SUFFIXES = (".md", ".markdown", ".txt")
# Jekyll's settings file marks the root of a handbook (a Jekyll site).
SITE_CONFIG = "_config.yml"
# Jekyll leaves out files and folders whose names start so.
HIDDEN = (".", "_")
LINK = "is a symbolic link; a handbook is read only from the files inside it"
FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*\r?$")
FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*\r?$")
# The name runs to the last " i " ("Chef i Drift i OS2" is the role "Chef i Drift").
# Words that mark a page as unfinished when a warning callout says them.
DRAFT = re.compile(r"\b(kladde|udkast|draft|work in progress|wip|under udarbejdelse)\b", re.IGNORECASE)
ROLE_HEADING = re.compile(r"^\s*Funktionsbeskrivelse\s*[–—-]+\s*(?P<name>.+)\s+i\s+\S.*$", re.IGNORECASE)


class PageError(ValueError):
    """A page that cannot be read; `str()` is `path:line: what is wrong` (`path: what is wrong` without a line).

    The message is English, as the command line and the logs give it; a
    message marked for translation (gettext_noop, with %(name)s `params`)
    is also given in the reader's language by `translated()`, as the page
    editor shows it.
    """

    def __init__(self, path, line, message, **params):
        self.path, self.line, self.template, self.params = path, line, message, params
        self.message = message % params if params else message
        super().__init__(self._placed(self.message))

    def _placed(self, message):
        return f"{self.path}: {message}" if self.line is None else f"{self.path}:{self.line}: {message}"

    def translated(self):
        text = gettext(self.template)
        return self._placed(text % self.params if self.params else text)

    def __reduce__(self):
        # Raised in a worker process and handed back (common.processes).
        return _page_error, (self.path, self.line, self.template, self.params)


def _page_error(path, line, template, params):
    return PageError(path, line, template, **params)


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
    # The body as Markdown reads it: after Liquid (see use_liquid).
    markdown: str | None = field(default=None, repr=False)
    # Liquid tags left as written (handbook.liquid.Unknown), for lint.
    liquid_unknown: list = field(default_factory=list, repr=False)
    _tokens: list | None = field(default=None, repr=False)
    _heading: tuple | None = field(default=None, repr=False)

    @property
    def tokens(self):
        """The body's tokens, parsed once, when first needed (after use_liquid, if it is called)."""
        if self._tokens is None:
            self._tokens = markup.parse(self.body if self.markdown is None else self.markdown)
            self._heading = None
        return self._tokens

    def use_liquid(self, site, url_of):
        """Apply the site's Liquid to the body before it is parsed (see handbook.liquid.render)."""
        front_matter = self.front_matter or {}
        self.markdown, self.liquid_unknown = liquid.render(self.body, site=site, page=front_matter, url_of=url_of)
        self._tokens = None

    @property
    def has_toc(self):
        return self.meta("has_toc") is not False

    def draft_line(self):
        """The line of a warning callout that calls the page a draft, or None."""
        for index, token in enumerate(self.tokens):
            if token.type not in ("paragraph_open", "blockquote_open") or not token.attrs:
                continue
            if "warning" in (token.attrGet("class") or "").split():
                depth, text = 0, []
                for inner in self.tokens[index:]:
                    depth += inner.nesting
                    if inner.type == "inline":
                        text.append(markup.inline_text(inner))
                    if depth <= 0:
                        break
                if DRAFT.search(" ".join(text)):
                    return self.line_of(token)
        return None

    @property
    def permalink(self):
        return self.meta_text("permalink")

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
        """The first level-1 heading as (text, line), or (None, None); found once."""
        tokens = self.tokens
        if self._heading is None:
            self._heading = None, None
            for index, token in enumerate(tokens):
                if token.type == "heading_open" and token.tag == "h1":
                    self._heading = markup.inline_text(tokens[index + 1]), self.line_of(token)
                    break
        return self._heading

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


@functools.lru_cache(maxsize=4096)
def page_slug(path):
    """A page's address in os2org: its path without the file suffix (worked out once per path: slugify is slow)."""
    pure = PurePosixPath(path)
    stem = pure.with_suffix("") if pure.suffix in PAGE_SUFFIXES else pure
    return "/".join(slugify(part, allow_unicode=True) or "side" for part in stem.parts)


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
        raise PageError(path, 1, gettext_noop("front matter starts with --- but is never closed by a --- line"))
    yaml_text = "".join(lines[1:index])
    try:
        data = load_yaml(yaml_text, loader=_FrontMatterLoader)
    except UntrustedText as error:
        # The front matter starts on the file's second line.
        raise PageError(path, error.line + 1, error.message) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        problem = getattr(error, "problem", None) or str(error)
        raise PageError(path, line, gettext_noop("front matter is not valid YAML: %(problem)s"), problem=problem) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PageError(path, 2, gettext_noop("front matter must be key: value lines"))
    return data, "".join(lines[index + 1 :]), index + 2


def read_page(path, source):
    """Build a Page from its path (as shown to people) and its exact text."""
    front_matter, body, body_line = split_front_matter(path, source)
    return Page(path=path, source=source, front_matter=front_matter, body=body, body_line=body_line)


def read_file(file_path, name):
    return read_page(name, read_text(file_path, name))


def read_bytes(file_path, name, limit):
    """A file's bytes, or None if it holds more than `limit`; PageError if it cannot be read."""
    try:
        # O_NOFOLLOW: a file swapped for a symbolic link after it was found is not read either.
        descriptor = os.open(file_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise PageError(name, None, f"cannot be read: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as file:
        data = file.read(limit + 1)  # enough to tell, however large the file
    return None if len(data) > limit else data


def read_text(file_path, name):
    """A file's text; PageError if it cannot be read, is too large, is no UTF-8 or holds a NUL byte."""
    limit = settings.IMPORT_MAX_BYTES
    data = read_bytes(file_path, name, limit)
    if data is None:
        message = f"is larger than {limit} bytes (IMPORT_MAX_BYTES); split it into several pages"
        raise PageError(name, 1, message)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PageError(name, line, gettext_noop("is not UTF-8 text; save it as UTF-8")) from None
    if "\x00" in source:
        raise PageError(name, source[: source.index("\x00")].count("\n") + 1, gettext_noop("contains a NUL byte"))
    return source


@dataclass(frozen=True)
class Given:
    """A file or folder named to be read, and where it lies in its handbook.

    `name` is its path relative to the handbook's root ("" for the root
    itself), as the pages in it are named.
    """

    path: Path
    name: str

    @property
    def is_folder(self):
        return self.path.is_dir()


def handbook_root(path):
    """The folder a file or folder is named from.

    The nearest folder at or above it, as the path is written, that holds
    Jekyll's _config.yml; without one, the folder itself (for a file: its
    own folder).
    """
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / SITE_CONFIG).is_file():
            return folder
    return start


def locate(given):
    """The Given for a path as typed; PageError if it is missing, or leads through a link or out of its root.

    Nothing below the root may be a symbolic link: a link could bring in
    any file the app may read (its environment file, say) as a page.
    """
    path = Path(given).absolute()
    root = handbook_root(path)
    below = path.parts[len(root.parts) :]
    for depth in range(1, len(below) + 1):
        if root.joinpath(*below[:depth]).is_symlink():
            raise PageError(PurePosixPath(*below[:depth]).as_posix(), None, LINK)
    if not (path.is_file() or path.is_dir()):
        raise PageError(str(given), 0, "no such file or folder")
    inside = root.resolve()
    if not path.resolve().is_relative_to(inside):
        raise PageError(str(given), None, f"lies outside the handbook it is named from ({inside})")
    name = path.resolve().relative_to(inside).as_posix()
    return Given(path, "" if name == "." else name)


def pages_in(folder):
    """(file path, name) of every page in a Given folder, in name order.

    Hidden and underscore folders and files are left out, as Jekyll does.
    A symbolic link to a page or to a folder is refused (PageError):
    neither is followed.
    """
    found = []
    for top, folders, files in os.walk(folder.path):
        top = Path(top)
        prefix = PurePosixPath(folder.name, top.relative_to(folder.path))
        folders[:] = [name for name in folders if not name.startswith(HIDDEN)]
        for name in folders:
            if (top / name).is_symlink():
                raise PageError((prefix / name).as_posix(), None, LINK)
        for name in files:
            path = top / name
            if name.startswith(HIDDEN) or path.suffix not in PAGE_SUFFIXES:
                continue
            if path.is_symlink():
                raise PageError((prefix / name).as_posix(), None, LINK)
            if path.is_file():
                found.append((path, (prefix / name).as_posix()))
    return sorted(found)


def collect_files(paths):
    """Yield (file path, name) for every page under the given files and folders.

    Names are relative to the handbook's root (see handbook_root), so a
    page has the same name whether its handbook, its folder or the page
    itself is given.
    """
    seen = set()
    for given in map(locate, paths):
        for file_path, name in pages_in(given) if given.is_folder else [(given.path, given.name)]:
            # A page given twice (by itself and in its folder) is read once.
            if name not in seen:
                seen.add(name)
                yield file_path, name


def given_folders(paths):
    """The names of the folders among `paths` ("" for a handbook's root), for `import --replace`."""
    return sorted({given.name for given in map(locate, paths) if given.is_folder})


def read_handbook(paths, progress=None):
    """Read every page; raise PageError for the first page that cannot be read."""
    files = list(collect_files(paths))
    pages = []
    for number, (file_path, name) in enumerate(files, start=1):
        pages.append(read_file(file_path, name))
        if progress:
            progress(number, len(files), name)
    return pages


# Files published as they are, which pages show or link to. Anything else
# (scripts, styles, the theme's own files) is not served by os2org.
ASSET_SUFFIXES = (
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".avif",
    ".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".csv", ".zip",
)  # fmt: skip


def assets_in(folder):
    """(file path, name) of every published file in a Given folder that is not a page, in name order."""
    found = []
    for top, folders, files in os.walk(folder.path):
        top = Path(top)
        prefix = PurePosixPath(folder.name, top.relative_to(folder.path))
        folders[:] = [name for name in folders if not name.startswith(HIDDEN) and not (top / name).is_symlink()]
        for name in files:
            path = top / name
            if name.startswith(HIDDEN) or path.suffix.lower() not in ASSET_SUFFIXES:
                continue
            if path.is_symlink():
                raise PageError((prefix / name).as_posix(), None, LINK)
            if path.is_file():
                found.append((path, (prefix / name).as_posix()))
    return sorted(found)


def read_asset(file_path, name):
    """The bytes of a published file, refused (PageError) if larger than HANDBOOK_FILE_MAX_BYTES."""
    limit = settings.HANDBOOK_FILE_MAX_BYTES
    data = read_bytes(file_path, name, limit)
    if data is None:
        raise PageError(name, None, f"is larger than {limit} bytes (HANDBOOK_FILE_MAX_BYTES); make it smaller")
    return data


def read_site_file(paths, relative):
    """The text of one file of the handbook's root (`_sass/color_schemes/x.scss`), or None if it has none.

    Only when the root is given, as for `_config.yml`; a symbolic link on
    the way is refused like any other.
    """
    for given in map(locate, paths):
        if given.is_folder and given.name == "":
            path = given.path
            for part in PurePosixPath(relative).parts:
                path = path / part
                if path.is_symlink():
                    raise PageError(relative, None, LINK)
            return read_text(path, relative) if path.is_file() else None
    return None


def read_site_files(paths):
    """(text of `_config.yml` or None, [(name, bytes)…]) of the handbook given.

    The configuration is read only when the handbook's root is given (a
    folder named ""); the published files under every folder given.
    """
    config, files = None, []
    for given in map(locate, paths):
        if not given.is_folder:
            continue
        if given.name == "":
            config_path = given.path / SITE_CONFIG
            if config_path.is_symlink():
                raise PageError(SITE_CONFIG, None, LINK)
            if config_path.is_file():
                config = read_text(config_path, SITE_CONFIG)
        files += [(name, read_asset(path, name)) for path, name in assets_in(given)]
    return config, files
