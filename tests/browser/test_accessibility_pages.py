"""Every page of the demo handbook and every public view passes axe-core with all its default rules,
on a wide screen and on a phone.

They only read the demo handbook, so it is imported once for the module and
served to all of them (served_once); the tests that sign in or change the
settings are in test_accessibility.py.
"""

from pathlib import Path
from urllib.parse import quote

import pytest

from os2org.handbook.pages import collect_files
from os2org.handbook.services import import_handbook, page_slug
from tests.browser.conftest import served_once
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.conftest import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Every page of the demo handbook, every role page, and every other view.
HANDBOOK_PAGES = [f"/side/{page_slug(name)}/" for _path, name in collect_files([DEMO])]
ROLE_PAGES = [f"/roller/{Path(name).stem}/" for _path, name in collect_files([DEMO / "roller"])]
PAGES = [
    *HANDBOOK_PAGES,
    *ROLE_PAGES,
    "/roller/",
    f"/soeg/?q={quote('årshjul')}",
    "/soeg/",
    "/soeg/?q=ingen-tr%C3%A6f",
    "/",
    # The 404 page.
    "/side/findes-ikke/",
]



@pytest.fixture(scope="module")
def demo_server(browser, django_db_setup, django_db_blocker):
    """The demo handbook, served; its address."""
    with served_once(django_db_blocker, lambda: import_handbook([DEMO])) as (_imported, address):
        yield address


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("address", PAGES)
def test_page_has_no_accessibility_violations(page, demo_server, axe_source, address, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{demo_server}{address}")
    # Diagrams are part of the page: check them as drawn, not as source.
    page.wait_for_function(
        "document.querySelectorAll('pre.mermaid').length === document.querySelectorAll('pre.mermaid svg').length"
    )

    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_english_interface_has_no_accessibility_violations(page, demo_server, axe_source, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{demo_server}/en/roller/produktkoordinator/")

    assert axe_violations(page, axe_source) == []


