from os2org.audit.models import Entry


def record(action, *, summary, actor=None, data=None):
    """Write an audit entry; call it inside the transaction of the change."""
    return Entry.objects.create(action=action, summary=summary, actor=actor, data=data or {})
