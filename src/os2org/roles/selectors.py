"""Reads of the role descriptions that need care."""

from os2org.roles.models import RoleDescription, Task


def searchable(*, viewer):
    """What search looks among here: the roles in the handbook `viewer` may read, and their tasks."""
    return {"roles": RoleDescription.objects.readable_by(viewer), "tasks": Task.objects.readable_by(viewer)}
