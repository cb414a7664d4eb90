"""Reads of the organisation that other apps ask too."""

from collections import defaultdict

from os2org.organisation.models import Assignment


def current_holders(roles):
    """{role id: [people who hold the role today]}, in one query."""
    ids = {role.pk for role in roles if role is not None}
    holders = defaultdict(list)
    if not ids:
        return holders
    current = Assignment.objects.current().filter(role_id__in=ids).select_related("person")
    fields = ("role", "person", "person__name", "person__slug", "person__visibility")
    for assignment in current.only(*fields).order_by("person__name", "pk"):
        if assignment.person not in holders[assignment.role_id]:
            holders[assignment.role_id].append(assignment.person)
    return holders
