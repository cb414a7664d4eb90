import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from os2org.handbook.models import Page
from os2org.handbook.services import save_page
from os2org.sync.models import Repository
from os2org.sync.services import open_conflict, pull
from tests.dom import element, elements, parse, text, texts
from tests.sync.repos import page

pytestmark = pytest.mark.django_db

STATUS = "/en/git/"
COMMIT = "c" * 40


def edit(path, text="Rettet her.", *, user=None, note="Rettet"):
    stored = Page.objects.get(path=path)
    save_page(stored, source=page(stored.title, text), visibility=stored.visibility, note=note, actor=user)


def conflict_on(path, ours="Vores tekst.\n"):
    return open_conflict(
        Repository.objects.get(),
        path=path,
        ours=ours,
        branch=f"os2org/conflict/x-{path}",
        commit=COMMIT,
        git_commit=COMMIT,
    )


def facts(response):
    definitions = element(parse(response), "dl", class_="sync-facts")
    return dict(zip(texts(elements(definitions, "dt")), texts(elements(definitions, "dd"))))


def sync_line(response):
    """The footer's line on the handbook's Git repository."""
    return element(element(parse(response), "footer"), "p", class_="sync-footer")


def footer(response):
    return text(sync_line(response))


def test_status_shows_the_repository_and_what_was_imported(client, staff, remote):
    pull()
    imported = Repository.objects.get().imported_at

    shown = facts(client.get(STATUS))

    with translation.override("en"):
        when = date_format(timezone.localtime(imported), "DATETIME_FORMAT")
    assert (shown["Repository"], shown["Branch"], shown["Last imported commit"], shown["Last push"]) == (
        str(remote.path),
        "main",
        f"{remote.head().hexsha[:7]} , {when}",
        "none yet",
    )


def test_status_never_shows_a_token(client, staff, remote, settings, monkeypatch):
    monkeypatch.setenv("HANDBOOK_GIT_TOKEN", "ghp_hemmeligt-token")
    settings.HANDBOOK_GIT_URL = "https://oauth2@git.example.org/forening/haandbog.git"

    response = client.get(STATUS)

    assert (facts(response)["Repository"], "ghp_" in response.content.decode()) == (
        "https://git.example.org/forening/haandbog.git",
        False,
    )


def test_status_lists_the_edits_waiting_to_be_pushed(client, staff, remote):
    pull()
    edit("roller/chef.md", user=staff, note="Ny ansvarsfordeling")

    table = element(element(parse(client.get(STATUS)), "section", aria_labelledby="pending"), "table")

    assert [texts(elements(row, "td")) for row in elements(element(table, "tbody"), "tr")] == [
        ["roller/chef.md", "2", "staff", texts(elements(table, "time"))[0], "Ny ansvarsfordeling"]
    ]


def test_status_lists_the_open_conflicts(client, staff, remote):
    pull()
    conflict_on("index.md")
    resolved = conflict_on("roller/chef.md")
    resolved.resolved_at, resolved.resolution = timezone.now(), "git"
    resolved.save()

    section = element(parse(client.get(STATUS)), "section", aria_labelledby="conflicts")

    assert [texts(elements(row, "td"))[:2] for row in elements(element(section, "tbody"), "tr")] == [
        ["index.md", "os2org/conflict/x-index.md"]
    ]


def test_status_without_a_repository_says_how_to_set_one_up(client, staff, settings):
    settings.HANDBOOK_GIT_URL = ""

    notice = element(element(parse(client.get(STATUS)), "main"), "p", class_="notice")

    assert text(notice) == (
        "No Git repository is set up, so the handbook is kept here only. Set HANDBOOK_GIT_URL to the repository's "
        "address (and HANDBOOK_GIT_BRANCH to its branch), then run os2org handbook pull ."
    )


def test_status_is_the_secretariats(client, board_member, remote):
    assert client.get(STATUS).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_status_queries_do_not_grow_with_edits_and_conflicts(client, staff, remote, django_assert_num_queries, size):
    pull()
    for number in range(size):
        path = f"side-{number}.md"
        remote.commit({path: page(f"Side {number}")})
    pull()
    for number in range(size):
        edit(f"side-{number}.md", user=staff)
        conflict_on(f"side-{number}.md")

    # The session, the user, their groups and account; the repository, the
    # edits with their pages and authors, the conflicts; the data's version,
    # the menu, the footer's repository and the site's settings.
    with django_assert_num_queries(11):
        response = client.get(STATUS)

    assert len(elements(parse(response), "tr")) == 2 * size + 2


def test_footer_without_a_repository_does_not_claim_to_be_in_step(client, db, settings):
    settings.HANDBOOK_GIT_URL = ""

    assert footer(client.get("/en/")) == "This handbook is kept here only, not in step with a Git repository."


def test_footer_before_the_first_pull_says_so(client, db, remote):
    assert footer(client.get("/en/soeg/")) == "To be kept in step with the handbook in Git; not synced yet."


def test_footer_says_when_the_handbook_was_last_synced(client, db, remote):
    pull()
    with translation.override("en"):
        synced = date_format(timezone.localtime(Repository.objects.get().imported_at), "DATETIME_FORMAT")

    assert footer(client.get("/en/soeg/")) == f"Kept in step with the handbook in Git; last synced {synced}."


def test_footer_served_again_reads_nothing_more(client, db, remote, django_assert_num_queries):
    pull()
    client.get("/en/soeg/")

    # The data's version; the menu comes from the cache, and so does the footer.
    with django_assert_num_queries(1):
        client.get("/en/soeg/")


def test_footer_links_the_secretariat_to_the_status_page(client, staff, remote):
    link = element(sync_line(client.get("/en/soeg/")), "a")

    assert (text(link), dict(link.attributes)["href"]) == ("The handbook in Git", STATUS)


def test_footer_shows_others_no_link_to_the_status_page(client, board_member, remote):
    assert elements(sync_line(client.get("/en/soeg/")), "a") == []
