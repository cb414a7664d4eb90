"""Changing who may do what: a log-in's groups, person and authority."""

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from os2org.access import groups as known_groups
from os2org.access.models import Account
from os2org.audit.services import record
from os2org.organisation.models import Organisation, Person


def _state(user):
    account = Account.objects.filter(user=user).select_related("person", "authority").first()
    return {
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "person": account.person.slug if account and account.person else None,
        "authority": account.authority.slug if account and account.authority else None,
    }


def set_access(username, *, groups=None, person=None, authority=None, actor=None):
    """Create or change a log-in: its groups (all of them, replacing the old),
    the person it is and the member authority it speaks for (slugs; "" clears).

    A new log-in gets no usable password: its owner sets one through
    "Forgot your password?" or `os2org changepassword`.
    """
    unknown = sorted(set(groups or ()) - set(known_groups.ALL))
    if unknown:
        raise ValidationError(
            {"groups": _("Unknown group: %(names)s. The groups are: %(known)s.")
             % {"names": ", ".join(unknown), "known": ", ".join(known_groups.ALL)}}
        )
    found_person = _by_slug(Person, person, "person")
    found_authority = _by_slug(Organisation, authority, "authority")
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
        before = None if created else _state(user)
        if groups is not None:
            user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
        if person is not None or authority is not None:
            account, _made = Account.objects.get_or_create(user=user)
            if person is not None:
                account.person = found_person
            if authority is not None:
                account.authority = found_authority
            account.full_clean(exclude=["user"])
            account.save()
        after = _state(user)
        record(
            "access.user",
            summary=_("Access of %(user)s") % {"user": username},
            actor=actor,
            obj=user,
            before=before,
            after=after,
        )
    return user


def _by_slug(model, slug, field):
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError(
            {field: _("No %(kind)s has the address %(slug)s.") % {"kind": model._meta.verbose_name, "slug": slug}}
        )
    return found


def access_list():
    """Every log-in with its groups, person and authority, by user name."""
    users = User.objects.order_by("username").prefetch_related("groups").select_related(
        "account__person", "account__authority"
    )
    rows = []
    for user in users:
        account = getattr(user, "account", None)
        rows.append(
            (
                user.username,
                ",".join(sorted(group.name for group in user.groups.all())) or "-",
                account.person.slug if account and account.person else "-",
                account.authority.slug if account and account.authority else "-",
            )
        )
    return rows


def set_reminders(account: Account, *, on: bool, actor=None) -> Account:
    """Turn the e-mail reminders and weekly overview of a log-in's person on or off.

    Side effects: the Account row and one audit entry, in one transaction.
    """
    with transaction.atomic():
        account = Account.objects.select_for_update().get(pk=account.pk)
        before = {"reminders": account.reminders}
        account.reminders = on
        account.save(update_fields=["reminders"])
        record(
            "access.reminders",
            summary=str(account.person or account.user),
            actor=actor,
            obj=account,
            before=before,
            after={"reminders": on},
        )
    return account
