from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Account(models.Model):
    """What the organisation knows about a log-in beyond its groups.

    The groups (secretariat, board member, product coordinator, member
    contact) are Django's own; an account ties the log-in to the person in
    the directory (so a board member answers the minutes of meetings they
    took part in, and a coordinator's community follows from their
    assignments) and a member contact to their authority.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("log-in"), on_delete=models.CASCADE, related_name="account"
    )
    person = models.OneToOneField(
        "organisation.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )
    authority = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("member authority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    # The person's own choice (reminders.send): the weekly overview and reminders by e-mail, or none.
    reminders = models.BooleanField(_("e-mail reminders"), default=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return str(self.user)
