from collections import Counter
from decimal import Decimal

import pytest

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.pages import PageError, read_file, read_handbook
from os2org.handbook.services import ImportResult, export_handbook, import_handbook, page_slug
from os2org.roles.models import Priority, RoleDescription, Task
from os2org.roles.parsing import parse_role
from tests.conftest import seed

BROKEN = "---\ntitle: Ødelagt\nparent: Organisation: og Roller\n---\n\n# Ødelagt\n"


def counts():
    return (Page.objects.count(), RoleDescription.objects.count(), Task.objects.count(), Entry.objects.count())


def sources():
    return dict(Page.objects.values_list("path", "source"))


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_import_seeds_result(db, seeds_dir):
    assert import_handbook([seeds_dir]) == ImportResult(
        created=5, updated=0, removed=0, roles=4, visibilities={"public": 5}
    )


def test_import_seeds_stores_pages(db, seeds_dir):
    import_handbook([seeds_dir])
    assert list(Page.objects.values_list("path", "kind", "has_front_matter", "body_line")) == [
        ("000_4dff61e3b6ef9578.txt", "role", True, 7),
        ("001_32309d65a2a482eb.txt", "page", True, 6),
        ("002_732739d95dfc85da.txt", "role", True, 7),
        ("003_30aefb0d176d687f.txt", "role", True, 7),
        ("004_b27aa161d9b97970.txt", "role", True, 7),
    ]


def test_import_seeds_stores_roles(db, seeds_dir):
    import_handbook([seeds_dir])
    assert list(RoleDescription.objects.values_list("slug", "page__path", "hours_min", "hours_max")) == [
        ("forretningskoordinator", "003_30aefb0d176d687f.txt", None, None),
        ("kommunikationsmedarbejder", "004_b27aa161d9b97970.txt", Decimal(37), Decimal(37)),
        ("programleder", "002_732739d95dfc85da.txt", Decimal(37), Decimal(37)),
        ("sekretariatschef", "000_4dff61e3b6ef9578.txt", None, None),
    ]


def test_import_seeds_task_counts(db, seeds_dir):
    import_handbook([seeds_dir])
    rows = Task.objects.values_list("role__name", "priority")
    assert Counter((name, Priority(priority).label) for name, priority in rows) == {
        ("Forretningskoordinator", "MUST"): 5,
        ("Forretningskoordinator", "SHOULD"): 4,
        ("Forretningskoordinator", "COULD"): 3,
        ("Kommunikationsmedarbejder", "MUST"): 4,
        ("Kommunikationsmedarbejder", "SHOULD"): 4,
        ("Kommunikationsmedarbejder", "COULD"): 4,
        ("Programleder", "MUST"): 8,
        ("Programleder", "SHOULD"): 6,
        ("Programleder", "COULD"): 5,
        ("Sekretariatschef", "MUST"): 4,
        ("Sekretariatschef", "SHOULD"): 3,
        ("Sekretariatschef", "COULD"): 3,
    }


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_import_seed_task_rows_follow_the_page(db, seeds_dir, prefix):
    import_handbook([seeds_dir])
    path = seed(prefix)
    parsed = parse_role(read_file(path, path.name))
    rows = Task.objects.filter(role__page__path=path.name).values_list("priority", "position", "text", "search_text")
    assert list(rows) == [
        (Priority[name].value, position, text, text.casefold())
        for name in ("MUST", "SHOULD", "COULD")
        for position, text in enumerate(parsed.tasks[name], start=1)
    ]


