"""A role description's version history and the difference between two versions."""

from datetime import datetime, timezone

import pytest

from os2org.handbook.models import Page, PageVersion
from os2org.handbook.services import import_handbook, save_page
from tests.accounts import make_user
from tests.dom import attribute, children, element, elements, parse, text, texts
from tests.handbooks import write_handbook

HISTORY = "/en/roller/rolle-01/historik/"


@pytest.fixture
def handbook(db, tmp_path):
    """Role "rolle-01" in three versions: imported, then two edits."""
    import_handbook([write_handbook(tmp_path, roles=1)])
    editor = make_user("redaktør", "secretariat")
    for old, new, note in [
        ("Rolle 01 løser en opgave for foreningen.", "Rolle 01 løser to opgaver for foreningen.", "To opgaver"),
        ("- 10 timer pr. uge.", "- 12 timer pr. uge.", "Flere timer"),
    ]:
        page = Page.objects.get(path="rolle-01.md")
        save_page(page, source=page.source.replace(old, new), visibility="public", note=note, actor=editor)
    PageVersion.objects.filter(number=1).update(created=datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    PageVersion.objects.filter(number=2).update(created=datetime(2026, 2, 6, 10, 30, tzinfo=timezone.utc))
    PageVersion.objects.filter(number=3).update(created=datetime(2026, 3, 7, 11, 45, tzinfo=timezone.utc))


def rows(table):
    return [texts(children(row)) for row in elements(element(table, "tbody"), "tr")]


def diff_rows(response):
    """(old line, new line, change, text) of every row of the difference, hunk headings left out."""
    table = element(parse(response), "table", class_="diff")
    return [texts(children(row)) for row in elements(table, "tr") if attribute(row, "class") not in (None, "diff-hunk")]


def errors(response):
    return texts(elements(element(parse(response), "form", class_="history-compare"), "li"))


def test_history_lists_versions_newest_first(client, handbook):
    response = client.get(HISTORY)

    assert rows(element(parse(response), "table", class_="history-versions")) == [
        ["3", "March 7, 2026, 12:45 p.m.", "Flere timer"],
        ["2", "Feb. 6, 2026, 11:30 a.m.", "To opgaver"],
        ["1", "Jan. 5, 2026, 10 a.m.", "—"],
    ]


def test_history_tells_who_changed_to_those_who_read_everything(client, handbook):
    client.force_login(make_user("bestyrelse", "board"))

    response = client.get(HISTORY)

    table = element(parse(response), "table", class_="history-versions")
    assert [row[2] for row in rows(table)] == ["redaktør", "redaktør", "—"]


def test_history_compares_the_newest_two_versions_by_default(client, handbook):
    response = client.get(HISTORY)

    assert diff_rows(response) == [
        ["30", "30", "", ""],
        ["31", "31", "", "## Øvrige forhold"],
        ["32", "32", "", ""],
        ["33", "", "− removed", "- 10 timer pr. uge."],
        ["", "33", "+ added", "- 12 timer pr. uge."],
    ]


def test_history_compares_the_versions_asked_for(client, handbook):
    response = client.get(f"{HISTORY}?fra=1&til=2")

    assert diff_rows(response) == [
        ["8", "8", "", ""],
        ["9", "9", "", "## Formål med stillingen"],
        ["10", "10", "", ""],
        ["11", "", "− removed", "Rolle 01 løser en opgave for foreningen."],
        ["", "11", "+ added", "Rolle 01 løser to opgaver for foreningen."],
        ["12", "12", "", ""],
        ["13", "13", "", "## Arbejdsopgaver og prioritering"],
        ["14", "14", "", ""],
    ]


def test_history_heads_each_run_of_changes_with_its_lines(client, handbook):
    response = client.get(f"{HISTORY}?fra=1&til=3")

    table = element(parse(response), "table", class_="diff")
    assert texts(elements(table, "tr", class_="diff-hunk")) == [
        "From line 8 in version 1 and line 8 in version 3",
        "From line 30 in version 1 and line 30 in version 3",
    ]


def test_history_marks_changes_with_ins_and_del(client, handbook):
    response = client.get(f"{HISTORY}?fra=1&til=2")

    table = element(parse(response), "table", class_="diff")
    assert (texts(elements(table, "del")), texts(elements(table, "ins"))) == (
        ["Rolle 01 løser en opgave for foreningen."],
        ["Rolle 01 løser to opgaver for foreningen."],
    )


def test_history_counts_the_changed_lines(client, handbook):
    response = client.get(f"{HISTORY}?fra=1&til=3")

    assert text(element(parse(response), "p", class_="diff-summary")) == (
        "From version 1 to version 3. Lines added: 2. Lines removed: 2."
    )


def test_history_of_a_version_with_itself_says_they_are_the_same(client, handbook):
    response = client.get(f"{HISTORY}?fra=2&til=2")

    document = parse(response)
    assert (elements(document, "table", class_="diff"), text(element(document, "p", class_="notice"))) == (
        [],
        "Version 2 and version 2 have the same text.",
    )


def test_history_unknown_version_is_named_in_a_message(client, handbook):
    response = client.get(f"{HISTORY}?fra=9&til=x")

    assert (response.status_code, errors(response)) == (
        200,
        ["This page has no version “9”.", "This page has no version “x”."],
    )


def test_history_unknown_version_shows_no_difference(client, handbook):
    response = client.get(f"{HISTORY}?fra=9")

    assert elements(parse(response), "table", class_="diff") == []


def test_history_of_an_internal_page_is_not_found_for_the_public(client, handbook):
    Page.objects.filter(path="rolle-01.md").update(visibility="internal")

    assert client.get(HISTORY).status_code == 404


def test_history_of_a_members_page_is_shown_to_a_member_contact(client, handbook):
    Page.objects.filter(path="rolle-01.md").update(visibility="members")
    client.force_login(make_user("kontakt", "member-contact"))

    assert client.get(HISTORY).status_code == 200


def test_history_of_an_unknown_role_is_not_found(client, handbook):
    assert client.get("/en/roller/ingen/historik/").status_code == 404


def test_role_page_links_to_its_history(client, handbook):
    response = client.get("/en/roller/rolle-01/")

    links = elements(element(parse(response), "ul", class_="role-page-links"), "a")
    assert [(text(a), attribute(a, "href")) for a in links] == [("Version history", HISTORY)]


def test_role_page_links_the_secretariat_to_the_editor(client, handbook):
    client.force_login(make_user("sekretariat", "secretariat"))

    response = client.get("/en/roller/rolle-01/")

    links = elements(element(parse(response), "ul", class_="role-page-links"), "a")
    assert [attribute(a, "href") for a in links] == [HISTORY, "/en/side/rolle-01/rediger/"]


def test_handbook_page_history_shows_the_same_versions(client, handbook):
    response = client.get("/en/side/rolle-01/historik/?fra=2&til=3")

    table = element(parse(response), "table", class_="history-versions")
    assert ([row[0] for row in rows(table)], len(elements(parse(response), "ins"))) == (["3", "2", "1"], 1)


@pytest.mark.parametrize("size", [1, 50])
def test_history_queries_do_not_grow_with_the_versions(client, db, tmp_path, django_assert_num_queries, size):
    import_handbook([write_handbook(tmp_path, roles=1)])
    page = Page.objects.get(path="rolle-01.md")
    PageVersion.objects.bulk_create(
        PageVersion(page=page, number=number, source=f"{page.source}\n{number}\n") for number in range(2, size + 1)
    )

    # The page's own queries, and the site's settings.
    with django_assert_num_queries(6):
        response = client.get(HISTORY)

    table = element(parse(response), "table", class_="history-versions")
    assert len(rows(table)) == size
