"""The organisation a handbook describes: bodies, organisations, people and who holds what."""


from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date
from os2org.common.identifiers import validate_cvr, validate_ean
from os2org.common.names import name_key, validate_name
from os2org.common.numbers import FULL_TIME_HOURS
from os2org.common.search import folded
from os2org.common.visibility import Visibility, visibility_field

# A full year's work (årsværk) in hours per week.


class KeyedByName(models.Model):
    """Searched and compared by its name as names are compared (os2org.common.names.name_key).

    The key is kept in step with the name whoever saves (a service, the
    loader, a test): word search (os2org.common.search) reads it.
    """

    name_key = models.TextField(_("name as compared"), editable=False, default="")
    # The fields derive() makes: a bulk write (common.bulk.save_all) writes them too.
    DERIVED = ("name_key",)

    class Meta:
        abstract = True

    def derive(self):
        self.name_key = name_key(self.name)

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)


class Body(KeyedByName):
    """A body of the association: the board, the secretariat, a product community, its groups."""

    class Kind(models.TextChoices):
        # The association as a whole: the root of the mind-map chart.
        ASSOCIATION = "association", _("association")
        GENERAL_ASSEMBLY = "general_assembly", _("general assembly")
        BOARD = "board", _("board")
        SECRETARIAT = "secretariat", _("secretariat")
        COMMITTEE = "committee", _("committee")
        PROGRAMME = "programme", _("programme")
        PRODUCT_COMMUNITY = "product_community", _("product community")
        PROJECT_COMMUNITY = "project_community", _("project community")
        STEERING_GROUP = "steering_group", _("steering group")
        COORDINATION_GROUP = "coordination_group", _("coordination group")
        WORKING_GROUP = "working_group", _("working group")
        USERS = "users", _("users")
        # The suppliers and the other stakeholders as the org charts show
        # them: one box each, standing for many organisations.
        SUPPLIERS = "suppliers", _("suppliers")
        STAKEHOLDERS = "stakeholders", _("other stakeholders")

    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    slug = models.SlugField(_("address"), max_length=200, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # Siblings are drawn in this order in the org charts (as on the page they came from).
    position = models.PositiveIntegerField(_("position in the org charts"), default=0)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    programme = models.ForeignKey(
        "self",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
        limit_choices_to={"kind": Kind.PROGRAMME},
    )
    description = models.TextField(_("description"), blank=True)
    # The organisations with an agreement in force today: kept in step with
    # the agreements by os2org.members.services, never typed in.
    member_authorities = models.ManyToManyField(
        "Organisation", verbose_name=_("member authorities"), blank=True, related_name="communities"
    )
    suppliers = models.ManyToManyField(
        "Organisation", verbose_name=_("suppliers"), blank=True, related_name="supplied_communities"
    )

    visibility = visibility_field(Visibility.PUBLIC)

    # Who reads it, as a query (common.visibility.readable_of); read_scope says the same of one body.
    READ_FILTER = {"body": "pk"}

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="body_not_its_own_parent"),
            models.CheckConstraint(condition=~Q(name=""), name="body_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:body", args=[self.slug])

    @property
    def read_scope(self):
        """(visibility, body): what decides who reads it (os2org.common.visibility.readable)."""
        return self.visibility, self.pk


class BodyRelation(models.Model):
    """Two bodies that work together, beyond one being part of the other (an edge of the org chart)."""

    class Kind(models.TextChoices):
        BOTH_WAYS = "both_ways", _("both ways")
        ONE_WAY = "one_way", _("one way")
        LINE = "line", _("line")

    source = models.ForeignKey(Body, verbose_name=_("from"), on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Body, verbose_name=_("to"), on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BOTH_WAYS)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("relation between bodies")
        verbose_name_plural = _("relations between bodies")
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="body_relation_not_to_itself"),
            models.UniqueConstraint(fields=["source", "target"], name="body_relation_unique"),
        ]

    def __str__(self):
        return f"{self.source} – {self.target}"


