"""Forms for bodies, organisations, people and assignments. They validate input; the services save it."""

from decimal import Decimal
from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.dates import DateField
from os2org.common.forms import ReadableChoiceField, ReadableMultipleChoiceField, VisibilityField, add_service_errors
from os2org.common.identifiers import digits_only, validate_cvr, validate_ean
from os2org.common.numbers import HOURS_IN_A_WEEK
from os2org.common.visibility import Visibility
from os2org.organisation.choices import check_parent, parent_choices
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import check_not_inside_itself, check_one_chair, hours_from
from os2org.organisation.templatetags import directory
from os2org.roles.models import RoleDescription


class HoursField(forms.DecimalField):
    """Hours a week, written with a decimal comma or point ("37,5" or "37.5")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not Decimal(0) < value <= HOURS_IN_A_WEEK:
            raise ValidationError(_("Hours per week must be more than 0 and at most 168."), code="hours_range")


class VisibilityMixin:
    """Who may read the item; a post without it leaves it as it was."""

    def clean_visibility(self):
        return self.cleaned_data["visibility"] or self.initial.get("visibility") or Visibility.PUBLIC


def visibility_field():
    return VisibilityField(label=_("Who may read it"), help_text="", required=False)


class BodyForm(VisibilityMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK_CHOICE_DASH + Body.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Part of"), queryset=Body.objects.only("name"), required=False, empty_label=_("(none)")
    )
    programme = ReadableChoiceField(
        label=_("Programme"),
        queryset=Body.objects.filter(kind=Body.Kind.PROGRAMME).only("name", "visibility"),
        required=False,
        empty_label=_("(none)"),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    suppliers = ReadableMultipleChoiceField(
        label=_("Suppliers"),
        queryset=Organisation.objects.only("name", "visibility"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = visibility_field()
    revision = RevisionField(label="")

    def __init__(self, *args, viewer, body=None, **kwargs):
        self.body, self.viewer = body, viewer
        if body is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": body.name,
                    "kind": body.kind,
                    "parent": body.parent_id,
                    "programme": body.programme_id,
                    "description": body.description,
                    "suppliers": [organisation.pk for organisation in body.suppliers.all()],
                    "visibility": body.visibility,
                    **revision_initial(body),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parent_choices(viewer, body)
        self.fields["programme"].limit(viewer, [body.programme] if body is not None else ())
        self.fields["suppliers"].limit(viewer, body.suppliers.all() if body is not None else ())

    def clean(self):
        data = super().clean()
        if "parent" in data:
            try:
                check_parent(self.viewer, self.body, data["parent"])
                check_not_inside_itself(self.body, data["parent"])
            except ValidationError as error:
                add_service_errors(self, error)
        return data


class OrganisationForm(VisibilityMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices, initial=Organisation.Kind.OTHER)
    cvr = forms.CharField(label=_("CVR number"), required=False, help_text=_("8 digits; leave empty if none."))
    ean = forms.CharField(
        label=_("EAN number"), required=False, help_text=_("13 digits: where e-invoices go; leave empty if none.")
    )
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_member = forms.BooleanField(label=_("Member"), required=False)
    member_since = DateField(label=_("Member since"), required=False)
    member_until = DateField(label=_("Member until"), required=False, help_text=_("Leave empty if still a member."))
    is_supplier = forms.BooleanField(label=_("Supplier"), required=False)
    is_partner = forms.BooleanField(label=_("Partner"), required=False)
    partner_role = forms.CharField(label=_("Role toward the association"), widget=forms.Textarea, required=False)
    visibility = visibility_field()
    revision = RevisionField(label="")

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        if organisation is not None:
            stored = {name: getattr(organisation, name) for name in self.base_fields if name != "revision"}
            kwargs.setdefault("initial", {**stored, **revision_initial(organisation)})
        super().__init__(*args, **kwargs)

    def clean_cvr(self):
        # Written "12 34 56 78" as often as "12345678"; the database would
        # refuse anything but 8 digits with a message meant for programmers.
        cvr = digits_only(self.cleaned_data["cvr"])
        validate_cvr(cvr)
        other = Organisation.objects.filter(cvr=cvr).exclude(pk=getattr(self.organisation, "pk", None)).first()
        if cvr and other:
            raise ValidationError(_("%(name)s already has this CVR number.") % {"name": other.name}, code="cvr_taken")
        return cvr

    def clean_ean(self):
        ean = digits_only(self.cleaned_data["ean"])
        validate_ean(ean)
        return ean

    def clean(self):
        data = super().clean()
        since, until = data.get("member_since"), data.get("member_until")
        if since and until and until <= since:
            self.add_error("member_until", _("The membership must end after it began."))
        return data


class PersonForm(VisibilityMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Organisation.objects.only("name"), required=False, empty_label=_("(none)")
    )
    contract_hours = HoursField(label=_("Contract hours per week"), max_digits=5, decimal_places=2, initial=37)
    visibility = visibility_field()
    revision = RevisionField(label="")

    def __init__(self, *args, person=None, **kwargs):
        if person is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": person.name,
                    "email": person.email,
                    "employer": person.employer_id,
                    "contract_hours": person.contract_hours,
                    "visibility": person.visibility,
                    **revision_initial(person),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


# Shares are agreed as simple fractions (1/5, 1/3, 1/2 …); stored with four
# decimals, a third reads back as 0.3333, so anything this close is given
# back as the fraction it was.
FRACTION_TOLERANCE = Decimal("0.0005")
LARGEST_DENOMINATOR = 10


def share_as_entered(value):
    """A stored share as staff would type it: 0.3333 → “1/3”, else every stored decimal (“0,27” in Danish)."""
    fraction = Fraction(value).limit_denominator(LARGEST_DENOMINATOR)
    if abs(Decimal(fraction.numerator) / fraction.denominator - value) <= FRACTION_TOLERANCE:
        return f"{fraction.numerator}/{fraction.denominator}"
    return number_format(value.normalize(), use_l10n=True)


class AssignmentForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.only("name"))
    role = forms.ModelChoiceField(
        label=_("Role description"),
        queryset=RoleDescription.objects.only("name").order_by("name"),
        required=False,
        empty_label=_("(none)"),
    )
    function = forms.ChoiceField(label=_("Function"), choices=Assignment.Function.choices, initial="member")
    starts = DateField(label=_("From"))
    ends = DateField(label=_("Until"), required=False, help_text=_("Leave empty if open-ended."))
    hours_per_week = forms.CharField(
        label=_("Hours per week"), required=False, help_text=_("Either hours per week (e.g. 7,5)…")
    )
    share = forms.CharField(
        label=_("Share of a full year"), required=False, help_text=_("…or a share of a full year (e.g. 1/3 or 0,5).")
    )
    reports_to = forms.ModelChoiceField(
        label=_("Reports to"), queryset=Person.objects.only("name"), required=False, empty_label=_("(none)")
    )
    revision = RevisionField(label="")

    def __init__(self, *args, person, assignment=None, **kwargs):
        self.person, self.assignment = person, assignment
        if assignment is not None:
            kwargs.setdefault(
                "initial",
                {
                    "body": assignment.body_id,
                    "role": assignment.role_id,
                    "function": assignment.function,
                    "starts": assignment.starts,
                    "ends": assignment.ends,
                    # The time as it was agreed: a share if one was entered, else the hours.
                    "hours_per_week": directory.hours(assignment.hours_per_week) if assignment.share is None else "",
                    "share": "" if assignment.share is None else share_as_entered(assignment.share),
                    "reports_to": assignment.reports_to_id,
                    **revision_initial(assignment),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = Person.objects.exclude(pk=person.pk).only("name")
        self.fields["starts"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        self._clean_time(data)
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end date must be after the start date."))
        if starts and data.get("body") and data.get("function") and not self.has_error("ends"):
            try:
                check_one_chair(
                    Assignment(
                        pk=getattr(self.assignment, "pk", None),
                        body=data["body"],
                        function=data["function"],
                        starts=starts,
                        ends=ends,
                    )
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data

    def _clean_time(self, data):
        """Hours or share, checked as the service reads them."""
        try:
            hours_from(hours_per_week=data.get("hours_per_week") or None, share=data.get("share") or None)
        except ValidationError as error:
            add_service_errors(self, error)


class EndAssignmentForm(forms.Form):
    ends = DateField(label=_("Ends on"))
    revision = RevisionField(label="")

    def __init__(self, *args, assignment, **kwargs):
        self.assignment = assignment
        super().__init__(*args, initial=revision_initial(assignment), **kwargs)
        self.fields["ends"].initial = timezone.localdate()

    def clean_ends(self):
        ends = self.cleaned_data["ends"]
        if ends <= self.assignment.starts:
            raise ValidationError(_("The end date must be after the start date."), code="ends_before_start")
        return ends

