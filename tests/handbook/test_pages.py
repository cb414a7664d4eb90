import pytest
from django.utils import translation

from os2org.handbook.pages import PageError, read_file, read_handbook, read_page, split_front_matter
from tests.conftest import seed

PAGE = """---
title: Intern huskeliste
layout: default
parent: Årshjul
grand_parent: Organisation
nav_order: 2
nav_exclude: true
has_children: false
owner: sekretariatet
date: 2024-03-01
---

# Intern huskeliste
"""


def test_front_matter_keeps_every_key():
    page = read_page("noter/liste.md", PAGE)
    assert page.front_matter == {
        "title": "Intern huskeliste",
        "layout": "default",
        "parent": "Årshjul",
        "grand_parent": "Organisation",
        "nav_order": 2,
        "nav_exclude": True,
        "has_children": False,
        "owner": "sekretariatet",
        "date": "2024-03-01",
    }


def test_front_matter_date_stays_text():
    assert read_page("a.md", PAGE).meta("date") == "2024-03-01"


def test_page_properties_read_front_matter():
    page = read_page("noter/liste.md", PAGE)
    assert (page.title, page.parent, page.grand_parent, page.nav_order, page.nav_exclude) == (
        "Intern huskeliste",
        "Årshjul",
        "Organisation",
        2,
        True,
    )


def test_page_body_starts_after_front_matter():
    page = read_page("a.md", PAGE)
    assert (page.body, page.body_line) == ("\n# Intern huskeliste\n", 12)


def test_page_heading_gives_text_and_line():
    assert read_page("a.md", PAGE).heading() == ("Intern huskeliste", 13)


def test_numeric_title_reads_as_text():
    assert read_page("a.md", "---\ntitle: 2024\n---\n").title == "2024"


def test_boolean_nav_order_is_no_order():
    assert read_page("a.md", "---\ntitle: A\nnav_order: true\n---\n").nav_order is None


def test_empty_front_matter_is_an_empty_dict():
    page = read_page("a.md", "---\n---\nTekst\n")
    assert (page.front_matter, page.has_front_matter, page.body_line) == ({}, True, 3)


def test_page_without_front_matter():
    page = read_page("kladde.md", "# Kladde\n\nLøse idéer.\n")
    assert (page.has_front_matter, page.front_matter, page.kind, page.body_line, page.title) == (
        False,
        None,
        "page",
        1,
        None,
    )


def test_page_without_front_matter_takes_title_from_heading():
    assert read_page("kladde.md", "# Kladde\n").display_title == "Kladde"


def test_page_without_title_or_heading_takes_title_from_file_name():
    assert read_page("noter/kladde.md", "Tekst\n").display_title == "kladde"


def test_role_page_kind_is_role():
    page = read_page("r.md", "# Funktionsbeskrivelse – Programleder i OS2\n")
    assert (page.kind, page.role_name) == ("role", "Programleder")


def test_role_heading_with_hyphen_is_recognised():
    assert read_page("r.md", "# Funktionsbeskrivelse - Chef i OS2\n").role_name == "Chef"


def test_byte_order_mark_is_skipped_for_front_matter():
    page = read_page("a.md", "\ufeff---\ntitle: Med BOM\n---\n# A\n")
    assert (page.title, page.body_line, page.source[0]) == ("Med BOM", 4, "\ufeff")


def test_crlf_front_matter_is_read():
    page = read_page("a.md", "---\r\ntitle: Windows\r\nnav_order: 3\r\n---\r\n\r\n# A\r\n")
    assert (page.title, page.nav_order, page.body_line, page.heading()) == ("Windows", 3, 5, ("A", 6))


def test_front_matter_may_close_with_dots():
    assert read_page("a.md", "---\ntitle: A\n...\nTekst\n").title == "A"


def test_source_is_kept_exactly():
    source = "\ufeff---\r\ntitle: A\r\n---\r\nTekst uden linjeskift"
    assert read_page("a.md", source).source == source


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(PageError) as raised:
        read_page("a.md", "---\ntitle: A\n\n# A\n")
    assert str(raised.value) == "a.md:1: front matter starts with --- but is never closed by a --- line"


def test_invalid_yaml_names_its_line():
    with pytest.raises(PageError) as raised:
        read_page("a.md", "---\ntitle: A\nlayout: default\n  nav_order: 2\n---\n")
    assert str(raised.value) == "a.md:4: front matter is not valid YAML: mapping values are not allowed here"


def test_invalid_yaml_line_counts_from_file_start_with_crlf_and_bom():
    with pytest.raises(PageError) as raised:
        read_page("a.md", "\ufeff---\r\ntitle: A\r\nparent: B: C\r\n---\r\n")
    assert str(raised.value) == "a.md:3: front matter is not valid YAML: mapping values are not allowed here"


def test_invalid_yaml_error_keeps_its_parts():
    with pytest.raises(PageError) as raised:
        read_page("x/a.md", "---\ntitle: A: B\n---\n")
    assert (raised.value.path, raised.value.line, raised.value.message) == (
        "x/a.md",
        2,
        "front matter is not valid YAML: mapping values are not allowed here",
    )


# 262 bytes whose aliases would unfold to a title of millions of characters.
ALIAS_BOMB = "---\n" + "".join(
    f"{name}: &{name} [{','.join([f'*{inner}' if inner else 'lol'] * 9)}]\n"
    for inner, name in zip(["", "a", "b", "c", "d", "e"], "abcdef")
) + "title: *f\n---\n\n# Bombe\n"


def page_error(source):
    with pytest.raises(PageError) as raised, translation.override("en"):
        read_page("a.md", source)
    return str(raised.value)


