"""Forms for agreements and contributions. They validate input; the services save it."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.attachments.forms import AttachmentField
from os2org.audit.forms import RevisionField, revision_initial
from os2org.budgets.models import Account
from os2org.common.dates import DateField
from os2org.common.forms import KronerField
from os2org.members.models import JOINABLE_KINDS, Agreement, Contribution
from os2org.organisation.models import Body, Organisation

STATUS_CHOICES = [("", _("All statuses")), *Agreement.Status.choices]
CONTRIBUTION_STATUS_CHOICES = [("", _("All statuses")), ("outstanding", _("outstanding")), *Contribution.Status.choices]
# A fee left empty is none at all.
FEE = {"required": False, "minimum": Decimal(0), "empty_value": Decimal(0), "help_text": _("In kroner, e.g. 12.500 or 12500,50.")}


class AgreementForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.only("name"))
    product = forms.ModelChoiceField(
        label=_("Product or programme"),
        queryset=Body.objects.filter(kind__in=JOINABLE_KINDS).only("name").order_by("name"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices, initial=Agreement.Status.ACTIVE)
    signed = DateField(label=_("Signed"), required=False, help_text=_("Leave empty for a draft."))
    starts = DateField(label=_("From"))
    ends = DateField(
        label=_("Until"), required=False, help_text=_("The first day it no longer binds; empty if open-ended.")
    )
    notice_months = forms.IntegerField(label=_("Notice in months"), min_value=0, max_value=60, initial=6)
    joining_fee = KronerField(label=_("Joining fee"), **FEE)
    annual_fee = KronerField(label=_("Annual fee"), **FEE)
    account = forms.ModelChoiceField(
        label=_("Account"),
        queryset=Account.objects.order_by("number"),
        required=False,
        empty_label=_("(none)"),
        help_text=_("The income account its contributions are booked to."),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    document = AttachmentField(
        label=_("Signed agreement"), required=False, help_text=_("The signed document: PDF, Word or a scan.")
    )
    revision = RevisionField(label="")

    def __init__(self, *args, agreement=None, initial=None, **kwargs):
        if agreement is not None:
            stored = {name: getattr(agreement, name) for name in self.base_fields if hasattr(agreement, name)}
            stored.update(
                organisation=agreement.organisation_id, product=agreement.product_id, account=agreement.account_id
            )
            initial = {**stored, **revision_initial(agreement), **(initial or {})}
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("status") != Agreement.Status.DRAFT and "signed" in data and data["signed"] is None:
            self.add_error("signed", _("Give the day it was signed: only a draft may be without one."))
        return data


class NoticeForm(forms.Form):
    given_on = DateField(label=_("Notice given on"))
    revision = RevisionField(label="")

    def __init__(self, *args, agreement, **kwargs):
        kwargs.setdefault("initial", {"given_on": timezone.localdate(), **revision_initial(agreement)})
        super().__init__(*args, **kwargs)


class ContributionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Contribution.Status.choices)
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=200, required=False)
    invoiced_on = DateField(label=_("Invoiced on"), required=False)
    paid_on = DateField(label=_("Paid on"), required=False)
    revision = RevisionField(label="")

    def __init__(self, *args, contribution, **kwargs):
        stored = {name: getattr(contribution, name) for name in ("status", "invoice_number", "invoiced_on", "paid_on")}
        kwargs.setdefault("initial", {**stored, **revision_initial(contribution)})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("status") == Contribution.Status.PAID and not data.get("paid_on"):
            self.add_error("paid_on", _("Give the day it was paid."))
        return data


class RaiseForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999)


class PaymentsForm(forms.Form):
    file = forms.FileField(
        label=_("The accounting system's export"),
        help_text=_(
            "CSV or XLSX with the columns line and status, and if known invoice_number, invoiced_on and "
            "paid_on: the layout of the export from this page."
        ),
    )


class MoneyFilter(forms.Form):
    """What the lists of agreements and of contributions are filtered by: an organisation (of those
    `organisations` the reader may choose) and a product (a programme: its products too)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    product = forms.ModelChoiceField(
        label=_("Product or programme"),
        queryset=Body.objects.filter(kind__in=JOINABLE_KINDS).only("name", "slug").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All products"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        self.fields["organisation"].queryset = organisations.only("name", "slug").order_by("name")

    @property
    def filtering(self):
        return any(value not in (None, "") for value in self.cleaned_data.values())


class AgreementFilter(MoneyFilter):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    q = forms.CharField(label=_("Words"), max_length=200, required=False)


class ContributionFilter(MoneyFilter):
    aar = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=CONTRIBUTION_STATUS_CHOICES, required=False)
    field_order = ["aar", "product", "organisation", "status"]

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aar"].choices = [("", _("All years")), *((year, year) for year in years)]
