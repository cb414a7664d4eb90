"""Who may use the reminder pages: anyone signed in chooses their own."""

from os2org.common.rules import signed_in

RULES = {
    "preferences": signed_in,
}
