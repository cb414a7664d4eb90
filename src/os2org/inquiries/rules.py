"""Who may use the inbox's pages.

Inquiries hold personal data: only the secretariat sees anything of them
(the board does not: this is not reads_everything). Anyone may send one
through the public form, which shows nothing stored but the public topics
and products it offers.
"""

from os2org.common.rules import anyone, secretariat

RULES = {
    "public-form": anyone,
    "thanks": anyone,
    "inbox": secretariat,
    "create": secretariat,
    "inquiry": secretariat,
    "status": secretariat,
    "note": secretariat,
    "reply": secretariat,
    "route": secretariat,
    "upload": secretariat,
    "statistics": secretariat,
    "topics": secretariat,
    "topic-create": secretariat,
    "topic-edit": secretariat,
}
