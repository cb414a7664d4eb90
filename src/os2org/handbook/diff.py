"""What changed between two versions of a page, line by line, for people to read."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from os2org.handbook.pages import split_lines

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class Line:
    kind: str
    old: int | None  # the line's number in the older text, if it is there
    new: int | None  # …and in the newer one
    text: str


@dataclass(frozen=True)
class Hunk:
    """A run of changed lines with a few unchanged lines around them."""

    lines: list

    @property
    def first_old(self):
        return next((line.old for line in self.lines if line.old), None)

    @property
    def first_new(self):
        return next((line.new for line in self.lines if line.new), None)


@dataclass(frozen=True)
class Diff:
    hunks: list

    def count(self, kind):
        return sum(line.kind == kind for hunk in self.hunks for line in hunk.lines)

    @property
    def added(self):
        return self.count(ADDED)

    @property
    def removed(self):
        return self.count(REMOVED)


def _lines(text):
    # Lines as the editor and `path:line` messages count them (at \n only).
    return [line.removesuffix("\n") for line in split_lines(text)]


def line_diff(older, newer, context=3):
    """The lines that differ between two texts, in hunks with `context` unchanged lines around each."""
    before, after = _lines(older), _lines(newer)
    hunks = []
    for group in SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(context):
        if all(tag == "equal" for tag, *_range in group):
            continue  # the texts are the same
        lines = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(Line(SAME, i + 1, j + 1, before[i]) for i, j in zip(range(i1, i2), range(j1, j2)))
                continue
            lines.extend(Line(REMOVED, i + 1, None, before[i]) for i in range(i1, i2))
            lines.extend(Line(ADDED, None, j + 1, after[j]) for j in range(j1, j2))
        hunks.append(Hunk(lines))
    return Diff(hunks)
