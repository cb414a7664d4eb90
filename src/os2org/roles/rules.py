"""Who may use the role catalogue. A role shows if its handbook page does."""

from os2org.access.rules import anyone

RULES = {
    "catalogue": anyone,
    "detail": anyone,
    # The versions of the role's page, for whoever may read the page.
    "history": anyone,
}
