"""The API's endpoints: each lists only what the caller may read and writes through the services.

Who may use which endpoint is `os2org.api.rules`; the permission class asks
it before a view runs and again with the body an item belongs to.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from knox.views import LoginView
from rest_framework import mixins, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from os2org.api import rules, serializers
from os2org.api.pagination import Pages
from os2org.api.parsers import JSONParser
from os2org.api.permissions import caller
from os2org.api.schema import ApiSchema, token_schema
from os2org.attachments.selectors import attachments_by_owner
from os2org.audit.selectors import revision
from os2org.audit.services import check_revision
from os2org.budgets.models import Account, BudgetLine, InvoiceApprover
from os2org.budgets.selectors import readable_actuals, readable_budgets
from os2org.governance.meetings.selectors import readable_parts
from os2org.governance.models import Activity, AgendaItem, FollowUp, Meeting, Minutes
from os2org.handbook.models import Page
from os2org.members.models import Agreement, Contribution
from os2org.members.selectors import contacts_for
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.roles.models import RoleDescription, Task
from os2org.search.selectors import search_kinds


class Changed(APIException):
    """The item changed since the caller read it (their If-Match is out of date)."""

    status_code = 412
    default_detail = _("The item changed since you read it; nothing was saved. Read it again, then send your change.")
    default_code = "conflict"


class Unconditional(APIException):
    """A change that names no revision (RFC 6585's 428 Precondition Required)."""

    status_code = 428
    default_detail = _(
        "Send the item's ETag as If-Match with a change, so that a change someone else made in between "
        "is not overwritten: read the item, then send your change with its ETag."
    )
    default_code = "precondition_required"


def _revision_asked(request):
    """The revision a write's If-Match names; -1 if it names none we made.

    A change must say which revision it was made from: without If-Match
    (or with "*", which names none) it is refused with 428, since a PUT or
    PATCH writes every field of the item as the caller last read it.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise Unconditional
    tag = header.removeprefix("W/").strip('"')
    return int(tag) if tag.isdigit() else -1


def _body_id(body):
    return body.pk if body is not None else None


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    parser_classes = [JSONParser]
    pagination_class = Pages
    schema = ApiSchema()

    @property
    def viewer(self):
        return caller(self.request)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            # Django's message names the model; every API 404 says the same.
            raise NotFound from None


class Revisioned:
    """Gives an item's revision as its ETag, and saves a change only if made from that revision."""

    def retrieve(self, request, *args, **kwargs):
        # The item's revision as its ETag: send it back as If-Match with a
        # change, and a change someone else made in between is refused (412).
        item = self.get_object()
        return Response(self.get_serializer(item).data, headers={"ETag": f'"{revision(item)}"'})

    def save_if_unchanged(self, serializer):
        asked = _revision_asked(self.request)
        with transaction.atomic():
            try:
                check_revision(serializer.instance, asked)
            except DjangoValidationError:
                raise Changed from None
            serializer.save()


class WriteViewSet(Revisioned, mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadViewSet):
    """Creates and changes items (there are no deletes), each only where the rules allow."""

    # The field that leads from an item to the body it belongs to (None: it
    # belongs to none, and only the secretariat writes it).
    parent = None

    def body_through(self, parent):
        """The body that the item's `parent` (a body, a meeting, an agenda item) belongs to."""
        return _body_id(parent)

    def body_of(self, item):
        """The body an item belongs to (None: none), which decides who may change it."""
        return self.body_through(getattr(item, self.parent)) if self.parent else None

    def body_after(self, data, item):
        """The body the item belongs to once `data` is saved (`item` None: a new one)."""
        if self.parent in data:
            return self.body_through(data[self.parent])
        return self.body_of(item) if item is not None else None

    def check_body(self, serializer):
        body = self.body_after(serializer.validated_data, serializer.instance)
        if not rules.allows(self.viewer, self.basename, method=self.request.method, body=body):
            raise PermissionDenied

    def perform_create(self, serializer):
        self.check_body(serializer)
        serializer.save()

    def perform_update(self, serializer):
        self.check_body(serializer)
        self.save_if_unchanged(serializer)


class PageViewSet(ReadViewSet):
    """Handbook pages: the source as read, and the sanitised HTML made from it."""

    serializer_class = serializers.PageSerializer
    lookup_field = "slug"
    # A page's address has folders in it (roller/sekretariatschef).
    lookup_value_regex = ".+"

    def get_queryset(self):
        return Page.objects.filter(self.viewer.visible())


class RoleViewSet(ReadViewSet):
    """Role descriptions (funktionsbeskrivelser) with their tasks by priority; a role shows if its page does."""

    serializer_class = serializers.RoleSerializer

    def get_queryset(self):
        tasks = Prefetch("tasks", queryset=Task.objects.order_by("priority", "position"))
        roles = RoleDescription.objects.with_page().prefetch_related(tasks)
        return roles.readable_by(self.viewer)


class BodyViewSet(WriteViewSet):
    """Bodies: the board, the secretariat, communities and their groups. New bodies are the secretariat's."""

    serializer_class = serializers.BodySerializer

    def get_queryset(self):
        bodies = Body.objects.prefetch_related("member_authorities", "suppliers")
        return bodies.filter(self.viewer.visible(body="pk"))

    def body_of(self, body):
        return body.pk

    def body_after(self, data, body):
        if body is None:
            return None
        if "parent" in data and _body_id(data["parent"]) != body.parent_id:
            # Moved: it must land in a body the caller edits.
            return _body_id(data["parent"])
        return body.pk


class OrganisationViewSet(WriteViewSet):
    """Member authorities, suppliers and partners."""

    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return Organisation.objects.filter(self.viewer.visible())


class PersonViewSet(WriteViewSet):
    """People; e-mail addresses only for callers who are signed in."""

    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        return Person.objects.filter(self.viewer.visible())


class AssignmentViewSet(WriteViewSet):
    """Who holds which role in which body, from when, for how many hours."""

    serializer_class = serializers.AssignmentSerializer
    parent = "body"

    def get_queryset(self):
        viewer = self.viewer
        # Readable when both its person and its body are.
        return Assignment.objects.filter(
            viewer.visible(prefix="person__"), viewer.visible(prefix="body__", body="body")
        )


class ActivityViewSet(WriteViewSet):
    """The annual cycle's activities (årshjul), with their RFC 5545 recurrence."""

    serializer_class = serializers.ActivitySerializer
    parent = "body"

    def get_queryset(self):
        return Activity.objects.filter(self.viewer.visible(body="body"))


class MeetingViewSet(WriteViewSet):
    """Meetings of bodies, with their participants."""

    serializer_class = serializers.MeetingSerializer
    parent = "body"

    def get_queryset(self):
        participants = Prefetch("participants", queryset=Person.objects.only("pk"))
        return Meeting.objects.filter(self.viewer.visible(body="body")).prefetch_related(participants)


class AgendaItemViewSet(WriteViewSet):
    """Agenda items, in order, with their case brief (sagsoplæg) and outcome."""

    serializer_class = serializers.AgendaItemSerializer
    parent = "meeting"

    def get_queryset(self):
        items = AgendaItem.objects.select_related("brief", "meeting")
        items = items.order_by("meeting__starts", "meeting_id", "position")
        return items.filter(self.viewer.visible(body="meeting__body"))

    def body_through(self, meeting):
        return meeting.body_id


class FollowUpViewSet(WriteViewSet):
    """The actions decisions call for, with an owner and a due date."""

    serializer_class = serializers.FollowUpSerializer
    parent = "item"

    def get_queryset(self):
        follow_ups = FollowUp.objects.select_related("item__meeting")
        return follow_ups.filter(self.viewer.visible(prefix="item__", body="item__meeting__body"))

    def body_through(self, item):
        return item.meeting.body_id


class MinutesViewSet(ReadViewSet):
    """Minutes, every version; those not yet approved only for the body's editors
    and, once sent, the meeting's participants."""

    serializer_class = serializers.MinutesSerializer

    def get_queryset(self):
        viewer = self.viewer
        minutes = Minutes.objects.filter(viewer.visible(prefix="meeting__", body="meeting__body"))
        if not viewer.secretariat:
            # As on the meeting page (governance.meetings.selectors.reads_minutes): the
            # version sent for approval is also for the participants answering it.
            taking_part = Meeting.participants.through.objects.filter(person_id=viewer.person_id)
            sent_to_them = Q(status=Minutes.Status.SENT, meeting__in=taking_part.values("meeting_id"))
            minutes = minutes.filter(
                Q(status=Minutes.Status.APPROVED) | Q(meeting__body__in=viewer.edits_bodies) | sent_to_them
            )
        parts = Prefetch("parts", queryset=readable_parts(viewer=viewer), to_attr="readable_parts")
        return minutes.prefetch_related(parts).order_by("meeting__starts", "meeting_id", "-version")


class DecisionViewSet(ReadViewSet):
    """Decisions: agenda items whose outcome is a decision, newest meeting first."""

    serializer_class = serializers.DecisionSerializer

    def get_queryset(self):
        decisions = AgendaItem.objects.decisions().select_related("meeting")
        decisions = decisions.order_by("-meeting__starts", "-meeting_id", "position")
        return decisions.filter(self.viewer.visible(body="meeting__body"))


class BudgetViewSet(ReadViewSet):
    """Budgets with their lines: the board and the secretariat read them all, a coordinator their own
    community's (budgets.rules); they are changed on the budget pages."""

    serializer_class = serializers.BudgetSerializer

    def get_queryset(self):
        lines = Prefetch("lines", queryset=BudgetLine.objects.select_related("account").order_by("account__number"))
        return readable_budgets(self.viewer).prefetch_related(lines).order_by("pk")


class AccountViewSet(ReadViewSet):
    """The chart of accounts, for those who read budgets."""

    serializer_class = serializers.AccountSerializer

    def get_queryset(self):
        return Account.objects.order_by("number")


class ActualViewSet(ReadViewSet):
    """Each quarter's actuals, as the budgets they follow: all for the board and the secretariat, a
    coordinator their own community's."""

    serializer_class = serializers.ActualSerializer

    def get_queryset(self):
        return readable_actuals(self.viewer).select_related("account").order_by("pk")


class InvoiceApproverViewSet(ReadViewSet):
    """Who approves which invoices, for the board and the secretariat."""

    serializer_class = serializers.InvoiceApproverSerializer

    def get_queryset(self):
        return InvoiceApprover.objects.order_by("pk")


class ContactViewSet(ReadViewSet):
    """How people at the organisations relate to the products: all for the board and the secretariat,
    a member contact their own organisation's people."""

    serializer_class = serializers.ContactSerializer

    def get_queryset(self):
        return contacts_for(self.viewer).order_by("pk")


class AgreementViewSet(WriteViewSet):
    """Agreements: the board and the secretariat read them all, a member contact their own organisation's;
    the secretariat writes them."""

    serializer_class = serializers.AgreementSerializer

    def get_queryset(self):
        return Agreement.objects.readable_by(self.viewer).order_by("pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        documents = attachments_by_owner(page or [])
        for agreement in page or []:
            agreement.documents = documents[agreement.pk]
        return page


class ContributionViewSet(Revisioned, mixins.UpdateModelMixin, ReadViewSet):
    """Contributions (invoice lines), read as agreements are; the secretariat moves them on (invoiced, paid)."""

    serializer_class = serializers.ContributionSerializer

    def get_queryset(self):
        return Contribution.objects.readable_by(self.viewer).order_by("pk")

    def body_of(self, item):
        # Money belongs to no body: only the secretariat changes it (api.rules).
        return None

    def perform_update(self, serializer):
        self.save_if_unchanged(serializer)


@token_schema
class TokenView(LoginView):
    """A new token for a username and password, each time, to send as `Authorization: Token <token>`.

    It is shown only this once (only a digest of it is kept), and it ends
    at its expiry or, sooner, when the password changes.
    """

    parser_classes = [JSONParser]
    # The password is the credential here; a stale token in the header must not get in the way.
    authentication_classes = []
    permission_classes = []

    def post(self, request, format=None):
        # authenticate() sees the request, so django-axes counts a wrong
        # password and refuses a locked-out username (as a wrong password: 400).
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        request.user = serializer.validated_data["user"]
        return super().post(request, format=format)


@extend_schema(exclude=True)
class NowhereView(APIView):
    """Any other address under /api/: a 404 in JSON, as the endpoints answer one."""

    permission_classes = []
    authentication_classes = []

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound


class SearchViewSet(viewsets.GenericViewSet):
    """Search: the first results of each kind that hold every word of `q`, as the search page finds them."""

    serializer_class = serializers.SearchKindSerializer
    pagination_class = None
    # Results of many kinds, not one model's rows: no queryset and no filter form
    # (the browsable API asks a list view for both).
    filter_backends = ()
    schema = ApiSchema()

    def get_queryset(self):
        return []

    @extend_schema(parameters=[OpenApiParameter("q", str, description=_("The words to search for."))])
    def list(self, request):
        return Response(self.get_serializer(search_kinds(caller(request), request.query_params.get("q", "")), many=True).data)
