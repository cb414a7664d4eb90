"""Who may use the budget pages.

The board and the secretariat read every budget, its actuals and the
invoice approvers; a product coordinator reads the budgets of their own
community (a budget of another is not found); member contacts and the
public read nothing of budgets. Only the secretariat changes anything.
"""

from os2org.budgets.selectors import reads_budgets
from os2org.common.rules import reads_everything, secretariat


def reads(viewer, **kwargs):
    return reads_budgets(viewer)


RULES = {
    "budgets": reads,
    "budget": reads,
    "budget-create": secretariat,
    "budget-approve": secretariat,
    "line-create": secretariat,
    "line-edit": secretariat,
    "line-comment": secretariat,
    "accounts": reads,
    "actuals": secretariat,
    "approvers": reads_everything,
    "approver-create": secretariat,
    "approver-edit": secretariat,
}
