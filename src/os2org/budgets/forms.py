"""The forms for budgets, their lines, the actuals' upload and the invoice approvers.

They validate input; budgets.services saves it. Amounts are typed as people
type them: "12500,50", "12.500,50" and "12500.50" are read alike.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.budgets.models import BUDGET_KINDS, FIRST_YEAR, LAST_YEAR, QUARTERS, Account
from os2org.common.forms import KronerField
from os2org.governance.models import AgendaItem
from os2org.organisation.models import Body, Person
from os2org.roles.models import RoleDescription


def budget_bodies():
    return Body.objects.filter(kind__in=BUDGET_KINDS).only("name", "slug").order_by("name")


def board_decisions():
    """The board's decisions, newest first: a budget and a mandate are given by one."""
    return (
        AgendaItem.objects.decisions()
        .filter(meeting__body__kind=Body.Kind.BOARD)
        .select_related("meeting")
        .order_by("-meeting__starts", "position")
    )


class DecisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.meeting.day_in_words}: {obj.title}"


def decision_field(required=False):
    return DecisionField(
        label=_("Board decision"),
        queryset=board_decisions(),
        required=required,
        empty_label=_("(not approved yet)") if not required else "---------",
        error_messages={"invalid_choice": _("Choose one of the board's decisions listed.")},
    )


def year_field():
    return forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class BudgetForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=budget_bodies(),
        help_text=_("The secretariat, a programme or a product community."),
        error_messages={"invalid_choice": _("Choose one of the bodies listed.")},
    )
    year = year_field()
    decision = decision_field()


class ApprovalForm(forms.Form):
    decision = decision_field()
    revision = RevisionField(label="")

    def __init__(self, data=None, *, budget):
        super().__init__(data, initial={"decision": budget.decision_id, **revision_initial(budget)})


class LineForm(forms.Form):
    account = forms.ModelChoiceField(
        label=_("Account"),
        queryset=Account.objects.order_by("number"),
        error_messages={"invalid_choice": _("Choose one of the accounts listed.")},
    )
    amount = KronerField(label=_("Amount in DKK"))
    revision = RevisionField(label="")

    def __init__(self, data=None, *, line=None):
        initial = {"account": line.account_id, "amount": line.amount, **revision_initial(line)} if line else {}
        super().__init__(data, initial=initial)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment on the variance"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("Why the account is above or below its budget. Leave empty to remove the comment."),
    )
    revision = RevisionField(label="")

    def __init__(self, data=None, *, line):
        super().__init__(data, initial={"comment": line.comment, **revision_initial(line)})


class ActualsForm(forms.Form):
    file = forms.FileField(
        label=_("File from the accounts"),
        help_text=_("CSV or XLSX with the columns account, body and amount (see below)."),
    )
    year = year_field()
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(quarter, str(quarter)) for quarter in QUARTERS]
    )


class FilterForm(forms.Form):
    """The overview's filters: a year and a body."""

    aar = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    organ = forms.ModelChoiceField(
        label=_("Body"), queryset=budget_bodies(), required=False, empty_label=_("All"), to_field_name="slug"
    )

    def __init__(self, data, *, viewer):
        super().__init__(data, auto_id="filter-%s")
        if not viewer.reads_everything:
            self.fields["organ"].queryset = budget_bodies().filter(pk__in=viewer.edits_bodies)


class ApproverForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Product"), queryset=budget_bodies(), required=False, empty_label=_("(none: an account)")
    )
    account = forms.ModelChoiceField(
        label=_("Account"), queryset=Account.objects.order_by("number"), required=False, empty_label=_("(none: a product)")
    )
    role = forms.ModelChoiceField(
        label=_("Role"),
        queryset=RoleDescription.objects.only("name").order_by("name"),
        required=False,
        empty_label=_("(none: a person)"),
        help_text=_("Whoever holds the role approves; or choose a person instead."),
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.only("name").order_by("name"), required=False, empty_label=_("(none: a role)")
    )
    decision = decision_field(required=True)
    revision = RevisionField(label="")

    def __init__(self, data=None, *, approver=None):
        initial = {}
        if approver is not None:
            names = ("body", "account", "role", "person", "decision")
            initial = {name: getattr(approver, f"{name}_id") for name in names} | revision_initial(approver)
        super().__init__(data, initial=initial)

    def service_arguments(self):
        names = ("body", "account", "role", "person", "decision")
        return {name: self.cleaned_data[name] for name in names} | {"revision": self.cleaned_data["revision"]}
