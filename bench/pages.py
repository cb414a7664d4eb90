"""The bench's pages and readers, read in-process: bench.py runs this on each size's database.

It prints JSON: the address of each key page in this database (a board
meeting's number differs from size to size), a session cookie for each
demo log-in, saved in the database so that gunicorn accepts it, the
organisation's size, and for every page and reader the status and the
number of queries of a first hit (empty cache) and of a cached hit, counted
with Django's test client as tests/test_scale_queries.py does.

    python bench/pages.py   # with the bench's environment (DATABASE_URL, …)
"""

import json
import os
import sys
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "os2org.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.encoding import iri_to_uri  # noqa: E402

from os2org.access.demo import USERNAMES  # noqa: E402
from os2org.governance.models import AgendaItem, Meeting  # noqa: E402
from os2org.handbook.models import Page  # noqa: E402
from os2org.organisation.models import Body, Person  # noqa: E402
from os2org.roles.models import RoleDescription  # noqa: E402

PUBLIC = "public"
HOST = "127.0.0.1"


def addresses():
    """{label: address} of the key pages; the detail pages are the demo's own, present at every size.

    The addresses are URIs (æ, ø and å percent-encoded), as a browser sends them.
    """
    board = Meeting.objects.filter(body__name="Bestyrelsen", starts__date__lt=date.today()).order_by("-starts")[1]
    page = Page.objects.get(path="organisation.md")
    role = RoleDescription.objects.get(name="Produktkoordinator")
    booking = Body.objects.get(name="Fælleskode Booking")
    pages = {
        "handbook page": f"/side/{page.slug}/",
        "role": f"/roller/{role.slug}/",
        "people": "/organisation/personer/",
        "body": f"/organisation/organer/{booking.slug}/",
        "wheel": "/aarshjul/",
        "upcoming": "/aarshjul/kommende/",
        "meetings": "/moeder/",
        "board meeting": f"/moeder/{board.pk}/",
        "decisions": "/beslutninger/",
        "decisions found": "/beslutninger/?q=budget",
        "follow-ups": "/opfoelgning/",
        "change log": "/aendringer/",
        "budgets": "/budgetter/",
        "members and money": "/medlemmer/",
        "outstanding": "/medlemmer/bidrag/udestaaende/",
    }
    return {label: iri_to_uri(address) for label, address in pages.items()}


def signed_in(username):
    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username=username))
    # A log-in that does not hold would measure the public's pages under the reader's name.
    if client.get("/konto/password_change/").status_code != 200:
        sys.exit(f"The demo log-in {username!r} is not signed in; its pages cannot be measured.")
    return client


def count(client, address):
    """(status, queries) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    return response.status_code, len(queries)


def main():
    readers = {PUBLIC: Client(HTTP_HOST=HOST), **{username: signed_in(username) for username in USERNAMES}}
    pages = addresses()
    queries = {}
    for reader, client in readers.items():
        for label, address in pages.items():
            cache.clear()
            status, first = count(client, address)
            _status, cached = count(client, address)
            queries[f"{reader} {label}"] = {"status": status, "first": first, "cached": cached}
    print(json.dumps({
        "pages": pages,
        "cookies": {
            reader: client.cookies[settings.SESSION_COOKIE_NAME].value
            for reader, client in readers.items()
            if reader != PUBLIC
        },
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "size": {"people": Person.objects.count(), "decisions": AgendaItem.objects.decisions().count()},
        "queries": queries,
    }))


if __name__ == "__main__":
    main()
