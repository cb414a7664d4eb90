"""What `os2org remind` has sent: one row per thing a mail told a person of, so it is never told twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sent(models.Model):
    """A person was mailed about one thing (`kind`, `subject_key`) for one `period`.

    The period is what makes a thing new again: the ISO week for the
    weekly overview ("2026-W19"), a follow-up's or review's due date
    ("2026-05-20"), the version of minutes ("3"), the day a coordinator post
    fell vacant. A follow-up given a new date is reminded of again; the
    same date never twice.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", _("weekly overview")
        FOLLOW_UP_SOON = "follow_up_soon", _("follow-up due soon")
        FOLLOW_UP_OVERDUE = "follow_up_overdue", _("follow-up overdue")
        MINUTES = "minutes", _("minutes waiting for an answer")
        REVIEW = "review", _("role review due")
        VACANT_COORDINATOR = "vacant_coordinator", _("coordinator post vacant")

    person = models.ForeignKey(
        "organisation.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject_key = models.CharField(_("about"), max_length=100, blank=True)
    period = models.CharField(_("period"), max_length=20)
    sent = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "subject_key", "period"], name="reminder_sent_once"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} {self.subject_key} {self.period}".strip()
