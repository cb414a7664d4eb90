"""Who may read a page after an import.

A page keeps its visibility by path (or through a rename); a new page is no
more open than the setting and its parent allow.
"""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook
from tests.handbooks import write_pages

pytestmark = pytest.mark.django_db

INTERN = "---\ntitle: Intern\n---\n\n# Intern\n\nKun for sekretariatet.\n"


def visibilities():
    return dict(Page.objects.values_list("path", "visibility"))


@pytest.fixture
def site(tmp_path):
    """A handbook with a public front page and an internal page, "intern.md"."""
    import_handbook([write_pages(tmp_path / "site", {"index.md": "# Forside\n", "intern.md": INTERN})])
    Page.objects.filter(path="intern.md").update(visibility="internal")
    return tmp_path / "site"


def test_renamed_page_keeps_its_visibility(site):
    (site / "intern.md").rename(site / "hemmeligt.md")

    import_handbook([site], replace=True)

    assert visibilities() == {"index.md": "public", "hemmeligt.md": "internal"}


def test_renamed_and_changed_page_keeps_its_visibility_by_its_title(site):
    (site / "intern.md").unlink()
    (site / "noter").mkdir()
    (site / "noter" / "intern.md").write_text(INTERN + "\nOg lidt mere.\n", encoding="utf-8")

    import_handbook([site], replace=True)

    assert visibilities() == {"index.md": "public", "noter/intern.md": "internal"}


def test_new_page_with_the_title_of_two_removed_pages_gets_the_default(site):
    (site / "andet.md").write_text(INTERN.replace("Kun for", "Også for"), encoding="utf-8")
    import_handbook([site])
    for name in ("intern.md", "andet.md"):
        (site / name).unlink()
    (site / "ny.md").write_text(INTERN.replace("Kun for", "Nu for"), encoding="utf-8")

    import_handbook([site], replace=True)

    assert visibilities() == {"index.md": "public", "ny.md": "public"}


def test_new_page_under_an_internal_parent_is_internal(site):
    (site / "ny.md").write_text("---\ntitle: Ny\nparent: Intern\n---\n", encoding="utf-8")

    import_handbook([site])

    assert visibilities()["ny.md"] == "internal"


def test_new_pages_below_a_new_page_under_an_internal_parent_are_internal(site):
    write_pages(
        site,
        {
            "a.md": "---\ntitle: A\nparent: Intern\n---\n",
            "b.md": "---\ntitle: B\nparent: A\ngrand_parent: Intern\n---\n",
            "c.md": "---\ntitle: C\nparent: B\n---\n",
        },
    )

    import_handbook([site])

    assert [visibilities()[path] for path in ("a.md", "b.md", "c.md")] == ["internal", "internal", "internal"]


def test_new_page_under_a_public_parent_gets_the_default(site, settings):
    settings.HANDBOOK_NEW_PAGE_VISIBILITY = "members"
    (site / "ny.md").write_text("---\ntitle: Ny\n---\n", encoding="utf-8")
    (site / "under.md").write_text("---\ntitle: Under\nparent: Ny\n---\n", encoding="utf-8")

    import_handbook([site])

    assert (visibilities()["ny.md"], visibilities()["under.md"]) == ("members", "members")


def test_new_page_gets_the_stricter_of_the_default_and_its_parent(site, settings):
    settings.HANDBOOK_NEW_PAGE_VISIBILITY = "members"
    (site / "ny.md").write_text("---\ntitle: Ny\nparent: Intern\n---\n", encoding="utf-8")

    import_handbook([site])

    assert visibilities()["ny.md"] == "internal"


def test_import_keeps_the_visibility_of_a_page_already_stored(site, settings):
    settings.HANDBOOK_NEW_PAGE_VISIBILITY = "members"
    (site / "intern.md").write_text(INTERN + "\nRettet.\n", encoding="utf-8")

    import_handbook([site], replace=True)

    assert visibilities() == {"index.md": "public", "intern.md": "internal"}


def test_import_result_counts_the_new_pages_by_visibility(site):
    (site / "intern.md").rename(site / "hemmeligt.md")
    (site / "ny.md").write_text("# Ny\n", encoding="utf-8")

    result = import_handbook([site], replace=True)

    assert result.visibilities == {"public": 1, "internal": 1}


def test_import_command_tells_how_many_new_pages_got_which_visibility(site):
    (site / "intern.md").rename(site / "hemmeligt.md")
    (site / "ny.md").write_text("# Ny\n", encoding="utf-8")
    out = StringIO()

    with translation.override("en"):
        call_command("handbook", "import", "--replace", str(site), stdout=out, verbosity=0)

    assert out.getvalue().splitlines() == [
        "Imported 3 pages (2 new, 1 updated, 1 removed, 0 role descriptions).",
        "New pages by who may read them: public: 1, internal: 1.",
    ]


def test_an_unknown_default_visibility_stops_the_app_at_start_up():
    env = {**os.environ, "SECRET_KEY": "x", "HANDBOOK_NEW_PAGE_VISIBILITY": "hemmelig"}
    command = [sys.executable, "-m", "os2org", "check"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    message = "HANDBOOK_NEW_PAGE_VISIBILITY='hemmelig' is not a visibility; use public, members or internal."
    assert (done.returncode, done.stderr.strip().splitlines()[-1]) == (
        1,
        f"django.core.exceptions.ImproperlyConfigured: {message}",
    )
