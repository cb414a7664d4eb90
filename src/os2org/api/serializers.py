"""What the API reads and writes. Writes go through the apps' services, which write the audit entries."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from os2org.api.permissions import caller
from os2org.attachments.models import Attachment
from os2org.attachments.selectors import attachments_of
from os2org.budgets.models import Account, Actual, Budget, BudgetLine, InvoiceApprover
from os2org.common.dates import validate_date
from os2org.common.identifiers import validate_cvr, validate_ean
from os2org.common.visibility import choosable
from os2org.governance.cycle.services import save_activity
from os2org.governance.meetings.forms import MEETING_KINDS
from os2org.governance.meetings.services import (
    add_agenda_item,
    add_follow_up,
    change_follow_up,
    save_agenda_item,
    save_meeting,
)
from os2org.governance.models import (
    LONGEST_MINUTES,
    MAX_DATES,
    Activity,
    AgendaItem,
    CaseBrief,
    FollowUp,
    Meeting,
    Minutes,
    MinutesPart,
)
from os2org.handbook.models import Page
from os2org.members.models import Agreement, ContactRelation, Contribution
from os2org.members.services import AGREEMENT_FIELDS, save_agreement, set_contribution_status
from os2org.organisation.choices import check_parent
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person
from os2org.roles.models import RoleDescription, Task


def service_errors(error):
    """A service's ValidationError as the API's field errors."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(detail)


# The days the organisation's records can be about (os2org.common.dates).
IN_YEARS = {"validators": [validate_date]}
# What the models' check constraints say, said here too so that an error
# names its field.
DURATION = {"min_value": 1, "max_value": LONGEST_MINUTES}
HOURS_IN_A_WEEK = {"min_value": Decimal("0.01"), "max_value": Decimal("168")}


def check_unchanged(name, before, after):
    """Refuse moving an item to another parent (an agenda item to another meeting)."""
    if before != after:
        raise DjangoValidationError({name: _("This cannot be changed once the item exists.")})


class ServiceSerializer(serializers.ModelSerializer):
    # Saves through a service function (`save_with`), with the caller as the
    # audit entry's actor. A partial update (PATCH) passes the item's present
    # values for the fields it leaves out, since the services set every field
    # they are given. The related items named in CHOOSABLE may be chosen from
    # what the caller may read and what is chosen already, as on the forms
    # (common.visibility.choosable). (A comment, not a docstring: the schema
    # shows docstrings as the descriptions of its objects.)

    CHOOSABLE = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or not self.CHOOSABLE:
            return
        instance = self.instance if isinstance(self.instance, self.Meta.model) else None
        for name in self.CHOOSABLE:
            field = self.fields[name]
            related = getattr(field, "child_relation", field)
            chosen = _chosen(instance, field.source)
            related.queryset = choosable(caller(request), related.queryset, chosen)

    def create(self, validated_data):
        return self._saved(None, validated_data)

    def update(self, instance, validated_data):
        return self._saved(instance, {**self.present(instance), **validated_data})

    def present(self, instance):
        values = {}
        for name, field in self.fields.items():
            if field.read_only:
                continue
            value = getattr(instance, field.source)
            values[name] = list(value.all()) if isinstance(field, serializers.ManyRelatedField) else value
        return values

    def _saved(self, instance, data):
        try:
            return self.save_with(instance, actor=self.context["request"].user, **data)
        except DjangoValidationError as error:
            raise service_errors(error) from None

    def save_with(self, instance, *, actor, **data):
        raise NotImplementedError


def _chosen(instance, source):
    """The related items `instance` has in `source` now (none for a new item)."""
    if instance is None:
        return []
    value = getattr(instance, source)
    return list(value.all()) if hasattr(value, "all") else [value]


TIME_OF_DAY = {"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$", "example": "16:00"}


@extend_schema_field(TIME_OF_DAY)
class LocalTimeField(serializers.TimeField):
    """A time of day on the association's clock ("16:00"), without a time zone.

    (OpenAPI's format "time" would demand an offset, which a time of day
    in the annual cycle does not have.)
    """


# Read-only, and a plain string: the addresses are Unicode ("mads-kjær"), which
# the SlugField's ASCII-minded pattern in the schema would refuse.
def address():
    return serializers.CharField(read_only=True)


class PageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Page
        fields = [
            "slug",
            "path",
            "title",
            "heading",
            "parent",
            "grand_parent",
            "nav_order",
            "nav_exclude",
            "kind",
            "visibility",
            "updated",
            "source",
            "html",
        ]


class TaskSerializer(serializers.ModelSerializer):
    priority = serializers.CharField(source="get_priority_display", help_text=_("MUST, SHOULD or COULD."))

    class Meta:
        model = Task
        fields = ["priority", "position", "text", "hours_per_week"]


class RoleSerializer(serializers.ModelSerializer):
    slug = address()
    page = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta:
        model = RoleDescription
        fields = [
            "id",
            "slug",
            "name",
            "page",
            "purpose",
            "responsibilities",
            "competencies",
            "qualities",
            "relationships",
            "reports_to",
            "hours_min",
            "hours_max",
            "hours_text",
            "staff_responsibility",
            "budget_responsibility",
            "review_rule",
            "reviewed_on",
            "tasks",
        ]


class BodySerializer(ServiceSerializer):
    """A body of the association: the board, the secretariat, a community, one of its groups."""

    slug = address()
    CHOOSABLE = ("programme", "suppliers")

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "position",
            "parent",
            "programme",
            "description",
            "member_authorities",
            "suppliers",
            "visibility",
        ]
        # Those with an agreement in force today (os2org.members): read here, changed through agreements.
        read_only_fields = ["member_authorities"]
        validators = []

    def validate_parent(self, parent):
        # The same rule as the form's (organisation.choices).
        try:
            check_parent(caller(self.context["request"]), self.instance, parent)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["parent"]) from None
        return parent

    def save_with(self, body, *, actor, **data):
        return save_body(body, actor=actor, **data)


class OrganisationSerializer(ServiceSerializer):
    """A member authority, a supplier or a partner."""

    slug = address()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "cvr",
            "ean",
            "address",
            "is_member",
            "member_since",
            "member_until",
            "is_supplier",
            "is_partner",
            "partner_role",
            "visibility",
        ]
        validators = []
        extra_kwargs = {"cvr": {"validators": [validate_cvr]}, "ean": {"validators": [validate_ean]}}

    def save_with(self, organisation, *, actor, **data):
        return save_organisation(organisation, actor=actor, **data)


