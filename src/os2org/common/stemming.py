"""Danish words as full-text search compares them: folded, split into words and stemmed.

PostgreSQL searches with its own 'danish' configuration; SQLite's FTS5 has
no Danish stemmer, so the SQLite index (os2org.search) holds the stems this
module makes, and a query is stemmed the same way. Both follow the Snowball
Danish algorithm and PostgreSQL's Danish stop words, so "budgettet" finds
"budget" alike on both databases. Low in the tree: it knows no app.
"""

import re

from os2org.common.search import folded

# PostgreSQL's danish.stop (the Snowball project's list): words too common to search by.
STOP_WORDS = frozenset(
    """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
    min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle
    vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også
    under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange
    ad bliver hendes været thi jer sådan
    """.split()
)

VOWELS = frozenset("aeiouyæåø")
CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
S_ENDING = frozenset("abcdfghjklmnoprtvyzå")
# Longest first: the algorithm removes the longest suffix that fits.
MAIN_SUFFIXES = sorted(
    """
    hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer heds es endes
    erendes enes ernes eres ens hedens erens ers ets erets et eret
    """.split(),
    key=len,
    reverse=True,
)
CONSONANT_PAIRS = ("gd", "dt", "gt", "kt")
OTHER_SUFFIXES = ("elig", "løst", "lig", "els", "ig")
# Letters and digits: PostgreSQL's parser splits words at underscores too.
WORD = re.compile(r"[^\W_]+")


def stem(word: str) -> str:
    """A folded word's Snowball Danish stem."""
    r1 = _r1(word)
    word = _main_suffix(word, r1)
    word = _consonant_pair(word, r1)
    word = _other_suffix(word, r1)
    return _undouble(word, r1)


def words(text: str) -> list[str]:
    """The words of `text` that are searched by, folded, in order (stop words left out)."""
    return [word for word in WORD.findall(folded(text)) if word not in STOP_WORDS]


def stems(text: str) -> list[str]:
    """The stems of the words of `text` that are searched by, in order."""
    return [stem(word) for word in words(text)]


def stemmed(text: str) -> str:
    """`text` as the SQLite index holds it: its stems, one space between them."""
    return " ".join(stems(text))


def _r1(word):
    """Where the region R1 starts: after the first non-vowel that follows a vowel, but not before the fourth letter."""
    for index in range(1, len(word)):
        if word[index] not in VOWELS and word[index - 1] in VOWELS:
            return max(index + 1, 3)
    return len(word)


def _main_suffix(word, r1):
    region = word[r1:]
    for suffix in MAIN_SUFFIXES:
        if region.endswith(suffix):
            return word[: -len(suffix)]
    if region.endswith("s") and len(word) > 1 and word[-2] in S_ENDING:
        return word[:-1]
    return word


def _consonant_pair(word, r1):
    if word[r1:].endswith(CONSONANT_PAIRS):
        return word[:-1]
    return word


def _other_suffix(word, r1):
    if word.endswith("igst"):
        word = word[:-2]
    region = word[r1:]
    for suffix in OTHER_SUFFIXES:
        if region.endswith(suffix):
            if suffix == "løst":
                return word[:-1]
            return _consonant_pair(word[: -len(suffix)], r1)
    return word


def _undouble(word, r1):
    if len(word) - r1 >= 1 and word[-1] in CONSONANTS and len(word) >= 2 and word[-2] == word[-1]:
        return word[:-1]
    return word
