"""Sending a reminder mail once."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from os2org.audit.services import record
from os2org.reminders.mails import Mail
from os2org.reminders.models import Sent


def send_once(mail: Mail, *, connection=None) -> bool:
    """Send `mail` and record what it told its person of, unless another run recorded it first.

    Side effects, in one transaction: one Sent row per thing the mail is
    about, one audit entry, and the mail itself. A mail the server refuses
    rolls the rows back (the error is raised), so the next run tries again;
    a thing recorded already (Sent's unique constraint: a run at the same
    time) sends nothing and returns False.
    """
    now = timezone.now()
    rows = [Sent(person=mail.person, kind=kind, subject_key=key, period=period, sent=now) for kind, key, period in mail.about]
    try:
        with transaction.atomic():
            Sent.objects.bulk_create(rows)
            record(
                "reminders.sent",
                summary=str(mail.person),
                obj=mail.person,
                data={"subject": mail.subject, "about": [list(about) for about in mail.about]},
            )
            mail.message(connection).send()
    except IntegrityError:
        return False
    return True
