"""Who may download an attachment: whoever may read the item it belongs to.

The rule lets everyone reach the view; the view answers 404 unless the
viewer may read the attachment's owner (common.visibility.readable), so
that an attachment of an item one may not read is as absent as the item.
"""

from os2org.common.rules import anyone

RULES = {
    "download": anyone,
}
