"""The page editor's live preview: the page as a save would render it, with a save's errors; nothing written."""

import json

import pytest
from django.test import Client

from os2org.audit.models import Entry
from os2org.handbook.models import Page, PageVersion
from os2org.handbook.services import import_handbook
from tests.accounts import make_user
from tests.handbooks import write_handbook

PREVIEW = "/side/rolle-01/forhaandsvisning/"


@pytest.fixture
def handbook(db, tmp_path):
    import_handbook([write_handbook(tmp_path / "handbook", roles=1)])


@pytest.fixture
def secretariat(client, handbook):
    client.force_login(make_user("sekretariat", "secretariat"))
    return client


def answer(response):
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    return json.loads(response.content)


def test_preview_renders_the_text_as_the_page_would_show_it(secretariat):
    source = "---\ntitle: Rolle\n---\n\n# Overskrift\n\nMed **fed** tekst.\n"

    assert answer(secretariat.post(PREVIEW, {"source": source})) == {
        "html": '<h1 id="overskrift">Overskrift</h1>\n<p>Med <strong>fed</strong> tekst.</p>\n',
        "errors": [],
    }


def test_preview_sanitises_as_a_saved_page_is(secretariat):
    source = "---\ntitle: Rolle\n---\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n"

    html = answer(secretariat.post(PREVIEW, {"source": source}))["html"]

    assert html == "\n<p>[klik](javascript:alert(1))</p>\n"


def test_preview_gives_a_saves_errors_in_danish_with_their_place(secretariat):
    assert answer(secretariat.post(PREVIEW, {"source": "---\ntitle: Rolle\n\n# Glemt slutning\n"})) == {
        "html": "",
        "errors": ["rolle-01.md:1: front matter begynder med --- men lukkes aldrig af en linje med ---"],
    }


def test_preview_gives_the_errors_in_english_under_en(secretariat):
    errors = answer(secretariat.post("/en" + PREVIEW, {"source": "---\ntitle: [\n---\n"}))["errors"]

    assert [error.split(": ", 1)[1].split(":")[0] for error in errors] == ["front matter is not valid YAML"]


def test_preview_of_an_empty_text_says_it_is_needed(secretariat):
    assert answer(secretariat.post(PREVIEW, {"source": ""})) == {"html": "", "errors": ["Dette felt er påkrævet."]}


def test_preview_writes_nothing(secretariat):
    before = (list(Page.objects.values_list("source", flat=True)), PageVersion.objects.count(), Entry.objects.count())

    secretariat.post(PREVIEW, {"source": "---\ntitle: Ny\n---\n\n# Ny\n"})

    assert (
        list(Page.objects.values_list("source", flat=True)), PageVersion.objects.count(), Entry.objects.count()
    ) == before


def test_preview_refuses_a_post_without_the_csrf_token(handbook):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("sekretariat", "secretariat"))

    assert client.post(PREVIEW, {"source": "# Hej\n"}).status_code == 403


def test_preview_of_a_page_that_is_not_there_is_404(secretariat):
    assert secretariat.post("/side/findes-ikke/forhaandsvisning/", {"source": "# Hej\n"}).status_code == 404


def test_editor_offers_the_preview_of_its_page(secretariat):
    html = secretariat.get("/side/rolle-01/rediger/").content.decode()

    assert f'data-address="{PREVIEW}"' in html
