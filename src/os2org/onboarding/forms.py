"""Forms of onboarding. They validate input; the services save it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.dates import DateField
from os2org.handbook.models import Page
from os2org.members.models import JOINABLE_KINDS
from os2org.onboarding.models import MAX_OFFSET, ChecklistTemplate, Kind
from os2org.onboarding.services import StepData
from os2org.organisation.models import Body, Organisation, Person
from os2org.roles.models import RoleDescription


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("For"), choices=Kind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    revision = RevisionField(label="")

    def __init__(self, *args, template=None, **kwargs):
        if template is not None:
            initial = {"name": template.name, "kind": template.kind, "description": template.description}
            kwargs["initial"] = initial | revision_initial(template)
        super().__init__(*args, **kwargs)


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200)
    owner_role = forms.ModelChoiceField(
        label=_("Owner role"),
        queryset=RoleDescription.objects.in_handbook().only("name").order_by("name"),
        error_messages={"required": _("Choose the role that owns this step.")},
    )
    offset_days = forms.IntegerField(
        label=_("Days from the start"),
        min_value=-MAX_OFFSET,
        max_value=MAX_OFFSET,
        initial=0,
        help_text=_("Negative: before the start."),
    )
    page = forms.ModelChoiceField(
        label=_("Handbook page"),
        queryset=Page.objects.only("path", "title", "heading").order_by("path"),
        required=False,
        empty_label=_("(none)"),
    )

    def step(self):
        data = self.cleaned_data
        return StepData(data["title"], data["owner_role"], data["offset_days"], data["page"])


class BaseStepFormSet(forms.BaseFormSet):
    def steps(self):
        return [form.step() for form in self.forms if form.has_changed() and form.cleaned_data]


# Three empty rows to fill in; a row left empty is no step.
StepFormSet = forms.formset_factory(StepForm, formset=BaseStepFormSet, extra=3, max_num=60, absolute_max=60)


def step_initial(template):
    if template is None:
        return []
    return [
        {"title": step.title, "owner_role": step.owner_role_id, "offset_days": step.offset_days, "page": step.page_id}
        for step in template.steps.order_by("position")
    ]


class StartForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Checklist template"), queryset=ChecklistTemplate.objects.order_by("name")
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.only("name").order_by("name"), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.only("name").order_by("name"), required=False
    )
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Body.objects.filter(kind__in=JOINABLE_KINDS).only("name").order_by("name"),
        required=False,
    )
    starts = DateField(label=_("Start"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"starts": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("person", "organisation", "product") if data.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose exactly one: a person, an organisation or a product."))
        return data


class TaskForm(forms.Form):
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)
    revision = RevisionField(label="")


class ChecklistFilter(forms.Form):
    kind = forms.ChoiceField(label=_("For"), choices=[("", _("All kinds")), *Kind.choices], required=False)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All")), ("running", _("running")), ("done", _("done"))],
        required=False,
    )
    q = forms.CharField(label=_("Words"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)

    @property
    def filtering(self):
        return any(value not in (None, "") for value in self.cleaned_data.values())
