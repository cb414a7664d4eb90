"""Who may use the role catalogue. A role shows if its handbook page does."""

from os2org.common.rules import anyone

RULES = {
    "catalogue": anyone,
    "detail": anyone,
}
