"""Page versions: written by import and by the editor; the editor and its optimistic locking."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.selectors import revision
from os2org.common.visibility import Visibility
from os2org.handbook.models import Page, PageVersion
from os2org.handbook.services import import_handbook, save_page
from os2org.roles.models import RoleDescription
from tests.accounts import make_user
from tests.dom import attribute, element, elements, parse, shown_messages, text, texts
from tests.handbooks import write_handbook

CONFLICT = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)
EDITOR = "/en/side/rolle-01/rediger/"


@pytest.fixture
def handbook(db, tmp_path):
    """A parent page and one role description, "rolle-01.md", imported."""
    import_handbook([write_handbook(tmp_path / "handbook", roles=1)])
    return tmp_path / "handbook"


def role_page():
    return Page.objects.get(path="rolle-01.md")


def versions(page):
    return list(page.versions.order_by("number").values_list("number", "source", "actor__username", "note"))


def edited(page, old, new):
    assert page.source.count(old) == 1
    return page.source.replace(old, new)


def form_data(page, **changes):
    """What the editor's form sends back when opened now, with `changes`."""
    data = {
        "source": page.source,
        "visibility": page.visibility,
        "note": "",
        "revision": revision(page),
        "version": page.versions.count(),
    }
    return {**data, **changes}


# Versions written by import


def test_import_writes_version_one_of_each_new_page(handbook):
    assert list(PageVersion.objects.order_by("page__path").values_list("page__path", "number", "actor", "note")) == [
        ("rolle-01.md", 1, None, ""),
        ("roller.md", 1, None, ""),
    ]


def test_import_version_holds_the_source_as_read(handbook):
    assert PageVersion.objects.get(page__path="rolle-01.md").source == (handbook / "rolle-01.md").read_text()


def test_import_of_unchanged_pages_writes_no_version(handbook):
    import_handbook([handbook])

    assert PageVersion.objects.count() == 2


def test_import_of_a_changed_page_writes_its_next_version_by_the_importer(handbook):
    user = make_user("importer")
    changed = (handbook / "rolle-01.md").read_text().replace("løser en opgave", "løser to opgaver")
    (handbook / "rolle-01.md").write_text(changed)

    import_handbook([handbook], actor=user)

    assert [(n, source == changed, who) for n, source, who, _note in versions(role_page())] == [
        (1, False, None),
        (2, True, "importer"),
    ]


def test_version_numbers_are_unique_per_page(handbook):
    with pytest.raises(IntegrityError):
        PageVersion.objects.create(page=role_page(), number=1, source="")


def test_migration_stores_version_one_of_every_existing_page(handbook):
    PageVersion.objects.all().delete()
    migration = import_module("os2org.handbook.migrations.0004_page_versions")

    migration.first_versions(apps, None)

    assert list(PageVersion.objects.order_by("page__path").values_list("page__path", "number")) == [
        ("rolle-01.md", 1),
        ("roller.md", 1),
    ]


# save_page: the service behind the editor


def test_save_page_stores_the_source_and_what_follows_from_it(handbook):
    page = role_page()
    source = edited(page, "nav_order: 1", "nav_order: 5")

    save_page(page, source=source, visibility=Visibility.PUBLIC, note="Flyttet")

    page = role_page()
    assert (page.source, page.nav_order) == (source, 5)


def test_save_page_renders_the_new_body(handbook):
    page = role_page()

    save_page(page, source=edited(page, "Rolle 01 løser", "Rolle 01 **løser**"), visibility=Visibility.PUBLIC)

    assert "<strong>løser</strong>" in role_page().html


def test_save_page_writes_the_next_version_with_note_and_actor(handbook):
    user = make_user("redaktør")
    page = role_page()
    source = edited(page, "løser en opgave", "løser to opgaver")

    save_page(page, source=source, visibility=Visibility.PUBLIC, note="To opgaver", actor=user)

    assert versions(page)[1:] == [(2, source, "redaktør", "To opgaver")]


def test_save_page_records_before_and_after_in_one_audit_entry(handbook):
    page = role_page()
    old = page.source
    source = edited(page, "løser en opgave", "løser to opgaver")

    save_page(page, source=source, visibility=Visibility.MEMBERS, note="Kun for medlemmer")

    entry = Entry.objects.get(action="handbook.page")
    assert (entry.object_id, entry.summary, entry.data) == (
        str(page.pk),
        "Page rolle-01.md",
        {
            "note": "Kun for medlemmer",
            "version": 2,
            "before": {"source": old, "visibility": "public"},
            "after": {"source": source, "visibility": "members"},
        },
    )


