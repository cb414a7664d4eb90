"""The audit log names who changed what, personal data included: the
secretariat and the board read it."""

from os2org.common.rules import reads_everything

RULES = {
    "log": reads_everything,
}
