"""Log-ins in the organisation's groups, for tests."""

from django.contrib.auth.models import Group, User

from os2org.access.models import Account

PASSWORD = "a-long-test-password"


def make_user(username, *group_names, person=None, authority=None):
    user = User.objects.create_user(username, password=PASSWORD)
    for name in group_names:
        # get_or_create: a transactional test's flush removes the groups the
        # migration made.
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if person is not None or authority is not None:
        Account.objects.create(user=user, person=person, authority=authority)
    return user
