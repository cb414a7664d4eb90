"""What an import or a request may bring in: too much, or not text, is refused and nothing changes."""

import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.pages import PageError
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_csv, load_yaml
from os2org.organisation.models import Person
from tests.handbooks import role_page
from tests.organisation.test_loading import load_error

pytestmark = pytest.mark.django_db

LIMIT = 200
PAGE = "---\ntitle: Om os\n---\n\n# Om os\n"
ORGANISATION = "people:\n  - name: Ane Holm\n"
PEOPLE_CSV = "name,email\nAne Holm,ane@example.org\n"
# The first bytes of a PNG picture: what a file saved with the wrong name holds.
PICTURE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@pytest.fixture(autouse=True)
def import_limit(settings):
    settings.IMPORT_MAX_BYTES = LIMIT


def stored():
    return list(Page.objects.values_list("path", "source")), Entry.objects.count()


@pytest.fixture
def handbook(tmp_path):
    """A handbook already imported, and its folder."""
    (tmp_path / "om.md").write_text(PAGE, encoding="utf-8")
    import_handbook([tmp_path])
    return tmp_path


def import_error(folder):
    before = stored()
    with pytest.raises(PageError) as raised:
        import_handbook([folder], replace=True)
    assert stored() == before
    return str(raised.value)


def test_handbook_import_refuses_a_page_over_the_limit(handbook):
    (handbook / "lang.md").write_text(PAGE + "x" * (LIMIT - len(PAGE)) + "\n", encoding="utf-8")

    message = "is larger than 200 bytes (IMPORT_MAX_BYTES); split it into several pages"
    assert import_error(handbook) == f"lang.md:1: {message}"


def test_handbook_import_takes_a_page_of_exactly_the_limit(handbook):
    (handbook / "lang.md").write_text(PAGE + "x" * (LIMIT - len(PAGE) - 1) + "\n", encoding="utf-8")

    import_handbook([handbook])

    assert len(Page.objects.get(path="lang.md").source.encode()) == LIMIT


def test_handbook_import_refuses_a_binary_page(handbook):
    (handbook / "billede.md").write_bytes(PICTURE)

    assert import_error(handbook) == "billede.md:1: is not UTF-8 text; save it as UTF-8"


@pytest.fixture
def roomy(settings):
    """The import limit as it is by default, for pages that are small files but much text."""
    settings.IMPORT_MAX_BYTES = 5 * 1024 * 1024


def english_import_error(folder):
    with translation.override("en"):
        return import_error(folder)


def test_handbook_import_refuses_front_matter_whose_aliases_unfold_quickly(handbook, roomy):
    # 262 bytes of front matter that would unfold to a title of 3.8 million characters.
    aliases = "".join(
        f"{name}: &{name} [{','.join([f'*{inner}' if inner else 'lol'] * 9)}]\n"
        for inner, name in zip(["", "a", "b", "c", "d", "e"], "abcdef")
    )
    (handbook / "bombe.md").write_text(f"---\n{aliases}title: *f\n---\n\n# Bombe\n", encoding="utf-8")
    started = time.monotonic()

    message = english_import_error(handbook)

    assert (message, time.monotonic() - started < 2) == (
        "bombe.md:6: its aliases unfold to far more than the text itself; write the values out.",
        True,
    )


def test_handbook_import_refuses_front_matter_nested_20000_levels_deep(handbook, roomy):
    (handbook / "dyb.md").write_text("---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\n", encoding="utf-8")

    assert english_import_error(handbook) == "dyb.md:2: nests deeper than 50 levels."


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (f"---\ntitle: {'x' * 501}\n---\n", "lang.md:2: title is longer than 500 characters"),
        (f"---\ntitle: Lang\nnav: 1\nparent: {'x' * 501}\n---\n", "lang.md:4: parent is longer than 500 characters"),
        (f"---\ngrand_parent: {'x' * 501}\n---\n", "lang.md:2: grand_parent is longer than 500 characters"),
        (f"---\ntitle: Lang\n---\n\n# {'x' * 501}\n", "lang.md:5: heading is longer than 500 characters"),
        (role_page("x" * 301, title="Lang"), "lang.md:5: role name is longer than 300 characters"),
        (
            role_page("Chef") + f"\n## Samarbejdsrelationer\n\n- {'x' * 301} (primær reference)\n",
            "lang.md:13: reports to is longer than 300 characters",
        ),
    ],
)
def test_handbook_import_refuses_a_field_longer_than_the_database_holds(handbook, roomy, source, message):
    (handbook / "lang.md").write_text(source, encoding="utf-8")

    assert import_error(handbook) == message


def test_handbook_import_takes_a_title_of_exactly_the_limit(handbook, roomy):
    (handbook / "lang.md").write_text(f"---\ntitle: {'x' * 500}\n---\n", encoding="utf-8")

    import_handbook([handbook])

    assert len(Page.objects.get(path="lang.md").title) == 500


def test_handbook_import_refuses_a_path_longer_than_the_database_holds(tmp_path, roomy):
    folder = tmp_path / ("a" * 200) / ("b" * 200)
    folder.mkdir(parents=True)
    (folder / f"{'c' * 100}.md").write_text(PAGE, encoding="utf-8")

    assert import_error(tmp_path) == f"{'a' * 200}/{'b' * 200}/{'c' * 100}.md:1: path is longer than 500 characters"


def test_org_load_refuses_a_file_over_the_limit(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text(ORGANISATION + "# " + "x" * LIMIT + "\n", encoding="utf-8")

    message = "larger than 200 bytes (IMPORT_MAX_BYTES); split it into several files and load each."
    assert load_error(load_yaml, path) == f"{path}:1: {message}"


def test_org_load_csv_refuses_a_file_over_the_limit(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV + "Bo Lund,bo@example.org\n" * 10, encoding="utf-8")

    message = "larger than 200 bytes (IMPORT_MAX_BYTES); split it into several files and load each."
    assert load_error(load_csv, path) == f"{path}:1: {message}"


def test_org_load_takes_a_file_of_exactly_the_limit(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text(ORGANISATION + "#" * (LIMIT - len(ORGANISATION) - 1) + "\n", encoding="utf-8")

    load_yaml(path)

    assert list(Person.objects.values_list("name", flat=True)) == ["Ane Holm"]


def test_org_load_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_bytes((ORGANISATION + "  - name: Søren Bak\n").encode("latin-1"))

    assert load_error(load_yaml, path) == f"{path}:3: not UTF-8 text."


def test_org_load_refuses_a_binary_file(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_bytes(ORGANISATION.encode() + b"  - name: Bo\x00Lund\n")

    message = "contains the control character U+0000, so it is not a text file; save it as UTF-8 text."
    assert load_error(load_yaml, path) == f"{path}:3: {message}"


def test_org_load_csv_refuses_a_binary_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"name,email\n\x01\x02\x03,\n")

    message = "contains the control character U+0001, so it is not a text file; save it as UTF-8 text."
    assert load_error(load_csv, path) == f"{path}:2: {message}"


def test_edit_form_refuses_a_post_over_the_limit(client):
    client.force_login(User.objects.create_superuser("ane", password="pw"))
    body = "name=" + "x" * django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = client.post("/organisation/ny-person/", body, content_type="application/x-www-form-urlencoded")

    assert (response.status_code, Person.objects.count()) == (400, 0)
