from django.db.models import QuerySet

from os2org.attachments.models import Attachment


def attachments_of(owner) -> QuerySet:
    """The attachments of `owner`, oldest first. They are for whoever may read the owner: ask that first.

    The owner's kind is matched by name in the same query, not looked up first: Django keeps the
    content types it has read in memory, so a lookup would cost a query on one page and none on
    the next, and a page's query count would depend on what was read before it.
    """
    meta = owner._meta
    return Attachment.objects.filter(
        owner_type__app_label=meta.app_label, owner_type__model=meta.model_name, owner_id=owner.pk
    )


def attachments_by_owner(owners) -> dict:
    """{owner's id: [its attachments]} of owners of one model, in one query (a page of a list)."""
    owners = list(owners)
    if not owners:
        return {}
    meta = owners[0]._meta
    found = {owner.pk: [] for owner in owners}
    for attachment in Attachment.objects.filter(
        owner_type__app_label=meta.app_label, owner_type__model=meta.model_name, owner_id__in=list(found)
    ):
        found[attachment.owner_id].append(attachment)
    return found
