"""Who may use the pages about members and money.

The board and the secretariat read everything; a member contact reads
their own organisation's agreements and contributions (each page lists
only those: AgreementQuerySet.readable_by); the public and everyone else
read nothing about money. Only the secretariat changes anything.
"""

from os2org.common.rules import ReadWrite, reads_everything, secretariat


def reads_money(viewer, **kwargs):
    """The board and the secretariat, and a member contact for their own organisation."""
    return viewer.reads_money


RULES = {
    "overview": reads_money,
    "agreements": reads_money,
    "agreement": reads_money,
    "agreement-create": secretariat,
    "agreement-edit": secretariat,
    "agreement-notice": secretariat,
    "contributions": reads_money,
    "outstanding": reads_money,
    "contribution": ReadWrite(reads_money, secretariat),
    "contributions-raise": secretariat,
    "export": reads_everything,
    "payments": secretariat,
    "organisation": reads_money,
}
