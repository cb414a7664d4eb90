"""My overview in Chromium: the page passes axe-core for each of the demo's log-ins, on a desk and on a
phone. (A board member answering minutes from it is in test_journeys.py.)

The tests only read the demo, so it is built once for the module and served to all of them."""

import pytest

from os2org.access.demo import LOGINS
from os2org.access.groups import BOARD
from os2org.organisation.models import Person
from tests.accounts import make_user
from tests.browser.conftest import build_demo, served_once, session_of, use_session
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# A desk and a phone.
WIDTHS = {1280: 800, 390: 844}
# The demo's log-ins by person, and one tied to nobody.
READERS = {username: (group, person) for username, group, person, _authority in LOGINS} | {"gaest": (BOARD, None)}


def build():
    """The demo, and a session of each reader: {username: session}."""
    build_demo()
    sessions = {}
    for username, (group, name) in READERS.items():
        user = make_user(username, group, person=Person.objects.get(name=name) if name else None)
        sessions[username] = session_of(user)
    return sessions


@pytest.fixture(scope="module")
def served(browser, django_db_setup, django_db_blocker):
    """({username: session}, the address)."""
    with served_once(django_db_blocker, build) as (sessions, address):
        yield sessions, address


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("username", READERS)
def test_overview_has_no_accessibility_violations(page, served, axe_source, username, width):
    sessions, demo_server = served
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    use_session(page, demo_server, sessions[username])

    response = page.goto(f"{demo_server}/mit-overblik/")

    # The overview itself, not the log-in page a lost session would lead to.
    assert (response.status, response.url, axe_violations(page, axe_source)) == (
        200,
        f"{demo_server}/mit-overblik/",
        [],
    )
