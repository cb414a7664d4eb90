"""The communication plan: the year's activities by audience and channel, newsletter issues, and consent.

Recipient lists are not stored: they are read from the contact register
(members.ContactRelation) and the roles people hold each time
(communication.recipients), less whoever has not consented or has
unsubscribed (Consent).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date


class Audience(models.TextChoices):
    IT_MANAGERS = "it_managers", _("IT managers")
    COORDINATORS = "coordinators", _("coordinators")
    EXECUTIVES = "executives", _("executives")
    SUPPLIERS = "suppliers", _("suppliers")
    MEMBERS = "members", _("members")


class Channel(models.TextChoices):
    NEWSLETTER = "newsletter", _("newsletter")
    LINKEDIN = "linkedin", _("LinkedIn")
    WEBSITE = "website", _("website")
    EVENT = "event", _("event")
    WEBINAR = "webinar", _("webinar")


class PlannedActivity(models.Model):
    """One activity of the year's communication plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    day = models.DateField(_("date"), validators=[validate_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    owner_role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("owner role"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communication_activities",
    )
    owner_person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communication_activities",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["day", "title", "id"]
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="communication_activity_title_not_empty"),
            # Owned by a role (whoever holds it) or by a named person: one of them.
            models.CheckConstraint(
                condition=Q(owner_role__isnull=False, owner_person__isnull=True)
                | Q(owner_role__isnull=True, owner_person__isnull=False),
                name="communication_activity_one_owner",
                violation_error_message=_("Give the owner: a role or a person, one of them."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communication:activity-edit", args=[self.pk])

    @property
    def owner(self):
        return self.owner_role or self.owner_person


class NewsletterIssue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        READY = "ready", _("ready to send")
        SENT = "sent", _("sent")

    title = models.CharField(_("title"), max_length=200)
    planned = models.DateField(_("planned for"), validators=[validate_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Audience codes (Audience); none means everyone in the register.
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    # A segment: the contacts of these products only; none means all products.
    products = models.ManyToManyField(
        "organisation.Body", verbose_name=_("products"), blank=True, related_name="newsletter_issues"
    )

    class Meta:
        ordering = ["-planned", "-id"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="communication_issue_title_not_empty"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communication:issue-edit", args=[self.pk])

    def get_audiences_display(self):
        labels = dict(Audience.choices)
        return [labels[code] for code in self.audiences if code in labels]


class Consent(models.Model):
    """Whether a person may be sent newsletters: since when they agreed, and when they said no more."""

    person = models.OneToOneField(
        "organisation.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="newsletter_consent"
    )
    consented_on = models.DateField(_("consented on"), null=True, blank=True, validators=[validate_date])
    unsubscribed_on = models.DateField(_("unsubscribed on"), null=True, blank=True, validators=[validate_date])

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(consented_on__isnull=False) | Q(unsubscribed_on__isnull=False),
                name="communication_consent_says_something",
            ),
        ]

    def __str__(self):
        return str(self.person)

    @property
    def receives(self):
        return self.consented_on is not None and self.unsubscribed_on is None