def test_save_page_replaces_the_role_tasks(handbook):
    page = role_page()

    save_page(page, source=edited(page, "- Opgave 01.1 der skal løses.", "- Ny kerneopgave."), visibility="public")

    role = RoleDescription.objects.get()
    assert list(role.tasks.filter(priority=1).values_list("text", flat=True)) == ["Ny kerneopgave."]


def test_save_page_detaches_and_keeps_the_role_when_the_page_is_no_longer_one(handbook):
    page = role_page()
    role = RoleDescription.objects.get()
    source = edited(page, "# Funktionsbeskrivelse – Rolle 01 i Foreningen", "# Noter")

    save_page(page, source=source, visibility="public")

    assert (list(RoleDescription.objects.values_list("pk", "name", "page")), role_page().kind) == (
        [(role.pk, "Rolle 01", None)],
        "page",
    )


def test_save_page_refuses_an_unreadable_page_with_its_place(handbook):
    page = role_page()

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        save_page(page, source="---\ntitle: A\nparent: B: C\n---\n", visibility="public")

    assert raised.value.message_dict == {
        "source": ["rolle-01.md:3: front matter is not valid YAML: mapping values are not allowed here"]
    }


def test_save_page_refuses_an_unreadable_page_in_the_readers_language(handbook):
    with pytest.raises(ValidationError) as raised, translation.override("da"):
        save_page(role_page(), source="---\ntitle: A\n", visibility="public")

    assert raised.value.message_dict == {
        "source": ["rolle-01.md:1: front matter begynder med --- men lukkes aldrig af en linje med ---"]
    }


def test_save_page_refuses_a_role_whose_title_names_another_role(handbook):
    page = role_page()

    with pytest.raises(ValidationError) as raised:
        save_page(page, source=edited(page, "title: Rolle 01", "title: Rolle 02"), visibility="public")

    assert raised.value.message_dict == {
        "source": ["rolle-01.md:2: Titlen “Rolle 02” nævner en anden rolle end overskriften “Rolle 01”."]
    }


def test_save_page_that_is_refused_writes_nothing(handbook):
    page = role_page()
    before = (page.source, Entry.objects.count(), PageVersion.objects.count())

    with pytest.raises(ValidationError):
        save_page(page, source="---\ntitle: A\nparent: B: C\n---\n", visibility="public")

    assert (role_page().source, Entry.objects.count(), PageVersion.objects.count()) == before


def test_save_page_changing_only_who_reads_it_writes_no_version(handbook):
    page = role_page()

    save_page(page, source=page.source, visibility=Visibility.INTERNAL)

    assert (role_page().visibility, page.versions.count()) == ("internal", 1)


def test_save_page_without_a_change_writes_nothing(handbook):
    page = role_page()
    entries = Entry.objects.count()

    save_page(page, source=page.source, visibility=page.visibility, note="Intet nyt")

    assert (Entry.objects.count(), page.versions.count()) == (entries, 1)


def test_save_page_from_an_old_revision_is_refused(handbook):
    page = role_page()
    opened = revision(page)
    save_page(page, source=edited(page, "en opgave", "to opgaver"), visibility="public", revision=opened)

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        save_page(role_page(), source="# Andet\n", visibility="public", revision=opened)

    assert raised.value.messages == [CONFLICT]


def test_save_page_opened_before_an_import_changed_it_is_refused(handbook):
    page = role_page()
    opened = (revision(page), page.versions.count())
    (handbook / "rolle-01.md").write_text(edited(page, "en opgave", "to opgaver"))
    import_handbook([handbook])

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        save_page(role_page(), source="# Andet\n", visibility="public", revision=opened[0], version=opened[1])

    assert raised.value.messages == [
        "The handbook was imported again while you were editing this page. Nothing of yours was saved: "
        "open the editor again to see the imported text, then make your change."
    ]


# The editor


@pytest.fixture
def secretariat(client, handbook):
    client.force_login(make_user("sekretariat", "secretariat"))


