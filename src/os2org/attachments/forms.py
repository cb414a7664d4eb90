"""The form field other apps' forms add for an attachment. Django's form puts a refusal at the field."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from os2org.attachments.checks import check_upload, what_to_choose

# What the browser's file picker offers first; the bytes decide, not this.
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.gif,.webp"


class AttachmentField(forms.FileField):
    """A file field that takes only what `check_upload` lets through."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Attachment"))
        # Lazy: the limit and the language are those of the page the field is drawn on.
        kwargs.setdefault("help_text", lazy(what_to_choose, str)())
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            check_upload(upload)
        return upload
