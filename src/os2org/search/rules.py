"""Who may search: anyone. What they find is only what they may read (search.sources)."""

from os2org.common.rules import anyone

RULES = {
    "results": anyone,
}
