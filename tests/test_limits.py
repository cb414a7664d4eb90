"""What an import or a request may bring in: too much, or not text, is refused and nothing changes."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User

from os2org.audit.models import Entry
from os2org.handbook.models import Page
from os2org.handbook.pages import PageError
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import load_csv, load_yaml
from os2org.organisation.models import Person
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
