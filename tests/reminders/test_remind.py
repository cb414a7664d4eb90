"""`os2org remind`: the mails of a frozen Monday, 11 May 2026, and what makes it safe to run on a schedule."""

import io
import socket
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from os2org.access.groups import BOARD
from os2org.access.services import set_access, set_reminders
from os2org.audit.models import Entry
from os2org.governance.meetings import services
from os2org.organisation.services import save_person
from os2org.reminders.models import Sent
from tests.accounts import make_user
from tests.reminders.world import SITE_URL, build

pytestmark = pytest.mark.django_db

# What one run of the world asks of the database (see test_remind_queries_do_not_grow_with_what_waits);
# each source of follow-ups kept elsewhere (a review's deviations) adds a few per recipient.
QUERIES = 64

FOOTER = (
    f"Alt, der venter på dig: {SITE_URL}/mit-overblik/\n\n"
    "-- \n"
    f"Du får denne e-mail, fordi dine påmindelser er slået til. Slå dem fra her: {SITE_URL}/konto/paamindelser/\n"
)


@pytest.fixture
def world(monkeypatch, settings):
    settings.SITE_URL = SITE_URL
    return build(monkeypatch)


def remind(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("remind", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def sent_to(mailoutbox, address):
    return {mail.subject: mail for mail in mailoutbox if mail.to == [address]}


def test_remind_mails_each_person_their_overview_and_their_reminders(world, mailoutbox):
    remind()

    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["ane@example.org"], "Dit overblik for uge 20"),
        (["ane@example.org"], "Påmindelse: 4 ting venter på dig"),
        (["bo@example.org"], "Dit overblik for uge 20"),
        (["bo@example.org"], "Påmindelse: 3 ting venter på dig"),
    ]


def section(title, *lines):
    """A section of a mail's text: its title, then each line with its address under it."""
    return title + "\n" + "".join(f"- {text}\n  {SITE_URL}{address}\n" for text, address in lines) + "\n"


def minutes_to_answer(world):
    return section(
        "Referater, der venter på dit svar",
        ("Svar på referatet af Bestyrelsen, 5. marts 2026", f"/moeder/{world['march'].pk}/referat/svar/"),
    )


EDITOR = ("Kommunikationsmedarbejder, aldrig revideret", "/roller/kommunikationsmedarbejder/")


def test_remind_digest_shows_what_the_overview_shows(world, mailoutbox):
    remind()

    assert sent_to(mailoutbox, "ane@example.org")["Dit overblik for uge 20"].body == (
        "Det her venter på dig, Ane Holm, i dag den 11. maj 2026.\n\n"
        + minutes_to_answer(world)
        + section(
            "Dine opfølgninger",
            ("Budgettet sendes ud, frist 1. april 2026, overskredet", f"/opfoelgning/{world['late'].pk}/"),
            ("Aftalen underskrives, frist 20. maj 2026", f"/opfoelgning/{world['signed'].pk}/"),
        )
        + section(
            "Dine næste møder og aktiviteter",
            ("Tirsdag 12. maj 2026: Koordinatormøde", f"/aarshjul/aktiviteter/{world['coordinators'].pk}/"),
            ("Tirsdag 19. maj 2026: Bestyrelsen 19. maj 2026 kl. 16:00", f"/moeder/{world['may'].pk}/"),
        )
        + section(
            "Funktionsbeskrivelser, der skal revideres",
            EDITOR,
            ("Sekretariatschef, frist 20. maj 2026", "/roller/sekretariatschef/"),
        )
        + section(
            "Det finder dækningsrapporten",
            ("Fællesskaber uden koordinator: 1", "/organisation/daekning/#communities_without_coordinator"),
            ("Personer over 100 %: 1", "/organisation/daekning/#over_allocated_people"),
            ("Aldrig revideret: 1", "/organisation/daekning/#never_reviewed"),
        )
        + FOOTER
    )


def test_remind_reminds_of_follow_ups_due_within_three_days_minutes_and_reviews(world, mailoutbox):
    remind()

    assert sent_to(mailoutbox, "bo@example.org")["Påmindelse: 3 ting venter på dig"].body == (
        "Det her har brug for dig, Bo Lund, i dag den 11. maj 2026.\n\n"
        + section(
            "Opfølgninger med frist inden for tre dage",
            ("Regnskabet afleveres, frist 14. maj 2026", f"/opfoelgning/{world['soon'].pk}/"),
        )
        + minutes_to_answer(world)
        + section("Funktionsbeskrivelser, der skal revideres", EDITOR)
        + FOOTER
    )


