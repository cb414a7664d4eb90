"""How the organisation governs itself: the annual cycle, meetings, case briefs, decisions and their follow-up."""

import secrets

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from os2org.common.dates import validate_date
from os2org.common.owned import OwnedTask
from os2org.common.search import folded
from os2org.common.visibility import Visibility, name_for, visibility_field

# Nothing in the annual cycle or a meeting lasts longer than a week; a
# longer duration is a typo, and an absurd one would overflow the calendar.
LONGEST_MINUTES = 7 * 24 * 60
# The most further dates (RDATE) an activity may list: a year's days and
# then some. More is a rule written out by hand, and makes every calendar
# feed that holds the activity large and slow.
MAX_DATES = 400


class Activity(models.Model):
    """A recurring item of the annual cycle (årshjul): a deadline, a meeting forum, a campaign…

    Its dates are an RFC 5545 recurrence: `starts` is DTSTART (always the
    first occurrence: the services move it onto the rule), `rule` the RRULE
    without its "RRULE:" prefix, and `dates` extra dates (RDATE). An activity
    with neither rule nor dates happens once.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        DEADLINE = "deadline", _("deadline")
        DECISION_PROCESS = "decision_process", _("decision process")
        COMMUNICATION = "communication", _("communication")
        EVENT = "event", _("event")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("members")
        IT_MANAGERS = "it_managers", _("IT managers")
        COORDINATORS = "coordinators", _("product coordinators")
        EXECUTIVES = "executives", _("executives")
        SUPPLIERS = "suppliers", _("suppliers")
        PUBLIC = "public", _("the public")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    body = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("body or forum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("responsible role"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(_("description as HTML"), blank=True, editable=False)
    starts = models.DateField(_("first date"), validators=[validate_date])
    # No time: the activity lasts the whole day (a deadline, a newsletter).
    time = models.TimeField(_("time"), null=True, blank=True)
    duration = models.PositiveIntegerField(
        _("duration in minutes"), default=60, validators=[MaxValueValidator(LONGEST_MINUTES)]
    )
    rule = models.CharField(_("recurrence (RFC 5545)"), max_length=500, blank=True)
    dates = models.JSONField(_("further dates"), default=list, blank=True)

    visibility = visibility_field(Visibility.MEMBERS)

    # Each Markdown field and the field its HTML is kept in, rendered when
    # written (os2org.markup.render_fields). The HTML fields are not
    # editable: no form offers them and audit snapshots leave them out.
    MARKDOWN = {"description": "description_html"}

    class Meta:
        ordering = ["starts", "title", "id"]
        verbose_name = _("annual cycle activity")
        verbose_name_plural = _("annual cycle activities")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="activity_title_not_empty"),
            models.CheckConstraint(condition=Q(duration__gt=0), name="activity_duration_positive"),
            models.CheckConstraint(condition=Q(duration__lte=LONGEST_MINUTES), name="activity_duration_at_most_a_week"),
            models.CheckConstraint(condition=~Q(rule__startswith="RRULE:"), name="activity_rule_without_prefix"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:activity", args=[self.pk])

    @property
    def read_scope(self):
        """(visibility, body): what decides who reads it (os2org.common.visibility.readable)."""
        return self.visibility, self.body_id


class Feed(models.Model):
    """A calendar subscription at a secret address: the whole organisation, a body, a role or a person.

    One per subject, made once and kept, so a calendar program that
    subscribed keeps working.
    """

    class Scope(models.TextChoices):
        ORGANISATION = "organisation", _("the whole organisation")
        BODY = "body", _("body")
        ROLE = "role", _("role")
        PERSON = "person", _("person")

    token = models.CharField(_("secret"), max_length=64, unique=True, default=secrets.token_urlsafe)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    body = models.OneToOneField(
        "organisation.Body", null=True, blank=True, on_delete=models.CASCADE, related_name="feed"
    )
    role = models.OneToOneField(
        "roles.RoleDescription", null=True, blank=True, on_delete=models.CASCADE, related_name="feed"
    )
    person = models.OneToOneField(
        "organisation.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="feed"
    )

    # The most a feed shows: a feed handed to members carries no internal
    # item, whatever is added to the cycle later.
    visibility = visibility_field(Visibility.MEMBERS)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="organisation", body=None, role=None, person=None)
                | Q(scope="body", body__isnull=False, role=None, person=None)
                | Q(scope="role", body=None, role__isnull=False, person=None)
                | Q(scope="person", body=None, role=None, person__isnull=False),
                name="feed_scope_matches_subject",
            ),
            models.UniqueConstraint(fields=["scope"], condition=Q(scope="organisation"), name="feed_one_organisation"),
        ]

    def __str__(self):
        subject = self.subject
        return f"{self.get_scope_display()}: {subject}" if subject else str(self.get_scope_display())

    @property
    def subject(self):
        return self.body or self.role or self.person

    def get_absolute_url(self):
        return reverse("governance:feed", args=[self.token])


class Meeting(models.Model):
    """A meeting of a body (board, steering group, coordination group, general assembly)."""

    body = models.ForeignKey("organisation.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts = models.DateTimeField(_("starts"), validators=[validate_date])
    duration = models.PositiveIntegerField(
        _("duration in minutes"), default=120, validators=[MaxValueValidator(LONGEST_MINUTES)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        "organisation.Person", verbose_name=_("participants"), blank=True, related_name="meetings"
    )
    # A cancelled meeting keeps its agenda and history, and can be taken up again.
    cancelled = models.BooleanField(_("cancelled"), default=False)

    visibility = visibility_field(Visibility.INTERNAL)

    class Meta:
        ordering = ["starts", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["body", "starts"], name="meeting_one_per_body_and_time"),
            models.CheckConstraint(condition=Q(duration__gt=0), name="meeting_duration_positive"),
            models.CheckConstraint(condition=Q(duration__lte=LONGEST_MINUTES), name="meeting_duration_at_most_a_week"),
        ]

    def __str__(self):
        return self.title or f"{self.body} {self.day_in_words}"

    def name_as_read_by(self, viewer):
        """The meeting's name for a reader: without a title it is called by its body, which they may not read."""
        return self.title or f"{name_for(viewer, self.body)} {self.day_in_words}"

    @property
    def day_in_words(self):
        """Its day as the reader's language writes a date: "5. marts 2026", under /en/ "March 5, 2026"."""
        return date_format(self.day, "DATE_FORMAT")

    def get_absolute_url(self):
        return reverse("governance:meeting", args=[self.pk])

    @property
    def read_scope(self):
        return self.visibility, self.body_id

    @property
    def day(self):
        return timezone.localdate(self.starts)


