"""A large handbook is read in worker processes (common.processes) and stored exactly as if read here."""

import shutil

import pytest
from django.db import transaction

from os2org.common.visibility import Visibility
from os2org.handbook.models import Asset, Page
from os2org.handbook.pages import PageError
from os2org.handbook.services import PARALLEL_PAGES, import_handbook
from os2org.roles.models import RoleDescription, Task
from tests.conftest import DEMO

pytestmark = pytest.mark.django_db


def stored():
    """Everything an import stores, without ids and times."""
    pages = list(Page.objects.order_by("path").values(*[
        f.name for f in Page._meta.concrete_fields if f.name not in ("id", "created", "updated")
    ]))
    roles = list(RoleDescription.objects.order_by("name").values(*[
        f.name for f in RoleDescription._meta.concrete_fields if f.name not in ("id", "page", "created", "updated")
    ]))
    tasks = list(Task.objects.order_by("role__name", "priority", "position").values_list("role__name", "priority", "text"))
    assets = list(Asset.objects.order_by("path").values_list("path", "visibility"))
    return pages, roles, tasks, assets


@pytest.fixture
def two_demos(tmp_path):
    """The demo handbook, with a copy of its pages in a folder of its own: enough pages for workers."""
    shutil.copytree(DEMO, tmp_path / "handbog")
    shutil.copytree(DEMO, tmp_path / "handbog" / "kopi", ignore=shutil.ignore_patterns("_config.yml", "assets"))
    (tmp_path / "handbog" / "filer").mkdir()
    (tmp_path / "handbog" / "filer" / "regnskab.pdf").write_bytes(b"%PDF-1.4 regnskab")
    (tmp_path / "handbog" / "kopi" / "regnskab.md").write_text("# Regnskab\n\n[Årets regnskab](../filer/regnskab.pdf)\n")
    return tmp_path / "handbog"


def test_two_demos_are_enough_pages_to_be_read_in_processes(two_demos):
    assert len(list(two_demos.rglob("*.md"))) >= PARALLEL_PAGES


def import_twice(folder):
    """Import an internal handbook, open the page that links to the accounts to the public, import it again."""
    import_handbook([folder])
    Page.objects.filter(path="kopi/regnskab.md").update(visibility=Visibility.PUBLIC)
    import_handbook([folder])


def test_handbook_read_in_processes_is_stored_as_read_here(settings, two_demos):
    settings.HANDBOOK_NEW_PAGE_VISIBILITY = Visibility.INTERNAL
    settings.WORK_PROCESSES = 1
    with transaction.atomic():
        import_twice(two_demos)
        here = stored()
        transaction.set_rollback(True)
    settings.WORK_PROCESSES = 2

    import_twice(two_demos)

    assert stored() == here


def test_file_linked_from_a_public_page_read_in_a_worker_is_public(settings, two_demos):
    settings.HANDBOOK_NEW_PAGE_VISIBILITY = Visibility.INTERNAL
    settings.WORK_PROCESSES = 2

    import_twice(two_demos)

    assert Asset.objects.get(path="filer/regnskab.pdf").visibility == Visibility.PUBLIC


def big_handbook(folder, broken):
    """PARALLEL_PAGES + 6 small pages; the pages numbered in `broken` have a title longer than the database takes."""
    for number in range(PARALLEL_PAGES + 6):
        title = "x" * 501 if number in broken else f"Side {number}"
        (folder / f"side-{number:02}.md").write_text(f"---\ntitle: {title}\n---\n\n# Side {number}\n", encoding="utf-8")
    return folder


def test_page_refused_in_a_worker_is_refused_with_its_place(settings, tmp_path):
    settings.WORK_PROCESSES = 2

    with pytest.raises(PageError) as refused:
        import_handbook([big_handbook(tmp_path, broken={27})])

    assert str(refused.value) == "side-27.md:2: title is longer than 500 characters"


def test_first_refused_page_in_order_is_the_one_named(settings, tmp_path):
    settings.WORK_PROCESSES = 2

    with pytest.raises(PageError) as refused:
        import_handbook([big_handbook(tmp_path, broken={9, 27})])

    assert refused.value.path == "side-09.md"


def test_page_refused_in_a_worker_leaves_nothing_stored(settings, tmp_path):
    settings.WORK_PROCESSES = 2

    with pytest.raises(PageError):
        import_handbook([big_handbook(tmp_path, broken={27})])

    assert Page.objects.count() == 0
