"""An attachment (bilag): a file that belongs to an item of another app, and takes that item's visibility.

The owner is generic (content type and id), so that this app knows none
of the apps whose items have attachments. The file itself is kept in the
`attachments` storage under a random name; the row holds what the
uploader called it and what its bytes were found to be.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The content types an attachment may have, as found from its bytes (os2org.attachments.sniffing)."""

    PDF = "application/pdf", _("PDF")
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _("Word")
    DOC = "application/msword", _("Word (old format)")
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _("Excel")
    XLS = "application/vnd.ms-excel", _("Excel (old format)")
    PNG = "image/png", _("PNG image")
    JPEG = "image/jpeg", _("JPEG image")
    GIF = "image/gif", _("GIF image")
    WEBP = "image/webp", _("WebP image")


# The suffixes of each kind; a download whose name has none of its kind's gets the first.
SUFFIXES = {
    Kind.PDF: (".pdf",),
    Kind.DOCX: (".docx",),
    Kind.DOC: (".doc",),
    Kind.XLSX: (".xlsx",),
    Kind.XLS: (".xls",),
    Kind.PNG: (".png",),
    Kind.JPEG: (".jpg", ".jpeg"),
    Kind.GIF: (".gif",),
    Kind.WEBP: (".webp",),
}


class Attachment(models.Model):
    owner_type = models.ForeignKey(ContentType, verbose_name=_("owner type"), on_delete=models.PROTECT)
    owner_id = models.PositiveBigIntegerField(_("owner id"))
    owner = GenericForeignKey("owner_type", "owner_id")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    # Random, never made from the uploader's name (os2org.attachments.storage).
    storage_name = models.CharField(_("stored as"), max_length=100, unique=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="attachment_owner")]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_size_positive"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="attachment_sha256_hex"),
            models.CheckConstraint(condition=Q(content_type__in=Kind.values), name="attachment_content_type_allowed"),
            models.CheckConstraint(condition=~Q(original_name=""), name="attachment_name_not_empty"),
        ]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name