class AgendaItemQuerySet(models.QuerySet):
    def decisions(self):
        return self.filter(outcome=AgendaItem.Outcome.DECISION)


class AgendaItem(models.Model):
    """A point on a meeting's agenda, in order, and what came of it."""

    class Outcome(models.TextChoices):
        NOTED = "noted", _("noted")
        DISCUSSED = "discussed", _("discussed")
        DECISION = "decision", _("decision")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(_("description as HTML"), blank=True, editable=False)
    # Empty until the meeting has dealt with the item.
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(_("decision or note"), blank=True)
    outcome_html = models.TextField(_("decision or note as HTML"), blank=True, editable=False)
    # Title, text, decision and case brief, case-folded, so the register
    # searches in SQL (SQLite's LIKE folds only ASCII, not æ, ø and å);
    # kept by the services that write them (governance.meetings.services).
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = AgendaItemQuerySet.as_manager()

    visibility = visibility_field(Visibility.INTERNAL)

    MARKDOWN = {"description": "description_html", "outcome_text": "outcome_html"}

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="agenda_item_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(outcome="decision") | ~Q(outcome_text=""), name="agenda_item_decision_has_text"
            ),
        ]

    def __str__(self):
        return self.title

    def searchable(self, brief=None):
        """What the register's word search looks in, case-folded: the item's texts and its case brief's."""
        parts = [self.title, self.description, self.outcome_text]
        if brief is not None:
            parts += [getattr(brief, name) for name in brief.SECTIONS]
        return folded("\n".join(parts))

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"

    @property
    def read_scope(self):
        return self.visibility, self.meeting.body_id


class CaseBrief(models.Model):
    """A sagsoplæg: the standard written form of a proposal to a meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        FOR_DISCUSSION = "for_discussion", _("for discussion")
        READY = "ready", _("ready for decision")
        # Set by the decision itself (services.record_outcome), not by hand.
        DECIDED = "decided", _("decided")

    class Purpose(models.TextChoices):
        INFORMATION = "information", _("information")
        DISCUSSION = "discussion", _("discussion")
        DECISION = "decision", _("decision")

    item = models.OneToOneField(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="brief")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    purpose = models.CharField(pgettext_lazy("case brief", "purpose"), max_length=20, choices=Purpose.choices)
    author = models.ForeignKey(
        "organisation.Person", verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.ForeignKey(
        "organisation.Person", verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("date"), validators=[validate_date])
    # The five sections of the form, in order (Markdown).
    aim = models.TextField(_("aim"), blank=True)
    background = models.TextField(_("background"), blank=True)
    analysis = models.TextField(_("analysis"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    consequences = models.TextField(_("consequences"), blank=True)
    aim_html = models.TextField(_("aim as HTML"), blank=True, editable=False)
    background_html = models.TextField(_("background as HTML"), blank=True, editable=False)
    analysis_html = models.TextField(_("analysis as HTML"), blank=True, editable=False)
    recommendation_html = models.TextField(_("recommendation as HTML"), blank=True, editable=False)
    consequences_html = models.TextField(_("consequences as HTML"), blank=True, editable=False)

    SECTIONS = ("aim", "background", "analysis", "recommendation", "consequences")
    MARKDOWN = {name: f"{name}_html" for name in SECTIONS}

    class Meta:
        verbose_name = _("case brief")
        verbose_name_plural = _("case briefs")

    def __str__(self):
        return str(self.item)

    def sections(self):
        """[(heading, text)] for the five sections, in order."""
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.SECTIONS]

    def rendered_sections(self):
        """[(heading, HTML)] for the sections that say something, in order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, self.MARKDOWN[name]))
            for name in self.SECTIONS
            if getattr(self, name).strip()
        ]


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def overdue(self, on):
        return self.open().filter(due__lt=on)


