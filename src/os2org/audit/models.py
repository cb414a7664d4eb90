from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One recorded change: who did what, when, with the data to tell it."""

    created = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=100)
    summary = models.TextField(_("summary"))
    # What the change was made to ("organisation.person", "12"), for its history.
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    # What the object was called when the entry was written: the log names the
    # items other entries point to from their newest entry, in one query.
    object_name = models.CharField(_("object name"), max_length=300, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_entry_object")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.action}: {self.summary}"
