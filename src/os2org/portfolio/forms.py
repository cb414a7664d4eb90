"""Forms of the portfolio. They validate input; the services save it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.dates import DateField
from os2org.portfolio.models import MAX_REPOSITORIES, Milestone, Stage
from os2org.portfolio.periods import last_ended

# As the models keep hours: eight digits, two of them decimals.
HOURS = {"min_value": 0, "max_digits": 8, "decimal_places": 2}
LONG_TEXT = 20_000
STAGE_CHOICES = [("", _("All stages")), *Stage.choices]


class StageFilter(forms.Form):
    fase = forms.ChoiceField(label=_("Stage"), choices=STAGE_CHOICES, required=False)

    @property
    def filtering(self):
        return self.is_valid() and bool(self.cleaned_data["fase"])


class ProfileForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), choices=Stage.choices, help_text=_("Where the community starts; later a board decision moves it.")
    )
    goals = forms.CharField(
        label=_("Goals"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=LONG_TEXT,
        help_text=_("Markdown."),
    )
    licence = forms.CharField(
        label=_("Licence"), max_length=100, required=False, help_text=_("An SPDX identifier, such as MPL-2.0.")
    )
    repositories = forms.CharField(
        label=_("Repositories"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=MAX_REPOSITORIES * 500,
        help_text=_("One web address a line."),
    )
    revision = RevisionField(label="")

    def __init__(self, *args, profile=None, **kwargs):
        initial = {}
        if profile is not None and profile.pk:
            initial = {
                "stage": profile.stage,
                "goals": profile.goals,
                "licence": profile.licence,
                "repositories": "\n".join(profile.repositories),
                **revision_initial(profile),
            }
        super().__init__(*args, initial=initial, **kwargs)
        if profile is not None and profile.pk:
            # The stage moves by a board decision on the community's gate, not here.
            del self.fields["stage"]

    def clean_repositories(self):
        return self.cleaned_data["repositories"].splitlines()


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    due = DateField(label=_("Due"))
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    done_on = DateField(label=_("Done on"), required=False, help_text=_("Empty: today, when it is done."))
    revision = RevisionField(label="")

    def __init__(self, *args, milestone=None, **kwargs):
        initial = {}
        if milestone is not None:
            initial = {name: getattr(milestone, name) for name in ("title", "due", "status", "done_on")}
            initial.update(revision_initial(milestone))
        super().__init__(*args, initial=initial, **kwargs)


class ReportForm(forms.Form):
    """A status report, with a status and a comment field per milestone of the community."""

    period_starts = DateField(label=_("Period from"), help_text=_("The first day of the period it covers."))
    summary = forms.CharField(
        label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=LONG_TEXT,
        help_text=_("Markdown."),
    )
    risks = forms.CharField(
        label=_("Risks"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=LONG_TEXT,
        help_text=_("Markdown."),
    )
    hours_used = forms.DecimalField(label=_("Hours used"), **HOURS)
    hours_bought = forms.DecimalField(label=_("Hours bought"), **HOURS)
    revision = RevisionField(label="")

    def __init__(self, *args, milestones, report=None, today=None, **kwargs):
        self.milestones = list(milestones)
        said = {p.milestone_id: p for p in report.progress.all()} if report is not None else {}
        if report is not None:
            initial = {name: getattr(report, name) for name in ("period_starts", "summary", "risks", "hours_used", "hours_bought")}
            initial.update(revision_initial(report))
        else:
            initial = {"period_starts": last_ended(today)[0]}
        for milestone in self.milestones:
            progress = said.get(milestone.pk)
            initial[f"status_{milestone.pk}"] = progress.status if progress else milestone.status
            initial[f"comment_{milestone.pk}"] = progress.comment if progress else ""
        super().__init__(*args, initial=initial, **kwargs)
        for milestone in self.milestones:
            self.fields[f"status_{milestone.pk}"] = forms.ChoiceField(
                label=_("Status of “%(title)s”") % {"title": milestone.title}, choices=Milestone.Status.choices
            )
            self.fields[f"comment_{milestone.pk}"] = forms.CharField(
                label=_("Comment on “%(title)s”") % {"title": milestone.title}, required=False, max_length=2000
            )

    def progress(self):
        """{milestone id: (status, comment)} as the service takes it."""
        data = self.cleaned_data
        return {m.pk: (data[f"status_{m.pk}"], data[f"comment_{m.pk}"]) for m in self.milestones}

    def service_fields(self):
        names = ("period_starts", "summary", "risks", "hours_used", "hours_bought")
        return {name: self.cleaned_data[name] for name in names}


class GateTemplateForm(forms.Form):
    items = forms.CharField(
        label=_("Checklist"), widget=forms.Textarea(attrs={"rows": 8}), max_length=LONG_TEXT,
        help_text=_("One point a line, in order."),
    )
    revision = RevisionField(label="")

    def __init__(self, *args, template=None, **kwargs):
        initial = {}
        if template is not None:
            initial = {"items": "\n".join(item.text for item in template.items.all()), **revision_initial(template)}
        super().__init__(*args, initial=initial, **kwargs)

    def clean_items(self):
        return self.cleaned_data["items"].splitlines()


class GateCheckForm(forms.Form):
    """A checkbox and a comment per point of an open gate."""

    revision = RevisionField(label="")

    def __init__(self, *args, gate, **kwargs):
        self.checks = list(gate.checks.all())
        initial = revision_initial(gate)
        for check in self.checks:
            initial[f"checked_{check.position}"] = check.checked
            initial[f"comment_{check.position}"] = check.comment
        super().__init__(*args, initial=initial, **kwargs)
        for check in self.checks:
            self.fields[f"checked_{check.position}"] = forms.BooleanField(label=check.text, required=False)
            self.fields[f"comment_{check.position}"] = forms.CharField(
                label=_("Comment on point %(position)d") % {"position": check.position}, required=False, max_length=2000
            )

    def checks_data(self):
        data = self.cleaned_data
        return {c.position: (data[f"checked_{c.position}"], data[f"comment_{c.position}"]) for c in self.checks}


class GatePassForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Board decision"), queryset=None)
    revision = RevisionField(label="")

    def __init__(self, *args, gate, decisions, **kwargs):
        super().__init__(*args, initial=revision_initial(gate), **kwargs)
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = lambda item: f"{item.meeting.day_in_words}: {item.title}"
