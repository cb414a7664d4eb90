"""Who may use the handbook's pages. Pages list only what the viewer may read.

Only the secretariat edits the handbook; a page's versions are for whoever
may read the page (the view refuses the rest).
"""

from os2org.common.rules import anyone, secretariat

RULES = {
    "home": anyone,
    "accessibility": anyone,
    "page": anyone,
    "file": anyone,
    "page-edit": secretariat,
    "page-preview": secretariat,
    "page-history": anyone,
    "role-history": anyone,
}
