"""Forms for meetings, agenda items, case briefs, outcomes, follow-ups and minutes.

They validate input, and check it against the services' own rules where
those can be asked before saving; the services save it. The edit forms
carry the revision they were opened at (audit.forms.RevisionField), and
offer only the bodies the viewer may edit.
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BLANK_CHOICE_DASH
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from os2org.audit.forms import revision_initial
from os2org.common.dates import DateField
from os2org.common.forms import ReadableChoiceField, ReadableMultipleChoiceField, VisibilityField, add_service_errors
from os2org.common.visibility import Visibility
from os2org.governance.fields import TimeInput, editable, hidden_revision
from os2org.governance.meetings.minutes_text import skeleton
from os2org.governance.meetings.services import check_follow_up
from os2org.governance.models import LONGEST_MINUTES, AgendaItem, Approval, CaseBrief, FollowUp
from os2org.organisation.models import Assignment, Body, Person
from os2org.roles.models import RoleDescription

# The kinds of body that hold meetings with an agenda and minutes.
MEETING_KINDS = (
    Body.Kind.BOARD,
    Body.Kind.GENERAL_ASSEMBLY,
    Body.Kind.STEERING_GROUP,
    Body.Kind.COORDINATION_GROUP,
    Body.Kind.COMMITTEE,
    Body.Kind.WORKING_GROUP,
)


def meeting_bodies():
    return Body.objects.filter(kind__in=MEETING_KINDS).only("name", "slug").order_by("name", "pk")


def people():
    return Person.objects.only("name", "visibility").order_by("name", "pk")


class MeetingFilterForm(forms.Form):
    """The meetings list's filter: one body, upcoming or past (the parameters are Danish words)."""

    organ = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), to_field_name="slug", required=False, empty_label=_("(all)")
    )
    tid = forms.ChoiceField(
        label=_("When"),
        choices=[("", _("upcoming and past")), ("kommende", _("upcoming")), ("tidligere", _("past"))],
        required=False,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = meeting_bodies().filter(viewer.visible(body="pk"))


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the bodies listed: those whose meetings you may plan.")},
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to call it by body and date.")
    )
    starts = DateField(label=_("Date"))
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    duration = forms.IntegerField(label=_("Duration in minutes"), min_value=1, max_value=LONGEST_MINUTES, initial=120)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    participants = ReadableMultipleChoiceField(
        label=_("Participants"), queryset=people(), required=False, widget=forms.CheckboxSelectMultiple
    )
    visibility = VisibilityField(initial=Visibility.INTERNAL)
    revision = hidden_revision()

    def __init__(self, *args, viewer, meeting=None, body=None, **kwargs):
        if meeting is not None:
            starts = timezone.localtime(meeting.starts)
            kwargs.setdefault(
                "initial",
                {
                    "body": meeting.body_id,
                    "title": meeting.title,
                    "starts": starts.date(),
                    "time": starts.time(),
                    "duration": meeting.duration,
                    "place": meeting.place,
                    "participants": [person.pk for person in meeting.participants.all()],
                    "visibility": meeting.visibility,
                    **revision_initial(meeting),
                },
            )
        elif body is not None:
            # A new meeting of a chosen body: its members are invited.
            members = Assignment.objects.current().filter(body=body).values_list("person", flat=True)
            kwargs.setdefault("initial", {"body": body.pk, "participants": sorted(set(members))})
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = editable(meeting_bodies(), viewer)
        self.fields["participants"].limit(viewer, meeting.participants.all() if meeting is not None else ())
        self.meeting = meeting

    def members(self):
        """{body pk: [person pk]}: the current members a new meeting ticks when its body is chosen (meeting_form.js)."""
        if self.meeting is not None:
            return {}
        current = Assignment.objects.current().filter(body__in=self.fields["body"].queryset)
        members = {}
        for body, person in current.values_list("body", "person").order_by("body", "person").distinct():
            members.setdefault(str(body), []).append(str(person))
        return members

    def clean(self):
        data = super().clean()
        day, time = data.get("starts"), data.pop("time", None)
        if day is not None and time is not None:
            data["starts"] = timezone.make_aware(datetime.combine(day, time))
        elif "starts" in data:
            del data["starts"]
        return data