def test_editor_opens_with_the_source_visibility_and_versions(client, secretariat):
    page = role_page()

    response = client.get(EDITOR)

    form = element(parse(response), "form", class_="page-form")
    values = {attribute(field, "name"): attribute(field, "value") for field in elements(form, "input", type="hidden")}
    assert (
        text(element(form, "textarea")),
        [attribute(option, "value") for option in elements(form, "option") if "selected" in dict(option.attributes)],
        values["revision"],
        values["version"],
    ) == (" ".join(page.source.split()), ["public"], str(revision(page)), "1")


def test_editor_saves_and_goes_to_the_page(client, secretariat):
    page = role_page()
    source = edited(page, "en opgave", "to opgaver")

    response = client.post(EDITOR, form_data(page, source=source, note="To"))

    assert (response.status_code, response["Location"], role_page().source) == (302, "/en/side/rolle-01/", source)


def test_editor_says_the_page_is_saved(client, secretariat):
    page = role_page()

    response = client.post(EDITOR, form_data(page, source=edited(page, "en opgave", "to opgaver")), follow=True)

    assert shown_messages(response) == [("status", "The page is saved.")]


def test_editor_keeps_the_page_line_ends_when_the_browser_sends_cr_lf(client, secretariat):
    page = role_page()
    source = edited(page, "en opgave", "to opgaver")

    client.post(EDITOR, form_data(page, source=source.replace("\n", "\r\n")))

    assert role_page().source == source


def test_editor_shows_why_a_page_cannot_be_read_at_the_source(client, secretariat):
    page = role_page()

    response = client.post(EDITOR, form_data(page, source="---\ntitle: A\nparent: B: C\n---\n"))

    field = element(parse(response), "div", id="field-source")
    assert texts(elements(field, "li")) == [
        "rolle-01.md:3: front matter is not valid YAML: mapping values are not allowed here"
    ]


def test_editor_shows_front_matter_nested_too_deep_at_the_source(client, secretariat):
    page = role_page()
    source = "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\n"

    response = client.post(EDITOR, form_data(page, source=source))

    field = element(parse(response), "div", id="field-source")
    assert (response.status_code, texts(elements(field, "li")), role_page().source) == (
        200,
        ["rolle-01.md:2: nests deeper than 50 levels."],
        page.source,
    )


def test_editor_shows_a_title_longer_than_the_database_holds_at_the_source(client, secretariat):
    page = role_page()

    response = client.post(EDITOR, form_data(page, source=edited(page, "title: Rolle 01", f"title: {'x' * 501}")))

    field = element(parse(response), "div", id="field-source")
    assert (response.status_code, texts(elements(field, "li")), role_page().source) == (
        200,
        ["rolle-01.md:2: title is longer than 500 characters"],
        page.source,
    )


def test_editor_refuses_a_page_longer_than_the_limit(client, secretariat):
    page = role_page()

    response = client.post(EDITOR, form_data(page, source="x" * 200_001))

    field = element(parse(response), "div", id="field-source")
    assert texts(elements(field, "li")) == [
        "The page has 200001 characters; at most 200000 fit. Split it into several pages."
    ]


def test_editor_second_of_two_concurrent_saves_is_refused(client, handbook):
    first, second = make_user("ane", "secretariat"), make_user("bo", "secretariat")
    client.force_login(first)
    opened_by_first = form_data(role_page())
    client.force_login(second)
    opened_by_second = form_data(role_page())
    source = edited(role_page(), "en opgave", "to opgaver")

    client.force_login(first)
    client.post(EDITOR, {**opened_by_first, "source": source})
    client.force_login(second)
    response = client.post(EDITOR, {**opened_by_second, "source": "# Bos udgave\n"})

    alert = element(parse(response), "div", class_="org-form-errors")
    assert (response.status_code, texts(elements(alert, "li")), role_page().source) == (200, [CONFLICT], source)


def test_editor_is_refused_to_a_coordinator(client, handbook):
    client.force_login(make_user("koordinator", "coordinator"))

    assert client.get(EDITOR).status_code == 403


def test_editor_sends_the_public_to_log_in(client, handbook):
    response = client.get(EDITOR)

    assert (response.status_code, response["Location"]) == (302, "/en/konto/login/?next=/en/side/rolle-01/rediger/")