def test_remind_tells_the_secretariat_of_overdue_follow_ups_and_vacant_coordinator_posts(world, mailoutbox):
    remind()

    assert sent_to(mailoutbox, "ane@example.org")["Påmindelse: 4 ting venter på dig"].body == (
        "Det her har brug for dig, Ane Holm, i dag den 11. maj 2026.\n\n"
        + section(
            "Overskredne opfølgninger",
            ("Budgettet sendes ud, frist 1. april 2026, overskredet", f"/opfoelgning/{world['late'].pk}/"),
        )
        + minutes_to_answer(world)
        + section("Funktionsbeskrivelser, der skal revideres", EDITOR)
        + section("Koordinatorposter, der er blevet ledige", ("Mosaik, siden 8. maj 2026", "/organisation/organer/mosaik/"))
        + FOOTER
    )


def test_remind_sends_an_html_twin_that_links_each_line(world, mailoutbox):
    remind()

    ((html, kind),) = sent_to(mailoutbox, "bo@example.org")["Påmindelse: 3 ting venter på dig"].alternatives
    assert (kind, html) == (
        "text/html",
        '<!DOCTYPE html>\n<html lang="da">\n'
        '<head><meta charset="utf-8"><title>Påmindelse: 3 ting venter på dig</title></head>\n<body>\n'
        "<p>Det her har brug for dig, Bo Lund, i dag den 11. maj 2026.</p>\n\n"
        "<h2>Opfølgninger med frist inden for tre dage</h2>\n<ul>\n"
        f'<li><a href="{SITE_URL}/opfoelgning/{world["soon"].pk}/">Regnskabet afleveres, frist 14. maj 2026</a></li>\n'
        "</ul>\n\n\n"
        "<h2>Referater, der venter på dit svar</h2>\n<ul>\n"
        f'<li><a href="{SITE_URL}/moeder/{world["march"].pk}/referat/svar/">'
        "Svar på referatet af Bestyrelsen, 5. marts 2026</a></li>\n"
        "</ul>\n\n\n"
        "<h2>Funktionsbeskrivelser, der skal revideres</h2>\n<ul>\n"
        f'<li><a href="{SITE_URL}/roller/kommunikationsmedarbejder/">Kommunikationsmedarbejder, aldrig revideret</a></li>\n'
        "</ul>\n\n\n"
        f'<p><a href="{SITE_URL}/mit-overblik/">Alt, der venter på dig</a></p>\n<hr>\n'
        "<p>Du får denne e-mail, fordi dine påmindelser er slået til. "
        f'<a href="{SITE_URL}/konto/paamindelser/">Slå dem fra</a></p>\n</body>\n</html>\n',
    )


def test_remind_twice_sends_nothing_the_second_time(world, mailoutbox):
    remind()
    mailoutbox.clear()

    _out, err = remind()

    assert (mailoutbox, err.splitlines()[-1]) == ([], "Sendte 0 e-mails.")


def test_remind_records_what_it_sent(world):
    remind()

    assert sorted(Sent.objects.filter(person=world["bo"]).values_list("kind", "subject_key", "period")) == [
        ("digest", "", "2026-W20"),
        ("follow_up_soon", f"follow-up:{world['soon'].pk}", "2026-05-14"),
        ("minutes", f"minutes:{world['minutes'].pk}", "1"),
        ("review", f"role:{world['editor'].pk}", "never"),
    ]


def test_remind_writes_an_audit_entry_per_mail(world):
    remind()

    assert Entry.objects.filter(action="reminders.sent").count() == 4


def test_remind_sends_the_overview_once_a_week(world, mailoutbox):
    remind()
    mailoutbox.clear()

    remind("--date", "2026-05-13")

    assert [mail.subject for mail in mailoutbox] == []


def test_remind_sends_next_weeks_overview_in_the_next_iso_week(world, mailoutbox):
    remind()
    mailoutbox.clear()

    remind("--date", "2026-05-18")

    assert [(mail.to, mail.subject) for mail in mailoutbox if "overblik" in mail.subject] == [
        (["ane@example.org"], "Dit overblik for uge 21"),
        (["bo@example.org"], "Dit overblik for uge 21"),
    ]


def test_remind_reminds_of_a_follow_up_again_when_it_is_given_a_new_date(world, mailoutbox):
    remind()
    services.change_follow_up(world["soon"], due=date(2026, 5, 13))
    mailoutbox.clear()

    remind()

    assert [(mail.to, mail.subject) for mail in mailoutbox] == [(["bo@example.org"], "Påmindelse: 1 ting venter på dig")]


def test_remind_waits_three_days_before_reminding_of_minutes(world):
    remind("--date", "2026-05-09")

    assert Sent.objects.filter(kind="minutes").count() == 0


def test_remind_reminds_of_minutes_three_days_after_they_were_sent(world):
    remind("--date", "2026-05-10")

    minutes = Sent.objects.filter(kind="minutes").values_list("person__name", "period")
    assert sorted(minutes) == [("Ane Holm", "1"), ("Bo Lund", "1")]