class FollowUp(OwnedTask, models.Model):
    """An action a decision calls for, with an owner (a person or a role) and a due date."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    CLOSED = (Status.DONE, Status.DROPPED)

    item = models.ForeignKey(AgendaItem, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField(_("action"), max_length=300)
    owner_person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    # A role leaves with its handbook page; the action then has no owner
    # until someone is named, which the dashboard shows.
    owner_role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("owner (role)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    due = models.DateField(_("due"), validators=[validate_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[validate_date])

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="follow_up_title_not_empty"),
            models.CheckConstraint(
                condition=Q(owner_person__isnull=True) | Q(owner_role__isnull=True), name="follow_up_one_owner"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["done", "dropped"], closed_on__isnull=False)
                | Q(status__in=["open", "in_progress"], closed_on__isnull=True),
                name="follow_up_closed_when_done",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:follow-up", args=[self.pk])

    @property
    def read_scope(self):
        """As visible as the decision it follows up."""
        return self.item.read_scope


class Minutes(models.Model):
    """One version of a meeting's minutes. An approved version is locked; a change makes the next version.

    The minutes are kept in parts, each as visible as what it is about:
    `text` is about the meeting as a whole (who came, where, anything not
    on the agenda) and is as visible as the meeting; each MinutesPart is
    about one agenda item and is as visible as that item. So a reader is
    shown only the parts about what they may read, by construction.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent for approval")
        APPROVED = "approved", _("approved")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("the meeting as a whole"), blank=True)
    # `text` rendered once, when it is saved (os2org.markup).
    html = models.TextField(_("rendered HTML"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created = models.DateTimeField(_("written"), default=timezone.now)
    sent = models.DateTimeField(_("sent for approval"), null=True, blank=True)
    approved = models.DateTimeField(_("approved"), null=True, blank=True)

    MARKDOWN = {"text": "html"}

    class Meta:
        ordering = ["meeting", "-version"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_unique"),
            # At most one version is being worked on at a time.
            models.UniqueConstraint(
                fields=["meeting"], condition=~Q(status="approved"), name="minutes_one_open_version"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved__isnull=False, sent__isnull=False),
                name="minutes_approved_has_dates",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="minutes_version_from_one"),
        ]

    def __str__(self):
        return f"{self.meeting} ({self.version})"

    @property
    def is_locked(self):
        return self.status == self.Status.APPROVED


class MinutesPart(models.Model):
    """What one version of the minutes says about one agenda item; as visible as that item."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="parts")
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="minutes_parts"
    )
    text = models.TextField(_("minutes of the item"))
    # `text` rendered once, when it is saved (os2org.markup).
    html = models.TextField(_("rendered HTML"), blank=True)

    MARKDOWN = {"text": "html"}

    class Meta:
        verbose_name = _("part of the minutes")
        verbose_name_plural = _("parts of the minutes")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "item"], name="minutes_part_one_per_item"),
            models.CheckConstraint(condition=~Q(text=""), name="minutes_part_not_empty"),
        ]

    def __str__(self):
        return f"{self.minutes}: {self.item}"


class Approval(models.Model):
    """A participant's answer to minutes sent for approval: approved, or asked for an amendment."""

    class Answer(models.TextChoices):
        APPROVED = "approved", _("approved")
        AMEND = "amend", _("amendment asked for")

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="approvals")
    person = models.ForeignKey("organisation.Person", verbose_name=_("participant"), on_delete=models.PROTECT)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    comment = models.TextField(_("comment"), blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("answer to minutes")
        verbose_name_plural = _("answers to minutes")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="approval_one_per_participant"),
            models.CheckConstraint(condition=~Q(answer="amend") | ~Q(comment=""), name="approval_amend_says_what"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_answer_display()}"

