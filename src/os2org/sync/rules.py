"""Who may use the handbook's Git repository from the web.

The status page and the conflicts are the secretariat's, who edit the
handbook. Anyone reaches the webhook: the event's signature is its lock,
checked by the view before anything else (views.webhook).
"""

from os2org.common.rules import anyone, secretariat

RULES = {
    "status": secretariat,
    "conflict": secretariat,
    "webhook": anyone,
}