def test_remind_sends_nothing_to_a_person_who_turned_reminders_off(world, mailoutbox):
    set_reminders(world["bo_user"].account, on=False)

    remind()

    assert [mail.to for mail in mailoutbox] == [["ane@example.org"], ["ane@example.org"]]


def test_remind_leaves_out_what_the_person_may_not_open(world):
    remind()

    reminded = Sent.objects.filter(person=world["bo"], kind__startswith="follow_up").values_list("subject_key", flat=True)
    assert list(reminded) == [f"follow-up:{world['soon'].pk}"]


def test_remind_reminds_of_what_the_person_may_open(world):
    set_access("bo", groups=[BOARD])

    remind()

    reminded = Sent.objects.filter(person=world["bo"], kind__startswith="follow_up").values_list("subject_key", flat=True)
    assert sorted(reminded) == sorted([f"follow-up:{world['soon'].pk}", f"follow-up:{world['hidden'].pk}"])


def test_remind_tells_only_the_secretariat_of_a_vacant_coordinator_post(world):
    remind()

    vacant = Sent.objects.filter(kind="vacant_coordinator").values_list("person__name", "subject_key", "period")
    assert list(vacant) == [("Ane Holm", f"body:{world['mosaik'].pk}", "2026-05-08")]


def test_remind_leaves_a_post_vacant_for_over_a_week_to_the_coverage_report(world):
    remind("--date", "2026-05-16")

    assert Sent.objects.filter(kind="vacant_coordinator").count() == 0


def test_remind_dry_run_prints_the_mails(world):
    out, _err = remind("--dry-run")

    heads = [line for line in out.splitlines() if line.startswith(("To: ", "Subject: "))]
    assert heads == [
        "To: ane@example.org",
        "Subject: Dit overblik for uge 20",
        "To: ane@example.org",
        "Subject: Påmindelse: 4 ting venter på dig",
        "To: bo@example.org",
        "Subject: Dit overblik for uge 20",
        "To: bo@example.org",
        "Subject: Påmindelse: 3 ting venter på dig",
    ]


def test_remind_dry_run_sends_and_records_nothing(world, mailoutbox):
    _out, err = remind("--dry-run")

    assert (mailoutbox, Sent.objects.count(), err.splitlines()[-1]) == (
        [],
        0,
        "Prøvekørsel: 4 e-mails ville blive sendt; intet er sendt eller noteret.",
    )


def test_remind_shows_its_progress_on_stderr(world):
    _out, err = remind()

    assert err.splitlines() == ["[1/2] Ane Holm", "[2/2] Bo Lund", "Sendte 4 e-mails."]


def test_remind_refuses_a_date_it_cannot_read(world):
    with pytest.raises(CommandError) as refused:
        remind("--date", "11-05-2026")

    assert str(refused.value) == "Error: argument --date: 11-05-2026 er ikke en dato; skriv den som ÅÅÅÅ-MM-DD."


def test_remind_with_the_mail_server_down_says_what_to_do_and_records_nothing(world, settings):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = closed.getsockname()
        with pytest.raises(CommandError) as refused:
            remind()

    assert (str(refused.value).split(" (")[0], Sent.objects.count()) == (
        f"Kunne ikke sende gennem mailserveren på 127.0.0.1:{settings.EMAIL_PORT}",
        0,
    )


def test_remind_refuses_links_to_the_local_machine(world, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    with pytest.raises(CommandError) as refused:
        remind()

    assert str(refused.value).startswith("SITE_URL er http://127.0.0.1:8000, så links i e-mails ville ikke føre")


@pytest.mark.parametrize("size", [1, 10])
def test_remind_queries_do_not_grow_with_what_waits(world, django_assert_num_queries, size):
    for number in range(size):
        services.add_follow_up(world["late"].item, title=f"Opgave {number}", due=date(2026, 5, 12), owner_person=world["bo"])

    # The same for two people however much waits for them: per person their
    # viewer, what they were told, the overview's parts and the reminders'
    # reads, and per mail its rows and audit entry; the secretariat's coverage
    # report and vacancies.
    with django_assert_num_queries(QUERIES):
        remind()


def test_remind_sends_nothing_to_a_person_nothing_waits_for(world, mailoutbox):
    make_user("dan", person=save_person(name="Dan Ravn", email="dan@example.org"))

    remind()

    assert [mail for mail in mailoutbox if mail.to == ["dan@example.org"]] == []


def test_remind_with_a_mail_backend_it_cannot_load_says_what_to_do(world, settings):
    settings.EMAIL_BACKEND = "nowhere.Backend"

    with pytest.raises(CommandError) as refused:
        remind()

    assert str(refused.value).startswith("EMAIL_BACKEND=nowhere.Backend kan ikke indlæses")
