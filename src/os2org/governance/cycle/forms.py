"""The forms for an activity of the annual cycle and for making its calendar feeds.

They validate input; cycle.services saves it.

The schedule is entered as a person says it ("every year on the first
date", "the second Tuesday of every month except July", a list of
dates) and turned into an RFC 5545 rule here; a custom rule is for those
who know the RFC.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BLANK_CHOICE_DASH
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import revision_initial
from os2org.common.dates import DateField
from os2org.common.forms import ReadableChoiceField, VisibilityField
from os2org.common.visibility import Visibility
from os2org.governance.cycle import recurrence
from os2org.governance.fields import TimeInput, editable, hidden_revision
from os2org.governance.models import LONGEST_MINUTES, Activity, Feed
from os2org.organisation.models import Body
from os2org.roles.models import RoleDescription


def _error_text(error, field):
    return error.message_dict[field] if hasattr(error, "error_dict") else error.messages


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK_CHOICE_DASH + Activity.Kind.choices)
    body = forms.ModelChoiceField(
        label=_("Body or forum"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("(none)"),
        error_messages={
            "invalid_choice": _("Choose one of the bodies listed: those whose annual cycle you may change.")
        },
    )
    role = ReadableChoiceField(
        label=_("Responsible role"),
        queryset=RoleDescription.objects.select_related("page").only("name", "page__visibility").order_by("name"),
        required=False,
        empty_label=_("(none)"),
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("(none)")), *Activity.Audience.choices],
        required=False,
        help_text=_("For communication: whom it is for."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text=_("Markdown.")
    )
    schedule = forms.ChoiceField(
        label=_("How often"), choices=recurrence.SCHEDULES, initial=recurrence.YEARLY, widget=forms.RadioSelect
    )
    starts = DateField(
        label=_("First date"),
        required=False,
        help_text=_("Not needed for a list of dates: the earliest date listed is the first."),
    )
    time = forms.TimeField(
        label=_("Time"), widget=TimeInput(), required=False, help_text=_("Leave empty for something that lasts the day.")
    )
    duration = forms.IntegerField(
        label=_("Duration in minutes"), min_value=1, max_value=LONGEST_MINUTES, initial=60, required=False
    )
    until = DateField(
        label=_("Last date"),
        required=False,
        help_text=_("Optional: no dates after this one. Leave empty if it goes on."),
    )
    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        choices=[(number, name) for number, name in MONTHS.items()],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For every month and a weekday of the month: tick none for every month."),
    )
    ordinal = forms.TypedChoiceField(
        label=_("Which"),
        choices=recurrence.ORDINALS,
        coerce=int,
        initial=1,
        required=False,
        help_text=_("For a weekday of the month."),
    )
    weekday = forms.ChoiceField(
        label=_("Weekday"),
        choices=[(code, WEEKDAYS[index]) for index, code in enumerate(recurrence.DAY_CODES)],
        initial="MO",
        required=False,
        help_text=_("For a weekday of the month."),
    )
    dates = forms.CharField(
        label=_("Dates"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For a list of dates: one date per line, as 2026-03-15 or 15.3.2026."),
    )
    rule = forms.CharField(
        label=_("Custom rule (RFC 5545)"),
        max_length=500,
        required=False,
        help_text=_("For a custom rule only, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO for every other Monday."),
    )
    visibility = VisibilityField(initial=Visibility.MEMBERS)
    revision = hidden_revision()

    GROUPS = (
        ("what", _("What"), ("title", "kind", "body", "role", "audience", "description", "visibility")),
        ("when", _("When"), ("schedule", "starts", "time", "duration", "until")),
        ("monthly", _("Every month or a weekday of the month"), ("months", "ordinal", "weekday")),
        ("dates", _("A list of dates"), ("dates",)),
        ("custom", _("Custom rule"), ("rule",)),
    )

    def __init__(self, *args, viewer, activity=None, **kwargs):
        if activity is not None:
            kwargs.setdefault("initial", self._initial(activity))
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = editable(Body.objects.only("name"), viewer)
        self.fields["role"].limit(viewer, [activity.role] if activity is not None else ())
        if not viewer.secretariat:
            # An activity of no body is the secretariat's.
            body.required, body.empty_label = True, "---------"

    @staticmethod
    def _initial(activity):
        schedule = recurrence.schedule_of(activity)
        every_date = [activity.starts, *recurrence.stored_dates(activity)]
        initial = {
            "title": activity.title,
            "kind": activity.kind,
            "body": activity.body_id,
            "role": activity.role_id,
            "audience": activity.audience,
            "description": activity.description,
            "schedule": schedule.schedule,
            "starts": activity.starts,
            "time": activity.time,
            "duration": activity.duration,
            "until": schedule.until,
            "months": list(schedule.months),
            "rule": schedule.rule,
            "dates": "\n".join(day.isoformat() for day in every_date) if schedule.schedule == recurrence.DATES else "",
            "visibility": activity.visibility,
            **revision_initial(activity),
        }
        if schedule.schedule == recurrence.WEEKDAY:
            initial.update(ordinal=schedule.ordinal, weekday=schedule.weekday)
        if schedule.schedule == recurrence.CUSTOM:
            initial["dates"] = "\n".join(day.isoformat() for day in every_date[1:])
        return initial

    def groups(self):
        """(id, legend, [bound fields]) for each part of the form, in order."""
        return [(name, legend, [self[field] for field in fields]) for name, legend, fields in self.GROUPS]

    def clean_dates(self):
        try:
            return recurrence.parse_dates(self.cleaned_data["dates"].split("\n"))
        except ValidationError as error:
            raise ValidationError(_error_text(error, "dates")) from None

    def clean(self):
        data = super().clean()
        schedule = data.get("schedule")
        if schedule is None or self.has_error("dates"):
            return data
        if schedule == recurrence.DATES:
            if not data.get("dates"):
                self.add_error("dates", _("List at least one date."))
            return data
        starts = data.get("starts")
        if starts is None:
            if not self.has_error("starts"):
                self.add_error("starts", _("Enter the first date."))
            return data
        self._clean_rule(data, schedule, starts)
        return data

    def _clean_rule(self, data, schedule, starts):
        until = data.get("until")
        if schedule not in (recurrence.ONCE, recurrence.CUSTOM) and until and until < starts:
            self.add_error("until", _("The last date cannot be before the first date."))
            return
        if schedule == recurrence.WEEKDAY and (data.get("ordinal") is None or not data.get("weekday")):
            self.add_error("weekday", _("Choose which weekday of the month, such as the second Tuesday."))
            return
        field = "rule" if schedule == recurrence.CUSTOM else "schedule"
        try:
            if schedule == recurrence.CUSTOM:
                rule = recurrence.normalise_rule(data.get("rule", ""))
                if not rule:
                    raise ValidationError({"rule": _("Enter a rule, or choose another schedule.")})
            else:
                rule = recurrence.build_rule(
                    schedule=schedule,
                    starts=starts,
                    months=data.get("months") or (),
                    ordinal=data.get("ordinal"),
                    weekday=data.get("weekday"),
                    until=until,
                )
            if rule:
                recurrence.check_rule(rule, starts)
        except ValidationError as error:
            self.add_error(field, _error_text(error, "rule"))
        else:
            data["built_rule"] = rule

    def service_arguments(self):
        """The cleaned input as save_activity takes it."""
        data = self.cleaned_data
        schedule = data["schedule"]
        return {
            "title": data["title"],
            "kind": data["kind"],
            "body": data["body"],
            "role": data["role"],
            "audience": data["audience"],
            "description": data["description"],
            # A list of dates has its own first date (see the field's help).
            "starts": None if schedule == recurrence.DATES else data["starts"],
            "time": data["time"],
            "duration": data["duration"] or 60,
            "rule": "" if schedule == recurrence.DATES else data["built_rule"],
            "dates": data["dates"] if schedule in (recurrence.DATES, recurrence.CUSTOM) else (),
            "visibility": data["visibility"],
            "revision": data["revision"],
        }


class FeedForm(forms.Form):
    """The button that makes a calendar feed: its subject, and the most it will show (members unless chosen)."""

    scope = forms.ChoiceField(choices=Feed.Scope.choices)
    id = forms.IntegerField(required=False, min_value=1)
    visibility = forms.ChoiceField(choices=Visibility.choices, required=False)

    def clean_visibility(self):
        return self.cleaned_data["visibility"] or Visibility.MEMBERS


class WheelFilterForm(forms.Form):
    """The wheel's filters: one body and one kind of activity, and the sheet it prints on (Danish parameters)."""

    organ = forms.ModelChoiceField(
        label=_("Body or forum"), queryset=Body.objects.none(), to_field_name="slug", required=False, empty_label=_("(all)")
    )
    type = forms.ChoiceField(label=_("Kind"), choices=[("", _("(all)")), *Activity.Kind.choices], required=False)
    papir = forms.ChoiceField(
        label=_("Paper"), choices=[("a4", _("A4 landscape")), ("a3", _("A3 landscape"))], required=False
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = Body.objects.filter(viewer.visible(body="pk")).only("name", "slug").order_by("name")
