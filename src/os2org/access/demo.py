"""The demo's log-ins: one per group, each tied to a person of the demo organisation.

For trying the app on the demo (`make run`); the command that calls this
refuses unless DEBUG is on, since demo log-ins with a known password must
never exist in production.
"""

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils.translation import gettext as _

from os2org.access import groups
from os2org.access.models import Account
from os2org.audit.services import record
from os2org.organisation.models import Organisation, Person

DEFAULT_PASSWORD = "demo-os2org"

# (username, group, person, member authority) in src/os2org/demo/organisation.yaml:
# the secretariat chief; the board's chair, who takes part in every board
# meeting; the coordinator of Fælleskode Booking; and a member contact of
# Region Vestkyst, a member of that community.
LOGINS = [
    ("sekretariat", groups.SECRETARIAT, "Karen Lund", None),
    ("bestyrelse", groups.BOARD, "Birgitte Skov", None),
    ("koordinator", groups.COORDINATOR, "Mads Kjær", None),
    ("kontakt", groups.MEMBER_CONTACT, "Peter Holm", "Region Vestkyst"),
]
USERNAMES = [username for username, _group, _person, _authority in LOGINS]


class MissingDemoData(Exception):
    pass


def _get(model, name):
    found = model.objects.filter(name=name).first()
    if found is None:
        raise MissingDemoData(
            _("%(name)s is missing: load the demo organisation first (os2org org load src/os2org/demo/organisation.yaml).")
            % {"name": name}
        )
    return found


@transaction.atomic
def add_demo_logins(*, password):
    """Add the demo log-ins that do not exist yet; returns the usernames added.

    Side effects, for each one added: one User in its group, one Account
    tying it to its demo person (and authority), one audit entry. A log-in
    that exists is left as it is, password and all. Raises MissingDemoData,
    and adds nothing, when a demo person or authority is missing.
    """
    added = []
    for username, group, person_name, authority_name in LOGINS:
        if User.objects.filter(username=username).exists():
            continue
        person = _get(Person, person_name)
        authority = _get(Organisation, authority_name) if authority_name else None
        user = User.objects.create_user(username, password=password)
        user.groups.add(Group.objects.get_or_create(name=group)[0])
        Account.objects.create(user=user, person=person, authority=authority)
        record(
            "access.demo_login",
            summary=f"{username}: {groups.LABELS[group]}, {person}",
            obj=user,
            data={"group": group, "person": person.pk, "authority": authority.pk if authority else None},
        )
        added.append(username)
    return added
