"""The mails `os2org remind` sends, in words: a person's weekly overview, and their reminders.

Each mail is plain text with an HTML twin, made from the same sections;
every line links to the page it is about, by an absolute address built
from SITE_URL. Written in the active language: the command speaks the
association's.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.common.visibility import name_for
from os2org.organisation.models import Person
from os2org.overview.selectors import coverage_findings, overview_of
from os2org.reminders.models import Sent
from os2org.reminders.selectors import Due, Recipient, already_sent, iso_week, reminders_due


@dataclass(frozen=True)
class Line:
    text: str
    url: str


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[Line]
    # How many more there are than the lines show.
    more: int = 0


@dataclass(frozen=True)
class Mail:
    """A mail to one person, and what it tells them of: (kind, subject key, period) each, as Sent records them."""

    person: Person
    subject: str
    intro: str
    sections: list[Section]
    about: list[tuple[str, str, str]] = field(default_factory=list)

    def message(self, connection=None) -> EmailMultiAlternatives:
        context = {
            "intro": self.intro,
            "sections": self.sections,
            "overview_url": absolute(reverse("overview:mine")),
            "preferences_url": absolute(reverse("reminders:preferences")),
        }
        message = EmailMultiAlternatives(
            self.subject,
            render_to_string("reminders/mail.txt", context),
            to=[self.person.email],
            connection=connection,
        )
        message.attach_alternative(render_to_string("reminders/mail.html", context | {"subject": self.subject}), "text/html")
        return message


def mails_for(recipient: Recipient, *, on: date) -> list[Mail]:
    """The mails `recipient` has not had yet on `on`: their week's overview, and one with the reminders not sent before."""
    told = already_sent(recipient.person)
    fresh = [due for due in reminders_due(recipient, on=on) if (due.kind, due.key, due.period) not in told]
    weekly = None if (Sent.Kind.DIGEST, "", iso_week(on)) in told else digest(recipient, on=on)
    return [mail for mail in (weekly, reminders(recipient, fresh, on=on)) if mail is not None]


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _day(day):
    return date_format(day, "DATE_FORMAT")


def digest(recipient: Recipient, *, on: date) -> Mail | None:
    """The weekly overview: what "Mit overblik" shows the person on `on`; None when nothing waits for them."""
    person, viewer = recipient.person, recipient.viewer
    overview = overview_of(person, viewer=viewer, on=on)
    findings = coverage_findings(on) if viewer.secretariat else []
    sections = [
        section
        for section in (
            _minutes_section(overview.minutes, viewer),
            _follow_ups_section(overview),
            _ahead_section(overview),
            _reviews_section(overview),
            _findings_section(findings),
        )
        if section.lines
    ]
    if not sections:
        return None
    week = on.isocalendar().week
    return Mail(
        person=person,
        subject=_("Your overview for week %(week)s") % {"week": week},
        intro=_("What waits for you, %(name)s, today, %(day)s.") % {"name": person.name, "day": _day(on)},
        sections=sections,
        about=[(Sent.Kind.DIGEST, "", iso_week(on))],
    )


def _meeting_name(meeting, viewer):
    return meeting.title or name_for(viewer, meeting.body)


def _answer_line(minutes, viewer):
    meeting = minutes.meeting
    text = _("Answer the minutes of %(meeting)s, %(day)s") % {
        "meeting": _meeting_name(meeting, viewer),
        "day": _day(meeting.day),
    }
    return Line(text, absolute(reverse("governance:minutes-answer", args=[meeting.pk])))


def _minutes_section(part, viewer):
    lines = [_answer_line(minutes, viewer) for minutes in part.rows]
    return Section(_("Minutes waiting for your answer"), lines, part.more)


def _follow_up_line(follow_up, on):
    said = _("%(title)s, due %(day)s, overdue") if follow_up.due < on else _("%(title)s, due %(day)s")
    text = said % {"title": follow_up.title, "day": _day(follow_up.due)}
    return Line(text, absolute(follow_up.get_absolute_url()))


def _follow_ups_section(overview):
    lines = [_follow_up_line(follow_up, overview.today) for follow_up in overview.follow_ups.rows]
    return Section(_("Your follow-ups"), lines, overview.follow_ups.more)


def _ahead_line(occurrence):
    text = f"{capfirst(date_format(occurrence.date, 'l'))} {_day(occurrence.date)}: {occurrence.activity.title}"
    if occurrence.time:
        text += " " + _("at %(time)s") % {"time": time_format(occurrence.time, "TIME_FORMAT")}
    return Line(text, absolute(occurrence.url))


def _ahead_section(overview):
    lines = [_ahead_line(occurrence) for occurrence in overview.ahead.rows]
    return Section(_("Your next meetings and activities"), lines, overview.ahead.more)


def _review_line(review, on):
    if review.due is None:
        text = _("%(role)s, never reviewed") % {"role": review.role.name}
    elif review.due < on:
        text = _("%(role)s, due %(day)s, overdue") % {"role": review.role.name, "day": _day(review.due)}
    else:
        text = _("%(role)s, due %(day)s") % {"role": review.role.name, "day": _day(review.due)}
    return Line(text, absolute(review.role.get_absolute_url()))


def _reviews_section(overview):
    return Section(_("Role descriptions to review"), [_review_line(review, overview.today) for review in overview.reviews])


def _findings_section(findings):
    coverage = absolute(reverse("organisation:coverage"))
    lines = [Line(f"{finding.title}: {finding.count}", f"{coverage}#{finding.section}") for finding in findings]
    return Section(_("What the coverage report finds"), lines)


# The reminders' sections, in the order a mail shows them.
REMINDER_TITLES = {
    Sent.Kind.FOLLOW_UP_OVERDUE: lambda: _("Overdue follow-ups"),
    Sent.Kind.FOLLOW_UP_SOON: lambda: _("Follow-ups due within three days"),
    Sent.Kind.MINUTES: lambda: _("Minutes waiting for your answer"),
    Sent.Kind.REVIEW: lambda: _("Role descriptions to review"),
    Sent.Kind.VACANT_COORDINATOR: lambda: _("Coordinator posts that fell vacant"),
}


def reminders(recipient: Recipient, due: list[Due], *, on: date) -> Mail | None:
    """One mail with every reminder in `due` (those not sent before), by kind; None when there are none."""
    by_kind = defaultdict(list)
    for item in due:
        by_kind[item.kind].append(_reminder_line(item, recipient.viewer, on))
    if not by_kind:
        return None
    return Mail(
        person=recipient.person,
        subject=ngettext(
            "Reminder: %(count)s thing waits for you", "Reminder: %(count)s things wait for you", len(due)
        ) % {"count": len(due)},
        intro=_("This needs you, %(name)s, today, %(day)s.") % {"name": recipient.person.name, "day": _day(on)},
        sections=[Section(title(), by_kind[kind]) for kind, title in REMINDER_TITLES.items() if kind in by_kind],
        about=[(item.kind, item.key, item.period) for item in due],
    )


def _reminder_line(item, viewer, on):
    if item.kind in (Sent.Kind.FOLLOW_UP_OVERDUE, Sent.Kind.FOLLOW_UP_SOON):
        return _follow_up_line(item.obj, on)
    if item.kind == Sent.Kind.MINUTES:
        return _answer_line(item.obj, viewer)
    if item.kind == Sent.Kind.REVIEW:
        return _review_line(item.obj, on)
    text = _("%(community)s, since %(day)s") % {"community": item.obj.name, "day": _day(item.day)}
    return Line(text, absolute(item.obj.get_absolute_url()))
