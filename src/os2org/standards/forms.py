"""The forms for checklists, reviews and deviations. They validate input; standards.services saves it."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.dates import DateField
from os2org.organisation.models import Person
from os2org.roles.models import RoleDescription
from os2org.standards.models import MOST_POINTS, Answer, Checklist, Deviation
from os2org.standards.services import Judgement, PointRow, default_due

# Empty rows offered below a checklist's points, for new ones.
NEW_POINT_ROWS = 3


class ChecklistForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    revision = RevisionField(label="")

    def __init__(self, data=None, *, checklist=None):
        initial = {"name": checklist.name, **revision_initial(checklist)} if checklist else {}
        super().__init__(data, initial=initial)


class PointForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    guidance = forms.CharField(
        label=_("Guidance"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How to judge the point (Markdown). Leave title and guidance empty to remove the point."),
    )

    def clean(self):
        data = super().clean()
        if data.get("guidance", "").strip() and not data.get("title", "").strip():
            self.add_error("title", _("A point needs a title."))
        return data

    @property
    def row(self):
        data = self.cleaned_data
        return (
            PointRow(data.get("title", "").strip(), data.get("guidance", "")) if data.get("title", "").strip() else None
        )


class BasePointFormSet(forms.BaseFormSet):
    def rows(self):
        return [form.row for form in self.forms if form.row is not None]


PointFormSet = forms.formset_factory(
    PointForm,
    formset=BasePointFormSet,
    extra=NEW_POINT_ROWS,
    max_num=MOST_POINTS,
    absolute_max=MOST_POINTS + NEW_POINT_ROWS,
)


def summarise_points(form, points) -> int:
    """Copy each point's errors into `form` as "Point 2: Title: …", for the summary above the form; returns how many."""
    count = 0
    for number, point in enumerate(points.forms, start=1):
        for name, errors in point.errors.items():
            for error in errors:
                label = point.fields[name].label if name in point.fields else ""
                form.add_error(
                    None,
                    _("Point %(number)d: %(field)s: %(error)s") % {"number": number, "field": label, "error": error},
                )
                count += 1
    for error in points.non_form_errors():
        form.add_error(None, error)
        count += 1
    return count


def point_formset(data=None, *, checklist=None):
    initial = (
        [{"title": point.title, "guidance": point.guidance} for point in checklist.points.all()] if checklist else []
    )
    return PointFormSet(data, initial=initial, prefix="points")


class ReviewForm(forms.Form):
    checklist = forms.ModelChoiceField(
        label=_("Checklist"),
        queryset=Checklist.objects.order_by("name"),
        error_messages={"invalid_choice": _("Choose one of the checklists listed.")},
    )
    held_on = DateField(label=_("Date of the review"))
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=Person.objects.only("name").order_by("name"),
        error_messages={"invalid_choice": _("Choose one of the people listed.")},
    )


class AnswersForm(forms.Form):
    """A result and a comment for each point of a review: fields result_<answer id> and comment_<answer id>."""

    revision = RevisionField(label="")

    def __init__(self, data=None, *, review, answers):
        initial = revision_initial(review)
        for answer in answers:
            initial[f"result_{answer.pk}"] = answer.result
            initial[f"comment_{answer.pk}"] = answer.comment
        super().__init__(data, initial=initial)
        self.answers = answers
        for answer in answers:
            self.fields[f"result_{answer.pk}"] = forms.ChoiceField(
                label=_("Result"),
                choices=[
                    ("", _("Not answered yet")),
                    *((value, capfirst(label)) for value, label in Answer.Result.choices),
                ],
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{answer.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def points(self):
        """(answer, its result field, its comment field) for the template, in the points' order."""
        return [(answer, self[f"result_{answer.pk}"], self[f"comment_{answer.pk}"]) for answer in self.answers]

    def judgements(self):
        data = self.cleaned_data
        return [Judgement(a.pk, data[f"result_{a.pk}"], data[f"comment_{a.pk}"]) for a in self.answers]


class OwnerFields(forms.Form):
    owner_person = forms.ModelChoiceField(
        label=_("Owner (person)"),
        queryset=Person.objects.only("name").order_by("name"),
        required=False,
        empty_label=_("(none: a role)"),
        error_messages={"invalid_choice": _("Choose one of the people listed.")},
    )
    owner_role = forms.ModelChoiceField(
        label=_("Owner (role)"),
        queryset=RoleDescription.objects.only("name").order_by("name"),
        required=False,
        empty_label=_("(none: a person)"),
        help_text=_("Whoever holds the role owns it; or choose a person instead."),
        error_messages={"invalid_choice": _("Choose one of the roles listed.")},
    )


class CompleteForm(OwnerFields):
    due = DateField(label=_("Due"), help_text=_("When each deviation is to be put right."))
    revision = RevisionField(label="")

    def __init__(self, data=None, *, review, today):
        super().__init__(data, initial={"due": default_due(today), **revision_initial(review)})


class DeviationForm(OwnerFields):
    due = DateField(label=_("Due"))
    revision = RevisionField(label="")

    def __init__(self, data=None, *, deviation):
        initial = {
            "owner_person": deviation.owner_person_id,
            "owner_role": deviation.owner_role_id,
            "due": deviation.due,
            **revision_initial(deviation),
        }
        super().__init__(data, initial=initial)


class CloseForm(forms.Form):
    closed_on = DateField(label=_("Put right on"))
    note = forms.CharField(
        label=_("How it was put right"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown."),
    )
    revision = RevisionField(label="")

    def __init__(self, data=None, *, deviation, today):
        super().__init__(data, initial={"closed_on": today, **revision_initial(deviation)})


class DeviationFilter(forms.Form):
    """The deviation list's filters: a product, open or done, and only the overdue."""

    produkt = forms.ModelChoiceField(
        label=_("Product"), queryset=None, required=False, empty_label=_("All"), to_field_name="slug"
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Deviation.Status.choices],
    )
    forsinket = forms.BooleanField(label=_("Only the overdue"), required=False)

    def __init__(self, data, *, products):
        super().__init__(data, auto_id="filter-%s")
        self.fields["produkt"].queryset = products