class Organisation(KeyedByName):
    """A member authority, a supplier or a partner (or several of these at once)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        REGION = "region", _("region")
        STATE = "state", _("state body")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    slug = models.SlugField(_("address"), max_length=200, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    # The location number e-invoices to a public body are addressed to (NemHandel).
    ean = models.CharField(_("EAN number"), max_length=13, blank=True, validators=[validate_ean])
    address = models.TextField(_("address"), blank=True)
    is_member = models.BooleanField(_("member"), default=False)
    member_since = models.DateField(_("member since"), null=True, blank=True, validators=[validate_date])
    member_until = models.DateField(_("member until"), null=True, blank=True, validators=[validate_date])
    is_supplier = models.BooleanField(_("supplier"), default=False)
    is_partner = models.BooleanField(_("partner"), default=False)
    partner_role = models.TextField(_("role toward the association"), blank=True)

    visibility = visibility_field(Visibility.PUBLIC)

    READ_FILTER = {}

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(condition=Q(cvr="") | Q(cvr__regex=r"^[0-9]{8}$"), name="organisation_cvr_8_digits"),
            models.UniqueConstraint(fields=["cvr"], condition=~Q(cvr=""), name="organisation_cvr_unique"),
            models.CheckConstraint(condition=Q(ean="") | Q(ean__regex=r"^[0-9]{13}$"), name="organisation_ean_13_digits"),
            models.CheckConstraint(
                condition=Q(member_since__isnull=True) | Q(member_until__isnull=True) | Q(member_until__gt=F("member_since")),
                name="organisation_membership_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="organisation_name_not_empty"),
            # Two organisations whose names look alike are one organisation.
            models.UniqueConstraint(fields=["name_key"], name="organisation_name_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:organisation", args=[self.slug])

    @property
    def read_scope(self):
        return self.visibility, None


class Person(KeyedByName):
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    slug = models.SlugField(_("address"), max_length=200, unique=True, allow_unicode=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Personal data: searched only for those who read e-mail addresses (Viewer.sees_emails).
    email_key = models.TextField(_("e-mail as searched"), editable=False, default="")
    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="employees"
    )
    contract_hours = models.DecimalField(
        _("contract hours per week"), max_digits=5, decimal_places=2, default=FULL_TIME_HOURS
    )

    visibility = visibility_field(Visibility.PUBLIC)

    READ_FILTER = {}

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_hours__gt=0, contract_hours__lte=168), name="person_contract_hours_in_week"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="person_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:person", args=[self.slug])

    @property
    def read_scope(self):
        return self.visibility, None

    DERIVED = ("name_key", "email_key")

    def derive(self):
        super().derive()
        self.email_key = folded(self.email)


class AssignmentQuerySet(models.QuerySet):
    def current(self, on=None):
        """Assignments that hold on a day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(Q(ends__isnull=True) | Q(ends__gt=day), starts__lte=day)


class Assignment(models.Model):
    """A person holds a role in a body, from a date, for some hours a week."""

    class Function(models.TextChoices):
        MEMBER = "member", _("member")
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        COORDINATOR = "coordinator", _("coordinator")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assignments")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="assignments")
    role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("role description"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices, default=Function.MEMBER)
    starts = models.DateField(_("from"), validators=[validate_date])
    ends = models.DateField(_("until"), null=True, blank=True, validators=[validate_date])
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=2)
    # Set when the time was agreed as a share of a full year (1/5, 1/3, …);
    # hours_per_week is then that share of 37 hours.
    share = models.DecimalField(_("share of a full year"), max_digits=5, decimal_places=4, null=True, blank=True)
    reports_to = models.ForeignKey(
        Person, verbose_name=_("reports to"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(condition=Q(hours_per_week__gt=0), name="assignment_hours_positive"),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__gt=0, share__lte=1), name="assignment_share_at_most_one"
            ),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gt=F("starts")), name="assignment_ends_after_start"
            ),
            # Open-ended chairs: one per body. Overlapping dated terms are
            # refused by the service, which can compare ranges.
            models.UniqueConstraint(
                fields=["body", "function"],
                condition=Q(function__in=["chair", "vice_chair"], ends__isnull=True),
                name="assignment_one_open_chair_per_body",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.role or self.get_function_display()} ({self.body})"

    @property
    def share_of_full_time(self):
        """The share of a full year, entered or derived from the hours."""
        return self.share if self.share is not None else self.hours_per_week / FULL_TIME_HOURS
