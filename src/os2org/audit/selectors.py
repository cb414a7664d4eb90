from os2org.audit.models import Entry


def data_version():
    """A number that changes whenever stored data changes.

    Every change writes its audit entry in its own transaction, so the
    newest entry's id moves with every change, on every app instance that
    shares the database. Cached data carries it in its key and can never
    outlive what it was made from.
    """
    return Entry.objects.order_by("-id").values_list("id", flat=True).first() or 0