def test_front_matter_whose_aliases_unfold_too_far_is_an_error_on_its_line():
    message = "its aliases unfold to far more than the text itself; write the values out."
    assert page_error(ALIAS_BOMB) == f"a.md:6: {message}"


def test_front_matter_nested_too_deep_is_an_error_on_its_line():
    source = "---\ntitle: A\nnav: " + "[" * 20_000 + "]" * 20_000 + "\n---\n"
    assert page_error(source) == "a.md:3: nests deeper than 50 levels."


def test_front_matter_with_a_few_aliases_is_read():
    page = read_page("a.md", "---\ntitle: &navn Årshjul\nparent: *navn\n---\n")
    assert (page.title, page.parent) == ("Årshjul", "Årshjul")


def test_front_matter_list_is_an_error():
    with pytest.raises(PageError) as raised:
        read_page("a.md", "---\n- a\n- b\n---\n")
    assert str(raised.value) == "a.md:2: front matter must be key: value lines"


def test_line_numbers_count_newlines_only():
    # U+2028 and form feed are not line breaks for Jekyll or markdown-it.
    page = read_page("a.md", "---\ntitle: A\n---\nfoo\u2028bar\x0cbaz\n\n# B\n")
    assert (page.body_line, page.heading()) == (4, ("B", 6))


def test_split_front_matter_without_trailing_newline():
    assert split_front_matter("a.md", "---\ntitle: A\n---") == ({"title": "A"}, "", 4)


def test_non_utf8_file_is_an_error(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes("---\ntitle: A\n---\nKøbenhavn\n".encode("latin-1"))
    with pytest.raises(PageError) as raised:
        read_file(path, "latin.md")
    assert str(raised.value) == "latin.md:4: is not UTF-8 text; save it as UTF-8"


def test_nul_byte_is_an_error(tmp_path):
    path = tmp_path / "nul.md"
    path.write_bytes(b"# A\n\nab\x00c\n")
    with pytest.raises(PageError) as raised:
        read_file(path, "nul.md")
    assert str(raised.value) == "nul.md:3: contains a NUL byte"


def test_read_file_keeps_bytes_as_text(tmp_path):
    raw = "\ufeff---\r\ntitle: Å\r\n---\r\nTekst".encode()
    path = tmp_path / "a.md"
    path.write_bytes(raw)
    assert read_file(path, "a.md").source.encode() == raw


def test_read_seed_page():
    path = seed("001")
    page = read_file(path, path.name)
    assert (page.title, page.nav_order, page.kind, page.body_line, page.heading()) == (
        "Organisation og Roller",
        3,
        "page",
        6,
        ("Organisation og roller", 7),
    )


def test_read_handbook_is_recursive_and_relative(tmp_path):
    for name in ("index.md", "roller/chef.md", "roller/gammel/notat.txt", "a.markdown"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# Side\n")
    assert [page.path for page in read_handbook([tmp_path])] == [
        "a.markdown",
        "index.md",
        "roller/chef.md",
        "roller/gammel/notat.txt",
    ]


def test_read_handbook_skips_other_files(tmp_path):
    for name in ("side.md", "billede.png", "config.yml", "side.html", "noter.MD.bak"):
        (tmp_path / name).write_text("# Side\n")
    assert [page.path for page in read_handbook([tmp_path])] == ["side.md"]


def test_read_handbook_skips_hidden_and_underscore_folders(tmp_path):
    for name in ("side.md", ".git/x.md", "_site/side.md", "_includes/del.md", ".kladde.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# Side\n")
    assert [page.path for page in read_handbook([tmp_path])] == ["side.md"]


def test_read_handbook_file_is_named_by_its_file_name(tmp_path):
    (tmp_path / "roller").mkdir()
    (tmp_path / "roller" / "chef.md").write_text("# Chef\n")
    assert [page.path for page in read_handbook([tmp_path / "roller" / "chef.md"])] == ["chef.md"]


def test_read_handbook_missing_path_is_an_error(tmp_path):
    with pytest.raises(PageError) as raised:
        read_handbook([tmp_path / "findes-ikke"])
    assert str(raised.value) == f"{tmp_path / 'findes-ikke'}:0: no such file or folder"


def test_read_handbook_reports_progress(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# A\n")
    calls = []
    read_handbook([tmp_path], progress=lambda *args: calls.append(args))
    assert calls == [(1, 2, "a.md"), (2, 2, "b.md")]


def test_read_handbook_of_seeds(seeds_dir):
    assert [(page.path[:3], page.kind) for page in read_handbook([seeds_dir])] == [
        ("000", "role"),
        ("001", "page"),
        ("002", "role"),
        ("003", "role"),
        ("004", "role"),
    ]


def test_read_handbook_of_demo(demo_dir):
    assert [(page.path, page.has_front_matter) for page in read_handbook([demo_dir])] == [
        ("arshjul.md", True),
        ("index.md", True),
        ("kladde-uden-front-matter.md", False),
        ("kladde-udkast.md", True),
        ("noter/intern-huskeliste.md", True),
        ("organisation.md", True),
        ("roller/forretningskoordinator.md", True),
        ("roller/kommunikationsmedarbejder.md", True),
        ("roller/produktkoordinator.md", True),
        ("roller/programleder.md", True),
        ("roller/sekretariatschef.md", True),
        ("vejledning/helt-tom.md", False),
        ("vejledning/links.md", True),
        ("vejledning/skrivning/ord.md", True),
        ("vejledning/skrivning/sprog.md", True),
        ("vejledning/skrivning.md", True),
        ("vejledning/tom.md", True),
        ("vejledning.md", True),
    ]
