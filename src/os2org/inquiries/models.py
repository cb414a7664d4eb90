"""The shared inbox: topics the secretariat keeps, the inquiries that arrive, and their notes and replies.

An inquiry is a question from outside. Its topic sends it to a role and so
to the person who holds that role on the day it arrives (inquiries.routing);
its due date follows from the topic's response time (inquiries.deadlines).
Inquiries hold personal data: only the secretariat reads them (rules.py),
their audit entries name none of it (services.facts), and closed ones are
deleted after INQUIRY_RETENTION_DAYS (services.purge_inquiries).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from os2org.common.dates import validate_date
from os2org.common.names import validate_name

# The longest text a sender may write: a long letter, not a book.
MAX_TEXT = 20_000


class Topic(models.Model):
    """What an inquiry is about, and the rule that routes it: a role and a response time."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_name])
    slug = models.SlugField(_("address"), max_length=200, unique=True, allow_unicode=True)
    role = models.ForeignKey(
        "roles.RoleDescription", verbose_name=_("routed to role"), on_delete=models.PROTECT, related_name="topics"
    )
    response_days = models.PositiveSmallIntegerField(
        _("response time in working days"), default=5, help_text=_("Monday to Friday; weekends are not counted.")
    )
    # Offered on the public form; a topic only staff use (a complaint routed by hand) is not.
    public = models.BooleanField(_("offered on the public form"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.CheckConstraint(
                condition=Q(response_days__gte=1, response_days__lte=250),
                name="topic_response_days_in_range",
                violation_error_message=_("Give a response time of 1 to 250 working days."),
            ),
            models.CheckConstraint(condition=~Q(name=""), name="topic_name_not_empty"),
        ]

    def __str__(self):
        return self.name


class InquiryQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Inquiry.Status.CLOSED)

    def overdue(self, on):
        """Open inquiries whose due date is before `on`."""
        return self.open().filter(due__lt=on)


class Inquiry(models.Model):
    class Channel(models.TextChoices):
        FORM = "form", _("public form")
        STAFF = "staff", _("entered by staff")
        EMAIL = "email", _("e-mail")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        WAITING = "waiting", _("waiting")
        CLOSED = "closed", _("closed")

    received = models.DateTimeField(_("received"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    sender_name = models.CharField(_("sender's name"), max_length=200)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    # As the sender wrote it: they may not be from an organisation we know.
    organisation_name = models.CharField(_("organisation as written"), max_length=200, blank=True)
    product = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="inquiries")
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    text_html = models.TextField(_("text as HTML"), blank=True, editable=False)
    # Where routing sent it (inquiries.routing.route), kept as it was on the
    # day: a later change of who holds the role does not move it.
    role = models.ForeignKey(
        "roles.RoleDescription",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    assignee = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    by_fallback = models.BooleanField(_("routed to the fallback role"), default=False)
    due = models.DateField(_("due"), validators=[validate_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[validate_date])
    # The Message-ID of the e-mail it came from: the same mail read twice
    # (uploaded again, fetched again) is one inquiry.
    message_id = models.CharField(_("message id"), max_length=998, null=True, blank=True, unique=True)

    MARKDOWN = {"text": "text_html"}
    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-received", "-id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="inquiry_closed_on_iff_closed",
                violation_error_message=_("A closed inquiry has the day it was closed, and only a closed one."),
            ),
            models.CheckConstraint(
                condition=Q(message_id__isnull=True) | ~Q(message_id=""),
                name="inquiry_message_id_not_empty",
            ),
            models.CheckConstraint(condition=~Q(sender_name=""), name="inquiry_sender_name_not_empty"),
            models.CheckConstraint(condition=~Q(subject=""), name="inquiry_subject_not_empty"),
        ]
        indexes = [models.Index(fields=["status", "due"], name="inquiry_status_due")]

    def __str__(self):
        # Its number only: the audit log names it, and the log is read by more than the secretariat.
        return gettext("inquiry no. %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("inquiries:inquiry", args=[self.pk])

    def overdue_on(self, day):
        return self.status != self.Status.CLOSED and self.due < day


class LogLine(models.Model):
    """A line of an inquiry's log: who wrote what, when."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written = models.DateTimeField(_("written"))
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    html = models.TextField(_("text as HTML"), blank=True, editable=False)

    MARKDOWN = {"text": "html"}

    class Meta:
        abstract = True
        ordering = ["written", "id"]


class Note(LogLine):
    """An internal note: the sender never sees it."""

    inquiry = models.ForeignKey(Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="notes")

    class Meta(LogLine.Meta):
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="inquiry_note_not_empty")]

    def __str__(self):
        return gettext("note on %(inquiry)s") % {"inquiry": self.inquiry}


class Reply(LogLine):
    """What was answered to the sender, and to which address, as a record; os2org sends no mail for it."""

    inquiry = models.ForeignKey(Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="replies")
    sent_to = models.EmailField(_("sent to"), blank=True)

    class Meta(LogLine.Meta):
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="inquiry_reply_not_empty")]

    def __str__(self):
        return gettext("reply on %(inquiry)s") % {"inquiry": self.inquiry}