class AgendaItemForm(forms.Form):
    """An agenda item; a new one is as visible as its meeting until changed here."""

    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, help_text=_("Markdown.")
    )
    visibility = VisibilityField(
        help_text=_("A decision is as visible as its agenda item: make the item public to publish the decision.")
    )
    revision = hidden_revision()

    def __init__(self, *args, meeting, item=None, **kwargs):
        if item is not None:
            initial = {"title": item.title, "description": item.description, "visibility": item.visibility}
            kwargs.setdefault("initial", {**initial, **revision_initial(item)})
        else:
            kwargs.setdefault("initial", {"visibility": meeting.visibility})
        super().__init__(*args, **kwargs)
        if item is None:
            # A new item has no earlier version to conflict with.
            del self.fields["revision"]


class CaseBriefForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CaseBrief.Status.choices, initial=CaseBrief.Status.DRAFT)
    purpose = forms.ChoiceField(label=pgettext_lazy("case brief", "Purpose"), choices=BLANK_CHOICE_DASH + CaseBrief.Purpose.choices)
    author = ReadableChoiceField(label=_("Author"), queryset=people(), required=False, empty_label=_("(none)"))
    owner = ReadableChoiceField(label=_("Owner"), queryset=people(), required=False, empty_label=_("(none)"))
    date = DateField(label=_("Date"))
    aim = forms.CharField(label=_("Aim"), widget=forms.Textarea, required=False, help_text=_("Markdown."))
    background = forms.CharField(label=_("Background"), widget=forms.Textarea, required=False)
    analysis = forms.CharField(label=_("Analysis"), widget=forms.Textarea, required=False)
    recommendation = forms.CharField(label=_("Recommendation"), widget=forms.Textarea, required=False)
    consequences = forms.CharField(label=_("Consequences"), widget=forms.Textarea, required=False)
    revision = hidden_revision()

    def __init__(self, *args, viewer, brief=None, **kwargs):
        # Revision 0: opened before the item had a brief (see services.save_case_brief).
        initial = {"revision": 0}
        if brief is not None:
            initial = {name: getattr(brief, name) for name in ("status", "purpose", "date", *CaseBrief.SECTIONS)}
            initial.update(author=brief.author_id, owner=brief.owner_id, **revision_initial(brief))
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for name in ("author", "owner"):
            self.fields[name].limit(viewer, [getattr(brief, name)] if brief is not None else ())
        self.fields["date"].initial = timezone.localdate()


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("not dealt with yet")), *AgendaItem.Outcome.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    outcome_text = forms.CharField(
        label=_("Decision or note"),
        widget=forms.Textarea,
        required=False,
        help_text=_("A decision needs its text, as it was made."),
    )

    ahead = forms.BooleanField(
        label=_("Record the decision although the meeting has not been held yet"),
        required=False,
        help_text=_("Usually a decision is recorded at or after the meeting that makes it."),
    )
    revision = hidden_revision()

    def __init__(self, *args, item, **kwargs):
        initial = {"outcome": item.outcome, "outcome_text": item.outcome_text, **revision_initial(item)}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.item = item
        if item.meeting.starts <= timezone.now():
            del self.fields["ahead"]

    def clean(self):
        data = super().clean()
        # A decision on a meeting still to come is most often a slip of the
        # wrong meeting; it is recorded only when the editor says so.
        new_decision = data.get("outcome") == AgendaItem.Outcome.DECISION != self.item.outcome
        if "ahead" in self.fields and new_decision and not data.get("ahead"):
            day = formats.date_format(timezone.localtime(self.item.meeting.starts), "DATE_FORMAT")
            message = _("The meeting is on %(day)s and has not been held yet. Tick the box to record the decision anyway.")
            self.add_error("ahead", message % {"day": day})
        data.pop("ahead", None)
        return data


class FollowUpForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("follow-up", "Action"), max_length=300)
    owner_person = ReadableChoiceField(
        label=_("Owner (person)"), queryset=people(), required=False, empty_label=_("(none)")
    )
    owner_role = ReadableChoiceField(
        label=_("Owner (role)"),
        queryset=RoleDescription.objects.select_related("page").only("name", "page__visibility").order_by("name", "pk"),
        required=False,
        empty_label=_("(none)"),
        help_text=_("Either a person or a role."),
    )
    due = DateField(label=pgettext_lazy("follow-up", "Due"))

    def __init__(self, *args, viewer, item, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].limit(viewer)
        self.fields["owner_role"].limit(viewer)

    def clean(self):
        data = super().clean()
        if not self.has_error("owner_person") and not self.has_error("owner_role"):
            try:
                check_follow_up(
                    self.item,
                    due=data.get("due"),
                    owner_person=data.get("owner_person"),
                    owner_role=data.get("owner_role"),
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)
    on = DateField(
        label=_("Closed on"),
        required=False,
        help_text=_("For done or dropped; today if left empty."),
    )

    revision = hidden_revision()

    def __init__(self, *args, follow_up, **kwargs):
        initial = {"status": follow_up.status, "on": follow_up.closed_on, **revision_initial(follow_up)}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)


class MoveForm(forms.Form):
    # Posted by the buttons on the meeting page, with the item's revision as
    # the agenda showed it; never shown as a form.
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
    revision = forms.IntegerField(min_value=0)

    def by(self):
        return -1 if self.cleaned_data["direction"] == "up" else 1


class ConfirmForm(forms.Form):
    """A confirmation page's form: only the revision of what it would change, as the page showed it."""

    revision = hidden_revision()

    def __init__(self, *args, obj, **kwargs):
        kwargs.setdefault("initial", revision_initial(obj))
        super().__init__(*args, **kwargs)


class SendForm(forms.Form):
    # Posted by the "send for approval" button, with the draft's revision as
    # the meeting page showed it.
    revision = forms.IntegerField(min_value=0)


class MinutesForm(forms.Form):
    """The minutes in their parts: the meeting as a whole, then one field per agenda item."""

    text = forms.CharField(
        label=_("The meeting as a whole"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Markdown. As visible as the meeting: who came, where, and anything not on the agenda."),
    )
    revision = hidden_revision()

    def __init__(self, *args, meeting, minutes, **kwargs):
        self.items = list(meeting.items.order_by("position"))
        if minutes is None:
            # Revision 0: opened before there were minutes (see services.write_minutes).
            draft = skeleton(meeting)
            initial = {"text": draft.text, "revision": 0, **{self.name(pk): text for pk, text in draft.parts.items()}}
        else:
            parts = dict(minutes.parts.values_list("item_id", "text"))
            initial = {"text": minutes.text, **revision_initial(minutes)}
            initial.update({self.name(pk): text for pk, text in parts.items()})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for number, item in enumerate(self.items, start=1):
            self.fields[self.name(item.pk)] = forms.CharField(
                label=f"{number}. {item.title}",
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
                help_text=_("Markdown. As visible as the item: %(visibility)s.")
                % {"visibility": item.get_visibility_display()},
            )

    @staticmethod
    def name(item_pk):
        return f"item_{item_pk}"

    def service_arguments(self):
        """The cleaned input as services.write_minutes takes it."""
        data = self.cleaned_data
        parts = {item.pk: data.get(self.name(item.pk), "") for item in self.items}
        return {"text": data["text"], "parts": parts, "revision": data["revision"]}


class AnswerButtons(forms.RadioSelect):
    """A choice made by pressing one of the form's submit buttons, the first of them the primary one."""

    template_name = "governance/widgets/answer_buttons.html"


class AnswerForm(forms.Form):
    """A participant's answer to the minutes; the secretariat also names the participant it answers for.

    It carries the revision of the minutes it was opened on: an answer to a
    text amended since is refused (services.answer_minutes).
    """

    person = forms.ModelChoiceField(label=_("Participant"), queryset=people())
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, help_text=_("Say what should be amended.")
    )
    # Last, as the form's own buttons: the answer is the button pressed.
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[(Approval.Answer.APPROVED, _("Approve")), (Approval.Answer.AMEND, _("Ask for a change"))],
        widget=AnswerButtons,
    )
    revision = hidden_revision()

    def __init__(self, *args, minutes, participants, on_behalf, **kwargs):
        kwargs.setdefault("initial", revision_initial(minutes))
        super().__init__(*args, **kwargs)
        self.fields["revision"].required = True
        if not on_behalf:
            # A participant answers for themselves.
            del self.fields["person"]
            return
        # Only participants are offered; anyone else posted gets the
        # service's message, which says why, rather than "not a valid choice".
        self.fields["person"].choices = [("", "---------"), *((person.pk, person.name) for person in participants)]