def test_import_seed_role_fields_follow_the_page(db, seeds_dir):
    import_handbook([seeds_dir])
    path = seed("002")
    parsed = parse_role(read_file(path, path.name)).as_dict()
    stored = RoleDescription.objects.get(page__path=path.name)
    assert (
        stored.purpose,
        stored.responsibilities,
        stored.competencies,
        stored.qualities,
        stored.relationships,
        stored.sections,
        stored.reports_to,
        stored.hours_text,
        stored.staff_responsibility,
        stored.budget_responsibility,
        stored.review_rule,
    ) == (
        parsed["purpose"],
        parsed["responsibilities"],
        parsed["competencies"],
        parsed["qualities"],
        parsed["relationships"],
        parsed["sections"],
        parsed["reports_to"],
        parsed["hours_text"],
        parsed["staff_responsibility"],
        parsed["budget_responsibility"],
        parsed["review_rule"],
    )


def test_import_page_fields(db, seeds_dir):
    import_handbook([seeds_dir])
    page = Page.objects.get(path="001_32309d65a2a482eb.txt")
    assert (page.slug, page.title, page.heading, page.parent, page.nav_order, page.has_diagram) == (
        "001_32309d65a2a482eb",
        "Organisation og Roller",
        "Organisation og roller",
        "",
        3.0,
        True,
    )


def test_import_role_page_has_no_diagram(db, seeds_dir):
    import_handbook([seeds_dir])
    assert Page.objects.get(path="000_4dff61e3b6ef9578.txt").has_diagram is False


