"""The handbook in Git as the secretariat sees it, in a real browser, checked with axe-core:
the status page, a conflict, and settling it."""

import pytest
from playwright.sync_api import expect

from os2org.sync.models import Conflict
from os2org.sync.services import pull
from tests.accounts import make_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations
from tests.sync.edits import edit
from tests.sync.repos import CONFIG, Remote, page

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_server, transactional_db, tmp_path, settings):
    """A handbook in Git, pulled; a page changed both here and in Git, pulled again: one conflict."""
    remote = Remote(tmp_path)
    remote.commit({"_config.yml": CONFIG, "index.md": page("Velkommen"), "roller/chef.md": page("Chef")})
    settings.HANDBOOK_GIT_URL = str(remote.path)
    settings.HANDBOOK_GIT_WORKDIR = tmp_path / "os2org"
    pull()
    staff = make_user("staff", "secretariat")
    edit("roller/chef.md", page("Chef", "Rettet her."), user=staff, note="Rettet her")
    remote.commit({"roller/chef.md": page("Chef", "Rettet i Git.")})
    pull()
    edit("index.md", page("Velkommen", "Velkommen til."), user=staff, note="Ny velkomst")
    return live_server.url, staff


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("where", ["", "konflikter/{conflict}/"], ids=["status", "conflict"])
def test_page_has_no_accessibility_violations(page, server, axe_source, language, where):
    address, staff = server
    sign_in(page, address, staff)

    page.goto(f"{address}{language}/git/{where.format(conflict=Conflict.objects.get().pk)}")

    assert axe_violations(page, axe_source) == []


def test_secretariat_settles_a_conflict_by_taking_os2orgs_version(page, server):
    address, staff = server
    sign_in(page, address, staff)
    page.goto(f"{address}/en/git/")

    page.get_by_role("link", name="roller/chef.md").click()
    page.get_by_label("os2org's version, saved as a new edit and pushed like any other").check()
    page.get_by_role("button", name="Settle the conflict").click()

    expect(page).to_have_url(f"{address}/en/git/")
    expect(page.locator("#conflicts + p + p")).to_have_text("None.")