class PersonSerializer(ServiceSerializer):
    """A person; the public never sees e-mail addresses."""

    slug = address()

    class Meta:
        model = Person
        fields = ["id", "slug", "name", "email", "employer", "contract_hours", "visibility"]
        validators = []
        extra_kwargs = {
            "email": {"help_text": _("Left out for callers who are not signed in.")},
            "contract_hours": {
                **HOURS_IN_A_WEEK,
                "help_text": _("Left out for callers who may not see named people's hours."),
            },
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        viewer = caller(self.context["request"])
        if not viewer.sees_emails:
            del data["email"]
        if not viewer.sees_hours:
            del data["contract_hours"]
        return data

    def save_with(self, person, *, actor, **data):
        return save_person(person, actor=actor, **data)


class AssignmentSerializer(ServiceSerializer):
    """A person holds a role in a body, from a date, for some hours a week."""

    class Meta:
        model = Assignment
        fields = ["id", "person", "body", "role", "function", "starts", "ends", "hours_per_week", "share", "reports_to"]
        validators = []
        extra_kwargs = {
            "share": {"help_text": _("A share of a full year, such as 0.3333; when given, the hours follow from it.")},
            "starts": IN_YEARS,
            "ends": IN_YEARS,
            "hours_per_week": {
                **HOURS_IN_A_WEEK,
                "required": False,
                "help_text": _(
                    "Either hours per week or a share of a full year (37 hours). Both are left out for "
                    "callers who may not see named people's hours."
                ),
            },
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not caller(self.context["request"]).sees_hours:
            del data["hours_per_week"], data["share"]
        return data

    def validate(self, data):
        starts = data.get("starts", getattr(self.instance, "starts", None))
        ends = data.get("ends", getattr(self.instance, "ends", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends": _("The end date must be after the start date.")})
        return data

    def present(self, instance):
        values = super().present(instance)
        # The time as it was agreed: a share of a full year, or hours.
        del values["share" if instance.share is None else "hours_per_week"]
        return values

    def update(self, instance, validated_data):
        present = self.present(instance)
        if {"hours_per_week", "share"} & set(validated_data):
            present.pop("hours_per_week", None)
            present.pop("share", None)
        return self._saved(instance, {**present, **validated_data})

    def save_with(self, assignment, *, actor, person, hours_per_week=None, share=None, **data):
        if share is not None:
            # A representation read back carries both; the hours follow from the share.
            hours_per_week = None
        return assign_role(
            person, assignment=assignment, actor=actor, hours_per_week=hours_per_week, share=share, **data
        )


class ActivitySerializer(ServiceSerializer):
    """An activity of the annual cycle (årshjul)."""

    dates = serializers.ListField(
        child=serializers.DateField(validators=[validate_date]),
        required=False,
        max_length=MAX_DATES,
        help_text=_("Further dates (RDATE)."),
    )
    time = LocalTimeField(
        required=False, allow_null=True, help_text=_("Leave it out for an activity of the whole day.")
    )

    CHOOSABLE = ("role",)

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "kind",
            "body",
            "role",
            "audience",
            "description",
            "starts",
            "time",
            "duration",
            "rule",
            "dates",
            "visibility",
        ]
        validators = []
        extra_kwargs = {
            "rule": {"help_text": _("An RFC 5545 recurrence rule without “RRULE:”, such as FREQ=YEARLY.")},
            "starts": IN_YEARS,
            "duration": DURATION,
        }

    def present(self, instance):
        return {**super().present(instance), "dates": instance.dates}

    def save_with(self, activity, *, actor, **data):
        return save_activity(activity, actor=actor, **data)


class MeetingSerializer(ServiceSerializer):
    """A meeting of a body."""

    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.filter(kind__in=MEETING_KINDS))
    CHOOSABLE = ("participants",)

    class Meta:
        model = Meeting
        fields = ["id", "body", "title", "starts", "duration", "place", "participants", "visibility"]
        validators = []
        extra_kwargs = {"starts": IN_YEARS, "duration": DURATION}

    def save_with(self, meeting, *, actor, **data):
        return save_meeting(meeting, actor=actor, **data)


class CaseBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseBrief
        fields = ["status", "purpose", "author", "owner", "date", *CaseBrief.SECTIONS]


class AgendaItemSerializer(ServiceSerializer):
    """An item on a meeting's agenda, and what came of it."""

    brief = CaseBriefSerializer(read_only=True, allow_null=True, help_text=_("The case brief (sagsoplæg), if any."))
    # Declared: a read-only field made from the model would forget that it may be empty.
    outcome = serializers.ChoiceField(
        choices=AgendaItem.Outcome.choices,
        allow_blank=True,
        read_only=True,
        help_text=_("Empty until the meeting has dealt with the item."),
    )

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "position", "title", "description", "outcome", "outcome_text", "visibility", "brief"]
        read_only_fields = ["position", "outcome_text"]
        validators = []

    def save_with(self, item, *, actor, meeting, **data):
        if item is None:
            return add_agenda_item(meeting, actor=actor, **data)
        check_unchanged("meeting", item.meeting_id, meeting.pk)
        return save_agenda_item(item, actor=actor, **data)


class FollowUpSerializer(ServiceSerializer):
    """An action a decision calls for, with an owner (a person or a role) and a due date."""

    CHOOSABLE = ("owner_person", "owner_role")

    class Meta:
        model = FollowUp
        fields = ["id", "item", "title", "owner_person", "owner_role", "due", "status", "closed_on"]
        read_only_fields = ["closed_on"]
        validators = []
        extra_kwargs = {"due": IN_YEARS}

    def save_with(self, follow_up, *, actor, item, status=FollowUp.Status.OPEN, **data):
        if follow_up is None:
            if status != FollowUp.Status.OPEN:
                raise DjangoValidationError({"status": _("A new follow-up is open.")})
            return add_follow_up(item, actor=actor, **data)
        check_unchanged("item", follow_up.item_id, item.pk)
        return change_follow_up(follow_up, actor=actor, status=status, **data)


class MinutesPartSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="item.title", read_only=True, help_text=_("The agenda item's title."))

    class Meta:
        model = MinutesPart
        fields = ["item", "title", "text"]


class MinutesSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True, help_text=_("About the meeting as a whole; as visible as the meeting."))
    parts = MinutesPartSerializer(
        many=True,
        read_only=True,
        source="readable_parts",
        help_text=_("About each agenda item the caller may read, in agenda order; each as visible as its item."),
    )

    class Meta:
        model = Minutes
        fields = ["id", "meeting", "version", "status", "text", "parts", "created", "sent", "approved"]


class DecisionSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="meeting.body_id", read_only=True)
    day = serializers.DateField(source="meeting.day", read_only=True, help_text=_("The day of the meeting."))
    decision = serializers.CharField(source="outcome_text", read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "body", "day", "title", "decision", "visibility"]


class SearchResultSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("What was found, as its page names it."))
    url = serializers.CharField(help_text=_("Its page (an address on this site)."))
    context = serializers.CharField(help_text=_("Where it belongs: a role, a meeting, a date."))
    excerpt = serializers.CharField(help_text=_("A line of the text it was found in, around the first match."))


class SearchKindSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("The kind of thing, as the search page's addresses name it."))
    label = serializers.CharField(help_text=_("The kind's name."))
    count = serializers.IntegerField(help_text=_("How many of this kind were found."))
    results = SearchResultSerializer(many=True, help_text=_("The best of them, best first."))


class DocumentSerializer(serializers.ModelSerializer):
    """A file attached to an item: its name, kind and size, and where to download it."""

    name = serializers.CharField(source="original_name", read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["name", "content_type", "size", "download"]

    def get_download(self, attachment) -> str:
        return reverse("attachments:download", args=[attachment.pk])


class AgreementSerializer(ServiceSerializer):
    """An organisation joined to a product, a project or a programme (tilslutningsaftale), and its terms.

    The member authorities of a product are those with an agreement in force today. Its signed
    document is added on the agreement's page (an upload), and listed here."""

    documents = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = ["id", *AGREEMENT_FIELDS, "documents"]
        validators = []
        extra_kwargs = {"signed": IN_YEARS, "starts": IN_YEARS, "ends": IN_YEARS}

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, agreement):
        # A list's page has them read in one query (api.views.AgreementViewSet); one agreement reads its own.
        found = getattr(agreement, "documents", None)
        return DocumentSerializer(attachments_of(agreement) if found is None else found, many=True).data

    def save_with(self, agreement, *, actor, **data):
        return save_agreement(agreement, actor=actor, **data)


class ContributionSerializer(ServiceSerializer):
    """What an agreement makes due for a year (an invoice line) and how far it has got; worked out from the
    agreements, so only its status, invoice number and days are changed here."""

    class Meta:
        model = Contribution
        fields = [
            "id",
            "agreement",
            "year",
            "kind",
            "starts",
            "ends",
            "amount",
            "status",
            "invoice_number",
            "invoiced_on",
            "paid_on",
        ]
        read_only_fields = ["agreement", "year", "kind", "starts", "ends", "amount"]
        validators = []
        extra_kwargs = {"invoiced_on": IN_YEARS, "paid_on": IN_YEARS}

    def save_with(self, contribution, *, actor, **data):
        return set_contribution_status(contribution, actor=actor, **data)


class BudgetLineSerializer(serializers.ModelSerializer):
    """One account's line of a budget, with the comment on its variance."""

    account = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta:
        model = BudgetLine
        fields = ["account", "amount", "comment"]


class BudgetSerializer(serializers.ModelSerializer):
    """A body's budget for a year, a line per account, and the board decision that approved it (if any)."""

    lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Budget
        fields = ["id", "body", "year", "decision", "lines"]


class AccountSerializer(serializers.ModelSerializer):
    """An account of the chart of accounts."""

    class Meta:
        model = Account
        fields = ["id", "number", "name", "kind"]


class ActualSerializer(serializers.ModelSerializer):
    """What the accounts booked on one account for one body in one quarter."""

    account = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta:
        model = Actual
        fields = ["id", "body", "account", "year", "quarter", "amount"]


class InvoiceApproverSerializer(serializers.ModelSerializer):
    """Who approves the invoices of a product or an account (a role or a person), under which decision."""

    class Meta:
        model = InvoiceApprover
        fields = ["id", "body", "account", "role", "person", "decision"]


class ContactSerializer(serializers.ModelSerializer):
    """How a person at an organisation relates to a product (user, contact person, a group's seat)."""

    class Meta:
        model = ContactRelation
        fields = ["id", "person", "product", "kind"]
