"""Import, export, read again: every seed and demo page comes back the same."""

import re

import pytest

from os2org import markup
from os2org.handbook.management.commands.handbook import page_summary
from os2org.handbook.models import Page
from os2org.handbook.pages import read_file
from os2org.handbook.services import export_handbook, import_handbook
from os2org.roles.parsing import parse_role
from tests.conftest import DEMO, SEEDS, seed

SEED_PREFIXES = ["000", "001", "002", "003", "004"]
DEMO_PAGES = sorted(path.relative_to(DEMO).as_posix() for path in DEMO.rglob("*.md"))


def normalised(html):
    return re.sub(r"\s+", " ", html).strip()


def round_trip(folder, name, tmp_path):
    """(page read from the original file, page read from the exported file).

    The page is imported alone, from a copy under the same relative name.
    """
    copy = tmp_path / "ind" / name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes((folder / name).read_bytes())
    import_handbook([tmp_path / "ind"])
    export_handbook(tmp_path / "ud")
    return read_file(folder / name, name), read_file(tmp_path / "ud" / name, name)


def seed_round_trip(prefix, tmp_path):
    return round_trip(SEEDS, seed(prefix).name, tmp_path)


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_seed_round_trip_renders_the_same(db, tmp_path, prefix):
    original, exported = seed_round_trip(prefix, tmp_path)
    assert normalised(markup.render(exported.body)) == normalised(markup.render(original.body))


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_seed_round_trip_reads_the_same_role(db, tmp_path, prefix):
    original, exported = seed_round_trip(prefix, tmp_path)
    role, again = parse_role(original), parse_role(exported)
    assert (again and again.as_dict()) == (role and role.as_dict())


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_seed_round_trip_reads_the_same_summary(db, tmp_path, prefix):
    original, exported = seed_round_trip(prefix, tmp_path)
    assert page_summary(exported) == page_summary(original)


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_seed_stored_html_is_the_rendered_body(db, seeds_dir, prefix):
    import_handbook([seeds_dir])
    path = seed(prefix)
    assert Page.objects.get(path=path.name).html == markup.render(read_file(path, path.name).body)


@pytest.mark.parametrize("name", DEMO_PAGES)
def test_demo_round_trip_renders_the_same(db, tmp_path, name):
    original, exported = round_trip(DEMO, name, tmp_path)
    assert normalised(markup.render(exported.body)) == normalised(markup.render(original.body))


@pytest.mark.parametrize("name", DEMO_PAGES)
def test_demo_round_trip_reads_the_same_role(db, tmp_path, name):
    original, exported = round_trip(DEMO, name, tmp_path)
    role, again = parse_role(original), parse_role(exported)
    assert (again and again.as_dict()) == (role and role.as_dict())


@pytest.mark.parametrize("name", DEMO_PAGES)
def test_demo_round_trip_reads_the_same_summary(db, tmp_path, name):
    original, exported = round_trip(DEMO, name, tmp_path)
    assert page_summary(exported) == page_summary(original)


def test_demo_pages_are_all_covered():
    assert len(DEMO_PAGES) == 18


def test_demo_callouts_survive_the_round_trip(db, tmp_path):
    original, exported = round_trip(DEMO, "index.md", tmp_path)
    html = markup.render(exported.body)
    assert (html.count('<p class="note">'), html.count('<blockquote class="important">'), "{:" in html) == (1, 1, False)
