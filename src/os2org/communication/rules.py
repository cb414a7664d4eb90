"""Who may use the communication pages.

The board and the secretariat read the plan and the newsletter issues; only
the secretariat changes them. Recipient lists hold personal data and
consent: the secretariat's alone.
"""

from os2org.common.rules import reads_everything, secretariat

RULES = {
    "plan": reads_everything,
    "activity-create": secretariat,
    "activity-edit": secretariat,
    "issues": reads_everything,
    "issue-create": secretariat,
    "issue-edit": secretariat,
    "recipients": secretariat,
    "recipients-csv": secretariat,
    "consent": secretariat,
}
