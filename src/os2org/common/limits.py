"""Reading text nobody here wrote (a handbook page's front matter, an organisation
file, a backup, a request's JSON) within bounded time and memory.

YAML can say a lot in a few bytes: aliases repeat a node wherever they
stand, so 300 bytes of nested aliases unfold into millions of values, and
nesting twenty thousand levels deep overflows the parser's stack. JSON
nests as deep as it likes too. The readers here look at the text once,
without building anything, and refuse it when it nests deeper than
MAX_DEPTH or would unfold to more than its own size plus MAX_EXPANSION
characters; only then is it parsed. A refusal says where: UntrustedText
carries the line.
"""

import functools
import json

import yaml
from django.utils.translation import gettext as _

# No front matter, organisation file or API request needs more levels than this.
MAX_DEPTH = 50
# What aliases may add beyond the text's own size (in characters of values).
MAX_EXPANSION = 100_000


class UntrustedText(ValueError):
    """Text refused before it was parsed; `line` is 1-based within the text."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line, self.message = line, message


def check_yaml(text, *, loader=yaml.SafeLoader):
    """Refuse YAML that nests too deep or whose aliases unfold too far.

    Raises UntrustedText (with the line) for those, and yaml.YAMLError for
    text that is no YAML; both before anything is built from it.
    """
    budget = len(text) + MAX_EXPANSION
    depth, unfolded = 0, 0
    sizes, open_collections = {}, []
    for event in yaml.parse(text, Loader=loader):
        size = 0
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise UntrustedText(line, _("nests deeper than %(depth)d levels.") % {"depth": MAX_DEPTH})
            open_collections.append((event.anchor, unfolded))
            size = 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, started = open_collections.pop()
            if anchor:
                sizes[anchor] = unfolded - started
        elif isinstance(event, yaml.ScalarEvent):
            size = 1 + len(event.value)
            if event.anchor:
                sizes[event.anchor] = size
        elif isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor, 1)
        unfolded += size
        if unfolded > budget:
            line = event.start_mark.line + 1
            raise UntrustedText(line, _("its aliases unfold to far more than the text itself; write the values out."))


@functools.cache
def _libyaml_twin(loader):
    """A loader that reads as `loader` (a SafeLoader or subclass) does, with libyaml's C parser.

    The pure-Python parser is most of the time an import spends; PyYAML's
    wheels carry libyaml. Without it, `loader` itself.
    """
    if not getattr(yaml, "__with_libyaml__", False) or not issubclass(loader, yaml.SafeLoader):
        return loader
    return type(
        f"C{loader.__name__}",
        (yaml.CSafeLoader,),
        {"yaml_implicit_resolvers": loader.yaml_implicit_resolvers, "yaml_constructors": loader.yaml_constructors},
    )


def load_yaml(text, *, loader=yaml.SafeLoader):
    """YAML read with `loader` once check_yaml has let it through."""
    fast = _libyaml_twin(loader)
    try:
        check_yaml(text, loader=fast)
        return yaml.load(text, Loader=fast)  # noqa: S506 - a SafeLoader's twin
    except yaml.YAMLError:
        # libyaml words its errors its own way: the message shown is the
        # pure-Python parser's, with the same line.
        pass
    check_yaml(text, loader=loader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - callers pass SafeLoader or a subclass of it


def compose_yaml(text):
    """The YAML node tree (for readers that want the line of every value), checked first.

    Read with libyaml where it is installed, as load_yaml reads.
    """
    fast = _libyaml_twin(yaml.SafeLoader)
    try:
        check_yaml(text, loader=fast)
        return yaml.compose(text, Loader=fast)
    except yaml.YAMLError:
        # An error is told in the pure-Python parser's words, as in load_yaml.
        pass
    check_yaml(text)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def check_json_depth(text, *, max_depth=MAX_DEPTH):
    """Raise UntrustedText if the JSON text nests deeper than `max_depth`.

    One pass over the characters, skipping strings: Python's own parser
    recurses once per level and fails with a RecursionError deep down.
    """
    depth, in_string, escaped, line = 0, False, False, 1
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise UntrustedText(line, _("nests deeper than %(depth)d levels.") % {"depth": max_depth})
        elif char in "]}":
            depth -= 1
        elif char == "\n":
            line += 1


def load_json(text, *, max_depth=MAX_DEPTH):
    """JSON read once check_json_depth has let it through; ValueError for text that is no JSON."""
    check_json_depth(text, max_depth=max_depth)
    return json.loads(text)
