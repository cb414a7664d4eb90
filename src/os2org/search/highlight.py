"""Matches shown in a result: the text escaped first, then each searched word marked with <mark>.

A word is marked when its stem starts with one searched for (common.stemming),
as search finds it: "budgettet" and "budgetforslag" are marked for "budget".
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from os2org.common.search import folded
from os2org.common.stemming import STOP_WORDS, WORD, stem

# About two lines of text around the first match.
EXCERPT = 160


def searched(word: str, stems: tuple[str, ...]) -> bool:
    word = folded(word)
    return word not in STOP_WORDS and stem(word).startswith(stems)


def marked(text: str, stems: tuple[str, ...]) -> SafeString:
    """`text`, escaped, with each word whose stem is among `stems` marked."""
    parts, at = [], 0
    for word in WORD.finditer(text):
        if searched(word.group(), stems):
            parts += [escape(text[at : word.start()]), "<mark>", escape(word.group()), "</mark>"]
            at = word.end()
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))


def excerpt(text: str, stems: tuple[str, ...], width: int = EXCERPT) -> SafeString:
    """A line of `text` around its first searched word (its start, if none), marked."""
    return marked(window(text, stems, width), stems)


def window(text: str, stems: tuple[str, ...], width: int = EXCERPT) -> str:
    """A line of `text` around its first searched word (its start, if none), cut at words."""
    text = " ".join(text.split())
    first = next((word for word in WORD.finditer(text) if searched(word.group(), stems)), None)
    # From the start of a word a little before the match, to the end of a word.
    start = 0 if first is None else text.rfind(" ", 0, max(first.start() - width // 4, 0)) + 1
    end = len(text) if len(text) <= start + width else text.rfind(" ", start, start + width)
    if end <= start:
        end = start + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
