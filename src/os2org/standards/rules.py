"""Who may use the pages of reviews against the standards.

Anyone reads a product's reviews and deviations as far as they read the
product (each page lists, or finds, only those: ProductReview.READ_FILTER);
the secretariat and the board read the checklists. Only the secretariat
changes anything: the checklists, the reviews and their deviations.
"""

from os2org.common.rules import ReadWrite, anyone, reads_everything, secretariat

RULES = {
    "products": anyone,
    "product": anyone,
    "review": anyone,
    "deviations": anyone,
    "deviation": ReadWrite(anyone, secretariat),
    "checklists": reads_everything,
    "checklist": reads_everything,
    "checklist-create": secretariat,
    "checklist-edit": secretariat,
    "review-create": secretariat,
    "review-answer": secretariat,
    "review-complete": secretariat,
    "deviation-close": secretariat,
}
