"""The Danish catalogue is complete, and the committed .mo says what the .po says."""

import ast
import gettext

from tests.conftest import ROOT

CATALOGUE = ROOT / "src" / "os2org" / "locale" / "da" / "LC_MESSAGES"


def po_entries():
    """(flags, msgctxt, msgid, msgid_plural, [msgstr…]) for every entry but the header."""
    entries, flags, fields, current = [], "", {}, None
    for line in [*(CATALOGUE / "django.po").read_text(encoding="utf-8").split("\n"), ""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            current, _space, rest = line.partition(" ")
            fields[current] = ast.literal_eval(rest)
        elif line.startswith('"') and current:
            fields[current] += ast.literal_eval(line)
        elif not line.strip() and fields:
            strs = [value for key, value in sorted(fields.items()) if key.startswith("msgstr")]
            if fields.get("msgid"):
                entries.append((flags, fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), strs))
            flags, fields, current = "", {}, None
    return entries


def test_catalogue_has_no_fuzzy_entries():
    assert [msgid for flags, _context, msgid, _plural, _strs in po_entries() if "fuzzy" in flags] == []


def test_catalogue_translates_every_message():
    assert [msgid for _flags, _context, msgid, _plural, strs in po_entries() if not all(strs)] == []


def test_compiled_catalogue_matches_the_source():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        danish = gettext.GNUTranslations(compiled)
    stale = []
    for _flags, context, msgid, plural, strs in po_entries():
        if plural:
            found = [danish.npgettext(context, msgid, plural, n) if context else danish.ngettext(msgid, plural, n) for n in (1, 2)]
        else:
            found = [danish.pgettext(context, msgid) if context else danish.gettext(msgid)]
        if found != (strs if plural else strs[:1]):
            stale.append(msgid)
    assert stale == []
