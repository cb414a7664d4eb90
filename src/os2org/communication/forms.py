"""Forms of the communication plan. They validate input; the services save it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.dates import DateField
from os2org.common.forms import ReadableMultipleChoiceField
from os2org.communication.models import Audience, Channel, NewsletterIssue, PlannedActivity
from os2org.members.models import JOINABLE_KINDS
from os2org.organisation.models import Body, Person
from os2org.roles.models import RoleDescription


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    day = DateField(label=_("Date"))
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    status = forms.ChoiceField(label=_("Status"), choices=PlannedActivity.Status.choices)
    owner_role = forms.ModelChoiceField(
        label=_("Owner role"),
        queryset=RoleDescription.objects.in_handbook().only("name").order_by("name"),
        required=False,
        help_text=_("A role or a person: one of them."),
    )
    owner_person = forms.ModelChoiceField(
        label=_("Owner"), queryset=Person.objects.only("name").order_by("name"), required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    revision = RevisionField(label="")

    def __init__(self, *args, activity=None, **kwargs):
        if activity is not None:
            stored = {
                name: getattr(activity, name) for name in ("title", "day", "audience", "channel", "status", "notes")
            }
            stored.update(owner_role=activity.owner_role_id, owner_person=activity.owner_person_id)
            kwargs["initial"] = stored | revision_initial(activity)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if bool(data.get("owner_role")) == bool(data.get("owner_person")):
            self.add_error("owner_role", _("Give the owner: a role or a person, one of them."))
        return data


PRODUCTS = Body.objects.filter(kind__in=JOINABLE_KINDS).only("name", "slug").order_by("name")


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    planned = DateField(label=_("Planned for"))
    status = forms.ChoiceField(label=_("Status"), choices=NewsletterIssue.Status.choices)
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: everyone in the contact register."),
    )
    # Refuses an id no database keeps, as a form field should, instead of failing in the query.
    products = ReadableMultipleChoiceField(
        label=_("Segment: contacts of these products"),
        queryset=PRODUCTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: all products."),
    )
    revision = RevisionField(label="")

    def __init__(self, *args, issue=None, **kwargs):
        if issue is not None:
            stored = {"title": issue.title, "planned": issue.planned, "status": issue.status}
            stored.update(audiences=issue.audiences, products=[product.pk for product in issue.products.all()])
            kwargs["initial"] = stored | revision_initial(issue)
        super().__init__(*args, **kwargs)


class PlanFilter(forms.Form):
    aar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    audience = forms.ChoiceField(
        label=_("Audience"), choices=[("", _("All audiences")), *Audience.choices], required=False
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *PlannedActivity.Status.choices], required=False
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        this_year = timezone.localdate().year
        self.fields["aar"].choices = [(year, year) for year in sorted({*years, this_year}, reverse=True)]

    @property
    def filtering(self):
        return any(value not in (None, "") for name, value in self.cleaned_data.items() if name != "aar")


class RecipientsFilter(forms.Form):
    issue = forms.ModelChoiceField(
        label=_("Newsletter issue"),
        queryset=NewsletterIssue.objects.only("title").order_by("-planned", "-pk"),
        required=False,
        empty_label=_("(none: choose below)"),
        help_text=_("Its audiences and segment, in place of those below."),
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=[("", _("Everyone")), *Audience.choices], required=False)
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=PRODUCTS, required=False, empty_label=_("All products"), to_field_name="slug"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)


class ConsentForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.exclude(email="").only("name", "email").order_by("name")
    )
    answer = forms.ChoiceField(
        label=_("Answer"), choices=[("consent", _("consents")), ("unsubscribe", _("unsubscribes"))]
    )
    on = DateField(label=_("On"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
