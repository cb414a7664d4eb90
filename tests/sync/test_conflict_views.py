import pytest

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.services import save_page
from os2org.sync.models import Conflict
from os2org.sync.services import pull
from tests.dom import element, elements, parse, shown_messages, text, texts
from tests.forms import form_posting_to
from tests.sync.repos import page

pytestmark = pytest.mark.django_db

OURS = page("Chef", "Rettet i os2org.")
THEIRS = page("Chef", "Rettet i Git.")


@pytest.fixture
def conflict(remote, staff):
    """roller/chef.md changed here by the secretariat and in Git: a conflict, once pulled."""
    pull()
    chef = Page.objects.get(path="roller/chef.md")
    save_page(chef, source=OURS, visibility=chef.visibility, actor=staff)
    remote.commit({"roller/chef.md": THEIRS})
    pull()
    return Conflict.objects.get()


def address(conflict):
    return f"/en/git/konflikter/{conflict.pk}/"


def changed_lines(response):
    table = element(parse(response), "table", class_="diff")
    return [texts(elements(row, "td")) for row in elements(table, "tr") if elements(row, "td")]


def test_conflict_page_shows_gits_version_beside_os2orgs(client, conflict):
    response = client.get(address(conflict))

    assert changed_lines(response) == [
        ["4", "4", "", ""],
        ["5", "5", "", "# Chef"],
        ["6", "6", "", ""],
        ["7", "", "− only in Git's version", "Rettet i Git."],
        ["", "7", "+ only in os2org's version", "Rettet i os2org."],
    ]


def test_conflict_page_names_the_side_branch(client, conflict):
    first = elements(element(parse(client.get(address(conflict))), "main"), "p")[0]

    assert text(first) == (
        "The page was changed both here and in Git since they were last in step. Git's version was imported and is "
        f"what the page shows. os2org's version is kept in Git on the branch {conflict.branch} "
        f"(commit {conflict.commit[:7]} ) and below."
    )


def test_conflict_settled_by_keeping_gits_version(client, conflict):
    page_ = client.get(address(conflict)).content.decode()
    form = form_posting_to(page_, address(conflict), address(conflict))

    response = client.post(address(conflict), form.data())

    conflict.refresh_from_db()
    assert (response.status_code, conflict.resolution, Page.objects.get(path="roller/chef.md").source) == (
        302,
        "git",
        THEIRS,
    )


def test_conflict_settled_says_so_on_the_status_page(client, conflict):
    form = form_posting_to(client.get(address(conflict)).content.decode(), address(conflict), address(conflict))

    response = client.post(address(conflict), form.data(), follow=True)

    assert shown_messages(response) == [("status", "The conflict is settled.")]


def test_conflict_settled_by_taking_os2orgs_version(client, conflict, staff):
    form = form_posting_to(client.get(address(conflict)).content.decode(), address(conflict), address(conflict))

    client.post(address(conflict), {**form.data(), "take": ["os2org"]})

    conflict.refresh_from_db()
    assert (conflict.resolution, conflict.resolved_by, Page.objects.get(path="roller/chef.md").source) == (
        "os2org",
        staff,
        OURS,
    )


def test_conflict_settled_by_taking_os2orgs_version_writes_one_audit_entry(client, conflict):
    form = form_posting_to(client.get(address(conflict)).content.decode(), address(conflict), address(conflict))
    written = Entry.objects.count()

    client.post(address(conflict), {**form.data(), "take": ["os2org"]})

    newest = Entry.objects.order_by("-id").first()
    assert (Entry.objects.count() - written, newest.action, newest.data["conflict"]["id"]) == (
        1,
        "handbook.page",
        conflict.pk,
    )


def test_conflict_settled_already_shows_who_and_offers_no_form(client, conflict):
    form = form_posting_to(client.get(address(conflict)).content.decode(), address(conflict), address(conflict))
    client.post(address(conflict), form.data())

    main = element(parse(client.get(address(conflict))), "main")

    assert (elements(main, "form"), text(element(main, "p", class_="notice")).split(" by ")[1]) == (
        [],
        "staff: Git's version kept.",
    )


def test_conflict_page_is_the_secretariats(client, conflict, board_member):
    assert client.get(address(conflict)).status_code == 403


@pytest.mark.parametrize("size", [1, 50])
def test_conflict_page_queries_do_not_grow_with_the_page(client, remote, staff, django_assert_num_queries, size):
    pull()
    chef = Page.objects.get(path="roller/chef.md")
    save_page(chef, source=page("Chef", "Her.\n" * size), visibility=chef.visibility, actor=staff)
    remote.commit({"roller/chef.md": page("Chef", "Der.\n" * size)})
    pull()
    conflict = Conflict.objects.get()

    # The session, the user, their groups and account; the conflict with its
    # page; its revision; the data's version, the menu, the footer's repository
    # and the site's settings.
    with django_assert_num_queries(10):
        response = client.get(address(conflict))

    assert len(changed_lines(response)) == 4 + 2 * size


def test_handbook_page_in_conflict_links_the_secretariat_to_the_conflict(client, conflict):
    notice = element(parse(client.get("/side/roller/chef/")), "p", class_="conflict-notice")
    assert (text(notice), element(notice, "a").attributes) == (
        "Siden er ændret både her og i Git. Git's version vises; os2org's version ligger på en sidegren. "
        "Se forskellen, og afgør den",
        [("href", f"/git/konflikter/{conflict.pk}/")],
    )


def test_handbook_page_in_conflict_tells_the_public_nothing(client, conflict):
    client.logout()
    assert elements(parse(client.get("/side/roller/chef/")), "p", class_="conflict-notice") == []