def test_import_page_search_text_is_casefolded(db, tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Årshjul\n---\n\nBestyrelsesMØDE i **januar**.\n")
    import_handbook([tmp_path])
    assert Page.objects.get().search_text == "årshjul bestyrelsesmøde i januar."


def test_page_slug_drops_suffix_and_keeps_folders():
    assert [page_slug(p) for p in ("roller/Sekretariatschef.md", "Årshjul.txt", "noter/a b.markdown")] == [
        "roller/sekretariatschef",
        "årshjul",
        "noter/a-b",
    ]


def test_import_writes_audit_entry(db, seeds_dir):
    import_handbook([seeds_dir])
    entry = Entry.objects.get()
    assert (entry.action, entry.summary, entry.actor, entry.data) == (
        "handbook.import",
        "Imported 5 pages (4 role descriptions)",
        None,
        {
            "paths": [path.name for path in sorted(seeds_dir.iterdir())],
            "files": [],
            "replace": False,
            "created": 5,
            "updated": 0,
            "removed": 0,
            "roles": 4,
            "visibilities": {"public": 5},
        },
    )


def test_import_records_actor(db, django_user_model, tmp_path):
    user = django_user_model.objects.create_user("sekretariat")
    write(tmp_path, "a.md", "# A\n")
    import_handbook([tmp_path], actor=user)
    assert Entry.objects.get().actor == user


def test_import_broken_page_raises_with_place(db, tmp_path):
    write(tmp_path, "god.md", "---\ntitle: God\n---\n")
    write(tmp_path, "broken.md", BROKEN)
    with pytest.raises(PageError) as raised:
        import_handbook([tmp_path])
    assert str(raised.value) == "broken.md:3: front matter is not valid YAML: mapping values are not allowed here"


def test_import_broken_page_stores_nothing(db, tmp_path):
    write(tmp_path, "god.md", "---\ntitle: God\n---\n")
    write(tmp_path, "broken.md", BROKEN)
    with pytest.raises(PageError):
        import_handbook([tmp_path])
    assert counts() == (0, 0, 0, 0)


def test_import_broken_page_leaves_stored_pages_as_they_were(db, seeds_dir, tmp_path):
    import_handbook([seeds_dir])
    before, stored = counts(), sources()
    write(tmp_path, seed("000").name, "---\ntitle: Ny udgave\n---\n")
    write(tmp_path, "ny.md", "---\ntitle: Ny side\n---\n")
    write(tmp_path, "broken.md", BROKEN)
    with pytest.raises(PageError):
        import_handbook([tmp_path], replace=True)
    assert (counts(), sources()) == (before, stored)


def test_import_non_utf8_page_stores_nothing(db, tmp_path):
    write(tmp_path, "a.md", "# A\n")
    (tmp_path / "b.md").write_bytes(b"# B\n\nK\xf8benhavn\n")
    with pytest.raises(PageError) as raised:
        import_handbook([tmp_path])
    assert (str(raised.value), counts()) == ("b.md:3: is not UTF-8 text; save it as UTF-8", (0, 0, 0, 0))


def test_import_two_files_with_one_address_is_an_error(db, tmp_path):
    write(tmp_path, "a.md", "# A\n")
    write(tmp_path, "a.txt", "# A\n")
    with pytest.raises(PageError) as raised:
        import_handbook([tmp_path])
    assert (str(raised.value), counts()) == ("a.txt:1: has the same address as a.md; rename one of them", (0, 0, 0, 0))


def test_import_taking_a_stored_address_is_an_error(db, tmp_path):
    import_handbook([write(tmp_path / "gammel", "a.md", "# A\n")])
    before = counts()
    with pytest.raises(PageError) as raised:
        import_handbook([write(tmp_path / "ny", "a.txt", "# A\n")])
    assert (str(raised.value), counts()) == (
        "a.txt:1: has the same address as a.md, which is already stored; rename one of them",
        before,
    )


def test_import_replace_frees_the_address(db, tmp_path):
    import_handbook([write(tmp_path / "gammel", "a.md", "# A\n")])
    write(tmp_path / "ny", "a.txt", "# A\n")
    import_handbook([tmp_path / "ny"], replace=True)
    assert list(Page.objects.values_list("path", "slug")) == [("a.txt", "a")]


def test_reimport_updates_without_duplicates(db, seeds_dir):
    import_handbook([seeds_dir])
    before = counts()
    result = import_handbook([seeds_dir])
    assert (result, counts()) == (
        ImportResult(created=0, updated=5, removed=0, roles=4),
        (before[0], before[1], before[2], before[3] + 1),
    )


def test_reimport_keeps_role_slug(db, seeds_dir):
    import_handbook([seeds_dir])
    import_handbook([seeds_dir])
    assert sorted(RoleDescription.objects.values_list("slug", flat=True)) == [
        "forretningskoordinator",
        "kommunikationsmedarbejder",
        "programleder",
        "sekretariatschef",
    ]


def test_reimport_replaces_changed_source_and_tasks(db, tmp_path):
    role = "# Funktionsbeskrivelse – Chef i Foreningen\n\n### MUST\n\n- {task}\n"
    write(tmp_path, "chef.md", role.format(task="Lede."))
    import_handbook([tmp_path])
    write(tmp_path, "chef.md", role.format(task="Lede og fordele."))
    import_handbook([tmp_path])
    assert (Page.objects.get().source, list(Task.objects.values_list("text", flat=True))) == (
        role.format(task="Lede og fordele."),
        ["Lede og fordele."],
    )


def test_reimport_page_that_is_no_longer_a_role_detaches_its_role(db, tmp_path):
    write(tmp_path, "chef.md", "# Funktionsbeskrivelse – Chef i Foreningen\n\n### MUST\n\n- Lede.\n")
    import_handbook([tmp_path])
    write(tmp_path, "chef.md", "# Chefen\n")
    result = import_handbook([tmp_path])
    assert (result.roles, Page.objects.get().kind, list(RoleDescription.objects.values_list("name", "page"))) == (
        0,
        "page",
        [("Chef", None)],
    )


def test_import_without_replace_keeps_other_pages(db, seeds_dir, tmp_path):
    import_handbook([seeds_dir])
    import_handbook([write(tmp_path, "ny.md", "# Ny\n")])
    assert Page.objects.count() == 6


def test_import_replace_removes_pages_not_imported(db, seeds_dir, demo_dir):
    import_handbook([seeds_dir])
    result = import_handbook([demo_dir], replace=True)
    assert (result, sorted(Page.objects.values_list("path", flat=True))) == (
        ImportResult(created=18, updated=0, removed=5, roles=5, visibilities={"public": 18}),
        sorted(page.path for page in read_handbook([demo_dir])),
    )


def test_import_replace_removes_their_roles_and_tasks(db, seeds_dir, demo_dir):
    import_handbook([seeds_dir])
    import_handbook([demo_dir], replace=True)
    paths = sorted(set(Task.objects.values_list("role__page__path", flat=True)))
    assert paths == [
        "roller/forretningskoordinator.md",
        "roller/kommunikationsmedarbejder.md",
        "roller/produktkoordinator.md",
        "roller/programleder.md",
        "roller/sekretariatschef.md",
    ]


def test_import_roles_with_one_name_get_distinct_slugs(db, tmp_path):
    for name in ("a.md", "b.md"):
        write(tmp_path, name, "# Funktionsbeskrivelse – Chef i Foreningen\n\n### MUST\n\n- Lede.\n")
    import_handbook([tmp_path])
    assert list(RoleDescription.objects.order_by("page__path").values_list("slug", flat=True)) == ["chef", "chef-2"]


def test_import_role_with_impossible_hours_stores_none(db, tmp_path):
    write(tmp_path, "chef.md", "# Funktionsbeskrivelse – Chef i X\n\n## Øvrige forhold\n\n- 0 timer pr. uge.\n")
    import_handbook([tmp_path])
    role = RoleDescription.objects.get()
    assert (role.hours_min, role.hours_max, role.hours_text) == (None, None, "0 timer pr. uge.")


def test_import_reports_progress(db, tmp_path):
    write(tmp_path, "a.md", "# A\n")
    calls = []
    import_handbook([tmp_path], progress=lambda *args: calls.append(args))
    assert calls == [(1, 1, "a.md")]


def exported_bytes(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_export_writes_seeds_byte_for_byte(db, seeds_dir, tmp_path):
    import_handbook([seeds_dir])
    export_handbook(tmp_path)
    assert exported_bytes(tmp_path) == exported_bytes(seeds_dir)


def test_export_writes_demo_byte_for_byte(db, demo_dir, tmp_path):
    import_handbook([demo_dir])
    export_handbook(tmp_path)
    assert exported_bytes(tmp_path) == exported_bytes(demo_dir)


def test_export_returns_written_files(db, demo_dir, tmp_path):
    import_handbook([demo_dir])
    written = export_handbook(tmp_path / "ud")
    assert sorted(path.relative_to(tmp_path / "ud").as_posix() for path in written) == sorted(exported_bytes(demo_dir))


@pytest.mark.parametrize(
    "raw",
    [
        b"---\ntitle: Uden linjeskift\n---\n\nSidste linje",
        b"---\r\ntitle: Windows\r\n---\r\n\r\n# Windows\r\n\r\n- punkt\r\n",
        "\ufeff---\ntitle: Med BOM\n---\n\n# Æblegrød\n".encode(),
        "\ufeff# BOM og CRLF uden front matter\r\n\r\nTekst uden slut".encode(),
        b"---\ntitle: Mellemrum   \n---\n\nLinje med mellemrum   \n\n\n\n",
        b"---\ntitle: Tabulator\n---\n\n\tindrykket\tkode\n",
        "---\ntitle: Blandet\n---\r\nLinje\rgammel mac\u2028separator\n".encode(),
        b"",
    ],
)
def test_export_keeps_unusual_files_byte_for_byte(db, tmp_path, raw):
    (tmp_path / "ind").mkdir()
    (tmp_path / "ind" / "side.md").write_bytes(raw)
    import_handbook([tmp_path / "ind"])
    export_handbook(tmp_path / "ud")
    assert (tmp_path / "ud" / "side.md").read_bytes() == raw


def test_export_path_outside_the_folder_is_an_error(db, tmp_path):
    Page.objects.create(path="../ude.md", slug="ude", source="# Ude\n")
    with pytest.raises(PageError) as raised:
        export_handbook(tmp_path / "ud")
    assert (str(raised.value), (tmp_path / "ude.md").exists()) == (
        "../ude.md:1: points outside the export folder",
        False,
    )
