"""Who may use the overview: anyone signed in sees their own."""

from os2org.common.rules import signed_in

RULES = {
    "mine": signed_in,
}
