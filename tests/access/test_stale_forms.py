"""Every form that changes an existing item refuses a save made from an out-of-date copy.

The cases come from the URL configuration: each view with URL arguments
that the secretariat may POST to (but those that create a new item). Its
form is read from the page a person sends it from, as a browser reads it,
and sent back twice: first with another revision than the item's (as a
form opened before someone else saved would send it), which must be refused
with a message and write nothing; then as it stands, which must be saved.
"""

from html import unescape

import pytest

from os2org.access.groups import SECRETARIAT
from os2org.audit.models import Entry
from tests.access.policy import expected
from tests.access.world import FILL, FORM_PAGE, PREPARE, url
from tests.forms import form_posting_to
from tests.urlconf import views

CONFLICTS = (
    "En anden gemte dette, mens du redigerede det. Intet af dit blev gemt",
    # An answer to minutes changed since they were read (governance.services.answer_minutes).
    "Referatet blev ændret, efter du åbnede det, så dit svar blev ikke gemt",
)

# Posts that change nothing, so have no revision to refuse (each has its own test that it writes nothing).
CHANGE_NOTHING = {"handbook:page-preview": "the page editor's live preview (tests/handbook/test_preview.py)"}


def _changes():
    for view in views():
        posts = (expected(view.name) or {}).get("POST", ())
        changes = view.name not in CHANGE_NOTHING and not view.name.endswith("-create")
        if SECRETARIAT in posts and view.arguments and changes:
            yield view.name


def _filled_form(world, client, name):
    """The address a form posts to and what a secretary's browser would send it."""
    PREPARE.get(name, lambda world: None)(world)
    world.sign_in(client, SECRETARIAT)
    address, page = url(name, world), url(FORM_PAGE.get(name, name), world)
    form = form_posting_to(client.get(page).content.decode(), address, page)
    return address, {**form.data(), **FILL.get(name, lambda world: {})(world)}


def test_there_are_forms_to_check():
    assert len(list(_changes())) >= 15


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_changes()))
def test_form_changing_an_item_refuses_an_out_of_date_revision(world, client, name):
    address, data = _filled_form(world, client, name)
    assert "revision" in data, f"{name}: its form carries no revision"
    current = int(data["revision"][0])
    # An older revision; an item never changed since it was made has none, so another one.
    stale = current - 1 if current else current + 1
    written = Entry.objects.count()

    refused = client.post(address, {**data, "revision": [str(stale)]})

    told = any(message in unescape(refused.content.decode()) for message in CONFLICTS)
    assert (refused.status_code != 302, told, Entry.objects.count()) == (
        True,
        True,
        written,
    )
    assert client.post(address, data).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_changes()))
def test_form_changing_an_item_refuses_a_post_without_its_revision(world, client, name):
    address, data = _filled_form(world, client, name)
    data.pop("revision")
    written = Entry.objects.count()

    refused = client.post(address, data)

    assert (refused.status_code != 302, Entry.objects.count()) == (True, written)
