"""API tokens (django-rest-knox): made for a log-in, and ended with its password.

Only a token's digest is stored; the token itself is shown once, when it
is made. It ends after API_TOKEN_DAYS, or sooner when its owner's password
changes.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import AuthToken

from os2org.audit.services import record


def make_token(user: AbstractBaseUser, *, actor: AbstractBaseUser | None = None) -> tuple[str, datetime]:
    """A new API token for `user`, and when it ends.

    Side effects: stores the token's digest (the token cannot be read back)
    and writes an audit entry naming the user and the expiry, not the token.
    """
    with transaction.atomic():
        stored, token = AuthToken.objects.create(user)
        record(
            "access.token",
            summary=_("API token for %(user)s") % {"user": user.get_username()},
            actor=actor,
            obj=user,
            data={"expiry": stored.expiry.isoformat()},
        )
    return token, stored.expiry


def end_tokens_with_password(sender, instance, raw=False, update_fields=None, **kwargs):
    """Delete a user's API tokens when the password hash they are saved with is not the stored one.

    Connected to the user model's pre_save (AccessConfig.ready), so that it
    holds for every way a password changes: the password-change and reset
    pages, `os2org changepassword`, set_password() and save() anywhere. A
    token stands in for the password in scripts: whoever changes a password
    that may have leaked expects every way in that it gave to end with it,
    as Django ends the user's other sessions. Like those, tokens also end
    when Django re-hashes a password on log-in (after an upgrade of Django).

    Side effects: deletes the tokens and writes an audit entry if there were any.
    Restored rows (`raw`) are saved as they were and left alone.
    """
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender._base_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is None or stored == instance.password:
        return
    ended = AuthToken.objects.filter(user_id=instance.pk).delete()[0]
    if ended:
        record(
            "access.tokens_ended",
            summary=_("API tokens of %(user)s ended with the password") % {"user": instance.get_username()},
            obj=instance,
            data={"tokens": ended},
        )
