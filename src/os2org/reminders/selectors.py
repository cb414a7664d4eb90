"""Who `os2org remind` writes to on a day, and what each of them is to be told.

Asked of the apps that own the data, through each person's own viewer (as
"Mit overblik" asks them): a mail names only what its reader may open
themselves. Nothing here sends or records anything (services.send_once).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from os2org.access.models import Account
from os2org.access.viewer import viewer_for
from os2org.common.visibility import Viewer
from os2org.governance.meetings.selectors import follow_ups_elsewhere_of, follow_ups_of, minutes_waiting_for
from os2org.onboarding.selectors import overdue_tasks_of
from os2org.organisation.models import Person
from os2org.organisation.selectors import coordinator_posts_vacated, reviews_owned_by
from os2org.portfolio.selectors import missing_reports_of
from os2org.reminders.models import Sent

# A follow-up is reminded of when it falls due within this many days.
SOON_DAYS = 3
# Minutes are mailed to the participants when they are sent (governance.meetings.services.send_minutes);
# who has not answered this many days later is reminded.
MINUTES_WAIT_DAYS = 3
# How long a vacated coordinator post is news; the coverage report lists it after that.
VACANCY_DAYS = 7


@dataclass(frozen=True)
class Recipient:
    person: Person
    viewer: Viewer


@dataclass(frozen=True)
class Due:
    """One thing to remind a person of: a follow-up, minutes, a review or a community (`obj`).

    `key` and `period` say what it is and when, as Sent records them.
    `day` is its date: due, sent or vacated; None for a review never made.
    """

    kind: str
    key: str
    period: str
    obj: object
    day: date | None


def recipients(*, on: date) -> list[Recipient]:
    """The people who get reminders on `on`, by name: tied to an active log-in, with an address, reminders on.

    Each with their own viewer: a person without a log-in could open none
    of the pages a mail links to. Two queries, and a few per person.
    """
    accounts = (
        Account.objects.filter(reminders=True, user__is_active=True, person__isnull=False)
        .exclude(person__email="")
        .select_related("user", "person")
        .order_by("person__name", "pk")
    )
    return [Recipient(account.person, viewer_for(account.user, on=on)) for account in accounts]


def reminders_due(recipient: Recipient, *, on: date) -> list[Due]:
    """What `recipient` is to be reminded of on `on`, whether or not they were told before (see not_sent)."""
    return [
        *_follow_ups(recipient, on),
        *_minutes(recipient, on),
        *_reviews(recipient, on),
        *_vacancies(recipient, on),
        *_onboarding(recipient, on),
        *_status_reports(recipient, on),
    ]


def _follow_ups(recipient, on):
    soon = on + timedelta(days=SOON_DAYS)
    found = follow_ups_of(recipient.person, viewer=recipient.viewer, on=on).filter(due__lte=soon)
    for follow_up in found:
        yield _follow_up_due("follow-up", follow_up, on)
    # Those kept elsewhere (a review's deviations, "deviation:12") are reminded of alike.
    for source, elsewhere in follow_ups_elsewhere_of(recipient.person, viewer=recipient.viewer, on=on):
        for follow_up in elsewhere.filter(due__lte=soon):
            yield _follow_up_due(source.key, follow_up, on)


def _follow_up_due(key, follow_up, on):
    kind = Sent.Kind.FOLLOW_UP_OVERDUE if follow_up.due < on else Sent.Kind.FOLLOW_UP_SOON
    return Due(kind, f"{key}:{follow_up.pk}", follow_up.due.isoformat(), follow_up, follow_up.due)


def _onboarding(recipient, on):
    # An onboarding task past its date is reminded of as an overdue follow-up: it has a title, a date and a page.
    for task in overdue_tasks_of(recipient.person, on=on):
        yield Due(Sent.Kind.FOLLOW_UP_OVERDUE, f"onboarding-task:{task.pk}", task.due.isoformat(), task, task.due)



def _status_reports(recipient, on):
    # A coordinator's missing status report is reminded of as an overdue follow-up: it has a title, a date and a page.
    for missing in missing_reports_of(recipient.viewer, on=on):
        key = f"status-report:{missing.profile.pk}"
        yield Due(Sent.Kind.FOLLOW_UP_OVERDUE, key, missing.starts.isoformat(), missing, missing.due)

def _minutes(recipient, on):
    waiting = minutes_waiting_for(recipient.person, viewer=recipient.viewer)
    for minutes in waiting.filter(sent__date__lte=on - timedelta(days=MINUTES_WAIT_DAYS)):
        yield Due(Sent.Kind.MINUTES, f"minutes:{minutes.pk}", str(minutes.version), minutes, minutes.sent.date())


def _reviews(recipient, on):
    for review in reviews_owned_by(recipient.person, viewer=recipient.viewer, on=on, until=on):
        period = review.due.isoformat() if review.due else "never"
        yield Due(Sent.Kind.REVIEW, f"role:{review.role.pk}", period, review, review.due)


def _vacancies(recipient, on):
    if not recipient.viewer.secretariat:
        return
    since = on - timedelta(days=VACANCY_DAYS)
    for body in coordinator_posts_vacated(viewer=recipient.viewer, since=since, on=on):
        yield Due(Sent.Kind.VACANT_COORDINATOR, f"body:{body.pk}", body.vacated.isoformat(), body, body.vacated)


def already_sent(person: Person) -> set[tuple[str, str, str]]:
    """(kind, subject key, period) of everything `person` was mailed about; one query."""
    return set(Sent.objects.filter(person=person).values_list("kind", "subject_key", "period"))


def iso_week(day: date) -> str:
    """The period of a weekly overview: "2026-W19"."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
